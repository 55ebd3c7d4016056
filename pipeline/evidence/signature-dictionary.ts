// PDF digital signatures: the signature dictionary (/Type /Sig, /ByteRange, /Contents <CMS>, /M)
// sits in the file uncompressed, because /ByteRange counts the file's own bytes. Found by scanning
// the bytes; the signer is read from the certificate inside the CMS (PKCS#7) blob.
import { X509Certificate } from 'node:crypto';
import { open } from 'node:fs/promises';
import { literalEscape } from './content-stream.js';

export interface SignatureDictionary {
  /** /M, ISO 8601. */
  signedAt: string | null;
  /** /Name, when the signing software wrote one. */
  name: string | null;
  /** Signer certificate: common name (the agency or person) and organisation. */
  commonName: string | null;
  organisation: string | null;
}

const MARKER = Buffer.from('/ByteRange', 'latin1');
const CHUNK = 1 << 20;
const WINDOW = 96 * 1024;
const MAX_SIGNATURES = 8;

/** Scan a file for signature dictionaries without reading it whole. */
export async function scanSignatureDictionaries(file: string): Promise<SignatureDictionary[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const found: SignatureDictionary[] = [];
    // Sized to the file: a megabyte zeroed for every small PDF only feeds the garbage collector.
    const buffer = Buffer.allocUnsafe(Math.min(size, CHUNK) + MARKER.length);
    for (let offset = 0; offset < size && found.length < MAX_SIGNATURES; offset += CHUNK) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      let at = buffer.subarray(0, bytesRead).indexOf(MARKER);
      while (at >= 0 && found.length < MAX_SIGNATURES) {
        const position = offset + at;
        const start = Math.max(0, position - WINDOW / 2);
        const window = Buffer.alloc(Math.min(WINDOW, size - start));
        await handle.read(window, 0, window.length, start);
        const parsed = parseSignatureDictionary(window, position - start);
        if (parsed) found.push(parsed);
        const next = buffer.subarray(at + MARKER.length, bytesRead).indexOf(MARKER);
        at = next < 0 ? -1 : at + MARKER.length + next;
      }
    }
    return found;
  } finally {
    await handle.close();
  }
}

/** Parse the dictionary around a `/ByteRange` at `at` in `bytes`; null when it is not a signature. */
export function parseSignatureDictionary(bytes: Buffer, at: number): SignatureDictionary | null {
  const text = bytes.toString('latin1');
  const objStart = text.lastIndexOf(' obj', at);
  const start = objStart >= 0 && at - objStart < WINDOW / 2 ? objStart : Math.max(0, at - 4096);
  const endObj = text.indexOf('endobj', at);
  const end = endObj >= 0 ? endObj : text.length;
  const dict = text.slice(start, end);
  if (!/\/Contents\s*</u.test(dict)) return null;
  const contents = /\/Contents\s*<([0-9A-Fa-f\s]*)>/u.exec(dict)?.[1]?.replace(/\s+/gu, '') ?? '';
  const when = /\/M\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/u.exec(dict)?.[1];
  const name = /\/Name\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/u.exec(dict)?.[1];
  const subject = contents ? signerOf(Buffer.from(contents, 'hex')) : null;
  return {
    signedAt: when ? pdfDate(decodePdfString(when)) : null,
    name: name ? decodePdfString(name) : null,
    commonName: subject?.commonName ?? null,
    organisation: subject?.organisation ?? null,
  };
}

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

interface Node {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

function readNode(der: Buffer, at: number): Node | null {
  if (at + 2 > der.length) return null;
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let contentStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || contentStart + count > der.length) return null;
    length = 0;
    for (let k = 0; k < count; k += 1) length = length * 256 + (der[contentStart + k] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  return end > der.length ? null : { tag, start: at, contentStart, end };
}

function children(der: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let at = node.contentStart; at < node.end;) {
    const child = readNode(der, at);
    if (!child) break;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The signer certificate's CN and O, from a CMS SignedData (ContentInfo → [0] → SignedData → [0] certificates). */
function signerOf(cms: Buffer): { commonName: string | null; organisation: string | null } | null {
  try {
    const info = readNode(cms, 0);
    if (!info) return null;
    const wrapper = children(cms, info).find((n) => n.tag === 0xa0);
    const signedData = wrapper ? children(cms, wrapper)[0] : undefined;
    const certificates = signedData ? children(cms, signedData).find((n) => n.tag === 0xa0) : undefined;
    if (!certificates) return null;
    const certs = children(cms, certificates).map((n) => new X509Certificate(cms.subarray(n.start, n.end)));
    const signer = certs.find((c) => !c.ca) ?? certs[0];
    if (!signer) return null;
    const field = (key: string) => new RegExp(`^${key}=(.*)$`, 'mu').exec(signer.subject)?.[1]?.trim() ?? null;
    return { commonName: field('CN'), organisation: field('O') };
  } catch {
    return null;
  }
}
