// Strings and dates as PDF signature dictionaries write them (/M, /Name, /Reason, /Location, field
// names): PDF string literals or hex strings, PDFDocEncoding or UTF-16BE, and PDF dates. The
// signatures themselves are found and verified in ./signature/.
import { literalEscape } from './content-stream.js';

/** A PDF string literal `(…)` or hex string `<…>`, PDFDocEncoding or UTF-16BE with a BOM. */
export function decodePdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/gu, '');
    bytes = (hex.match(/../gu) ?? []).map((h) => Number.parseInt(h, 16));
  } else {
    bytes = [];
    const body = token.slice(1, -1);
    for (let i = 0; i < body.length; i += 1) {
      const ch = body.charAt(i);
      if (ch !== '\\') {
        bytes.push(body.charCodeAt(i) & 0xff);
        continue;
      }
      // An undefined escape drops its backslash: the next character is read as itself.
      const escape = literalEscape(body, i);
      if (escape) {
        bytes.push(escape.byte);
        i += escape.length - 1;
      }
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const units = bytes.slice(2, 2 + ((bytes.length - 2) & ~1));
    return Buffer.from(units).swap16().toString('utf16le').normalize('NFC');
  }
  return Buffer.from(bytes).toString('latin1').normalize('NFC');
}

/** `D:20210707074613+07'00'` → `2021-07-07T07:46:13+07:00`. */
export function pdfDate(value: string): string | null {
  const m = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/u.exec(value.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zone, zh = '00', zm = '00'] = m;
  const offset = zone === undefined ? '' : zone === 'Z' || zone === 'z' ? 'Z' : `${zone}${zh}:${zm}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}
