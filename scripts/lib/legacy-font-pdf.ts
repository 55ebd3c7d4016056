// Older documents typed in legacy TCVN3 (ABC) or VNI fonts: the page renders correctly, but the
// characters behind the glyphs are the 8-bit codes of those fonts, so the text layer reads
// "Céng hßa x· héi chñ nghÜa ViÖt Nam" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI). Made here by
// rewriting the ToUnicode maps of a normal document. Test data only.
import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { composeDocument, type DocumentSpec, finish } from './decree30-pdf.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

// TCVN3 (TCVN 5712:1993, VN3) codes shown as Windows-1252, lower case; from glibc's TCVN5712-1 table.
const TCVN3_LOWER: Record<string, string> = {
  à: 'µ', á: '¸', ả: '¶', ã: '·', ạ: '¹', ă: '¨', ằ: '»', ắ: '¾', ẳ: '¼', ẵ: '½', ặ: 'Æ',
  â: '©', ầ: 'Ç', ấ: 'Ê', ẩ: 'È', ẫ: 'É', ậ: 'Ë', è: 'Ì', é: 'Ð', ẻ: 'Î', ẽ: 'Ï', ẹ: 'Ñ',
  ê: 'ª', ề: 'Ò', ế: 'Õ', ể: 'Ó', ễ: 'Ô', ệ: 'Ö', ì: '×', í: 'Ý', ỉ: 'Ø', ĩ: 'Ü', ị: 'Þ',
  ò: 'ß', ó: 'ã', ỏ: 'á', õ: 'â', ọ: 'ä', ô: '«', ồ: 'å', ố: 'è', ổ: 'æ', ỗ: 'ç', ộ: 'é',
  ơ: '¬', ờ: 'ê', ớ: 'í', ở: 'ë', ỡ: 'ì', ợ: 'î', ù: 'ï', ú: 'ó', ủ: 'ñ', ũ: 'ò', ụ: 'ô',
  ư: '\u00AD', ừ: 'õ', ứ: 'ø', ử: 'ö', ữ: '÷', ự: 'ù', ỳ: 'ú', ý: 'ý', ỷ: 'û', ỹ: 'ü', ỵ: 'þ', đ: '®',
};
// Capitals with their own code; capitals with a tone were typed in the capitals font (.VnTimeH)
// with the small letter's code.
const TCVN3_UPPER: Record<string, string> = { Ă: '¡', Â: '¢', Ê: '£', Ô: '¤', Ơ: '¥', Ư: '¦', Đ: '§' };

function tcvn3(ch: string): string {
  if (TCVN3_UPPER[ch]) return TCVN3_UPPER[ch];
  const lower = ch.toLowerCase();
  return TCVN3_LOWER[lower] ?? ch;
}

// VNI: base letter followed by a mark character; ơ ư đ and the toned i are single characters.
const VNI_TONES_LOWER: Record<string, string> = { '\u0301': 'ù', '\u0300': 'ø', '\u0309': 'û', '\u0303': 'õ', '\u0323': 'ï' };
const VNI_TONES_UPPER: Record<string, string> = { '\u0301': 'Ù', '\u0300': 'Ø', '\u0309': 'Û', '\u0303': 'Õ', '\u0323': 'Ï' };
const VNI_CIRCUMFLEX: Record<string, string> = { '': 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' };
const VNI_BREVE: Record<string, string> = { '': 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' };
const VNI_I: Record<string, string> = { '\u0301': 'í', '\u0300': 'ì', '\u0309': 'æ', '\u0303': 'ó', '\u0323': 'ò' };

function vni(ch: string): string {
  if (ch === 'đ') return 'ñ';
  if (ch === 'Đ') return 'Ñ';
  const parts = ch.normalize('NFD');
  const base = parts.charAt(0);
  const marks = parts.slice(1);
  if (marks === '' || !/[aeiouyAEIOUY]/u.test(base)) return ch;
  const upper = base === base.toUpperCase();
  const caseOf = (s: string) => (upper ? s.toUpperCase() : s);
  const tone = [...marks].find((m) => m in VNI_TONES_LOWER) ?? '';
  if (marks.includes('\u031B')) return `${caseOf(base === 'o' || base === 'O' ? 'ô' : 'ö')}${tone ? caseOf(VNI_TONES_LOWER[tone] ?? '') : ''}`;
  if (marks.includes('\u0302')) return `${base}${caseOf(VNI_CIRCUMFLEX[tone] ?? '')}`;
  if (marks.includes('\u0306')) return `${base}${caseOf(VNI_BREVE[tone] ?? '')}`;
  if (base === 'i' || base === 'I') return caseOf(VNI_I[tone] ?? base);
  return `${base}${(upper ? VNI_TONES_UPPER : VNI_TONES_LOWER)[tone] ?? ''}`;
}

/** What a legacy-font text layer shows for `text`. */
export function toLegacyMojibake(text: string, encoding: LegacyEncoding): string {
  const map = encoding === 'tcvn3' ? tcvn3 : vni;
  return [...text.normalize('NFC')].map(map).join('');
}

/** Lay out `spec` and give it the text layer of a document typed in a legacy font. */
export async function renderLegacyFontDocument(spec: DocumentSpec, encoding: LegacyEncoding): Promise<Buffer> {
  const { doc } = composeDocument(spec);
  const pdf = await PDFDocument.load(await finish(doc), { updateMetadata: false });
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    if (!text.includes('begincmap')) continue;
    const rewritten = text.replace(/\[([^\]]*)\]/gu, (_, entries: string) =>
      `[${entries.replace(/<([0-9a-fA-F ]+)>/gu, (_m, hex: string) => `<${utf16Hex(toLegacyMojibake(fromUtf16Hex(hex), encoding))}>`)}]`);
    pdf.context.assign(ref, pdf.context.flateStream(rewritten));
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

function fromUtf16Hex(hex: string): string {
  const units = hex.trim().split(/\s+/u).map((h) => Number.parseInt(h, 16));
  return String.fromCharCode(...units);
}

function utf16Hex(text: string): string {
  return [...text].flatMap((ch) => {
    const units: string[] = [];
    for (let i = 0; i < ch.length; i += 1) units.push(ch.charCodeAt(i).toString(16).padStart(4, '0'));
    return units;
  }).join(' ');
}
