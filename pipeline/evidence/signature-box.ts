// The visible signature box that signing software stamps on a page:
//   Ký bởi: Sở Nội vụ  Email: snv@…  Cơ quan: Tỉnh Lào Cai  Thời gian ký: 05.02.2024 10:11:12 +07:00
// Its time is the signing time, never the document's date.
import { isoDateOf } from '../util/dates.js';
import { normaliseExtractedText } from './normalise-text.js';
import { plausibleSignerName } from './plausible-name.js';

export interface SignatureBox {
  /** `Ký bởi` / `Người ký`. */
  signedBy: string | null;
  /** `Cơ quan` / `Đơn vị`. */
  organisation: string | null;
  /** ISO 8601, with the offset when the box gives one. */
  signedAt: string | null;
}

const LABELS = ['Ký bởi', 'Người ký', 'Cơ quan', 'Đơn vị', 'Tổ chức', 'Email', 'Thời gian ký', 'Ngày ký', 'Ngày giờ ký'];
const LABEL = new RegExp(`(${LABELS.join('|')})\\s*:`, 'giu');
const TIME = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2}))?|(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{2}):?(\d{2})/u;

/** Labels that open a line of a signature box: the signer or the signing time, and the box's other lines. */
const SIGNING_LINE = /^\s*(?:ký bởi|người ký|thời gian ký|ngày ký|ngày giờ ký)\s*:/iu;
const DETAIL_LINE = /^\s*(?:cơ quan|đơn vị|tổ chức|email)\s*:/iu;

/**
 * What a text line (or piece) of a page is to a signature box: `signing` when it opens with the
 * signer's or the signing time's label (`Ký bởi:`, `Thời gian ký:`, …), `detail` with one of the
 * box's other labels (`Cơ quan:`, `Email:`, which a body text may use too), null otherwise.
 */
export function signatureBoxLine(text: string): 'signing' | 'detail' | null {
  const line = normaliseExtractedText(text).text;
  return SIGNING_LINE.test(line) ? 'signing' : DETAIL_LINE.test(line) ? 'detail' : null;
}

/** Read a signature box from text; null when the text has none. */
export function parseSignatureBox(raw: string): SignatureBox | null {
  const text = normaliseExtractedText(raw).text;
  const found = [...text.matchAll(LABEL)];
  if (!found.some((m) => /^(ký bởi|người ký|thời gian ký|ngày ký|ngày giờ ký)$/iu.test(m[1] ?? ''))) return null;
  const values = new Map<string, string>();
  found.forEach((m, k) => {
    const start = m.index + m[0].length;
    const next = found[k + 1]?.index ?? text.length;
    const lineEnd = text.indexOf('\n', start);
    const end = Math.min(next, lineEnd === -1 ? text.length : lineEnd);
    const key = (m[1] ?? '').toLowerCase();
    if (!values.has(key)) values.set(key, text.slice(start, end).replace(/\s+/gu, ' ').trim());
  });
  const pick = (...keys: string[]) => keys.map((k) => values.get(k)).find((v) => v !== undefined && v !== '') ?? null;
  const when = pick('thời gian ký', 'ngày giờ ký', 'ngày ký');
  return {
    signedBy: pick('ký bởi', 'người ký'),
    organisation: pick('cơ quan', 'đơn vị', 'tổ chức'),
    signedAt: when === null ? null : signingTime(when),
  };
}

/**
 * A signature box OCR read from a page image (a scan of a printed box): the signer and the
 * organisation only when they are plausibly names (`plausibleSignerName`), so that OCR's misreadings
 * (`hanglì Quảng Ngãi`, `Ủ`) are never shown as who signed; the time as read (it must exist).
 * Null when no box is left.
 */
export function parseOcrSignatureBox(raw: string): SignatureBox | null {
  return screenOcrSignatureBox(parseSignatureBox(raw));
}

/** `parseOcrSignatureBox` for a box already parsed from OCR'd text (a scanner's hidden text layer). */
export function screenOcrSignatureBox(box: SignatureBox | null): SignatureBox | null {
  if (!box) return null;
  const screened = { ...box, signedBy: plausibleSignerName(box.signedBy), organisation: plausibleSignerName(box.organisation) };
  return screened.signedBy === null && screened.organisation === null && screened.signedAt === null ? null : screened;
}

/** The signing time of a box's value, ISO 8601; null when there is none or it does not exist (31.02, 25:10). */
function signingTime(value: string): string | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const pad = (v: string | undefined) => (v ?? '00').padStart(2, '0');
  const [day, month, year] = m[10] ? [m[12], m[11], m[10]] : [m[1], m[2], m[3]];
  if (isoDateOf(Number(day), Number(month), Number(year)) === null) return null;
  const [hour, minute, second] = m[10] ? [m[13], m[14], m[15]] : [m[4], m[5], m[6]];
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return null;
  if (m[10]) return `${m[10]}-${m[11]}-${m[12]}T${m[13]}:${m[14]}:${pad(m[15])}${m[16]}${m[17]}:${m[18]}`;
  const date = `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
  if (!m[4]) return date;
  const offset = m[7] ? `${m[7]}${pad(m[8])}:${m[9]}` : '';
  return `${date}T${pad(m[4])}:${m[5]}:${pad(m[6])}${offset}`;
}
