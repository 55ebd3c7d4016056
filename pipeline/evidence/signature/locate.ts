// Where a PDF's signatures are, in its bytes: each signature dictionary (/Type /Sig or
// /DocTimeStamp) with its /ByteRange, the exact place of its /Contents hex string, /M, /SubFilter
// and the DocMDP/FieldMDP transforms in its /Reference. Signature dictionaries are never in object
// streams (ISO 32000-1 §12.8.1: /ByteRange counts the file's own bytes), so a byte scan finds them.
import { decodePdfString, pdfDate } from '../signature-dictionary.js';

/** FieldMDP (ISO 32000-1 §12.8.2.3): which form fields the signature locks. */
export interface FieldLock {
  action: 'All' | 'Include' | 'Exclude';
  fields: string[];
}

export interface LocatedSignature {
  /** Offset of the dictionary's `N G obj` (or of the dictionary) in the file. */
  offset: number;
  /** `/Type`: `Sig` (a signature) or `DocTimeStamp` (a document timestamp, PAdES). */
  type: 'Sig' | 'DocTimeStamp';
  subFilter: string | null;
  /** The four /ByteRange numbers [a, b, c, d]: bytes a…a+b and c…c+d are signed. */
  byteRange: number[] | null;
  /** Offsets of `<` and just after `>` of the /Contents hex string. */
  contentsStart: number;
  contentsEnd: number;
  /** The CMS (DER) in /Contents, without the zero padding after it. */
  contents: Buffer;
  /** /M, ISO 8601. */
  signedAt: string | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  /** DocMDP permission P (1 no changes, 2 form filling and signing, 3 also annotations): a certification signature. */
  docMdp: 1 | 2 | 3 | null;
  fieldLock: FieldLock | null;
}

const MARKER = Buffer.from('/ByteRange', 'latin1');
const MAX_SIGNATURES = 16;
const LOOKBACK = 64 * 1024;

/** Every signature dictionary in the file, in file order (at most 16). */
export function locateSignatures(bytes: Buffer): LocatedSignature[] {
  const found: LocatedSignature[] = [];
  let searchFrom = 0;
  for (let at = bytes.indexOf(MARKER); at >= 0 && found.length < MAX_SIGNATURES; at = bytes.indexOf(MARKER, searchFrom)) {
    searchFrom = at + MARKER.length;
    const located = readDictionary(bytes, at);
    if (!located) continue;
    found.push(located);
    searchFrom = Math.max(searchFrom, located.contentsEnd);
  }
  return found;
}

function readDictionary(bytes: Buffer, at: number): LocatedSignature | null {
  const objAt = bytes.lastIndexOf(' obj', at);
  const start = objAt >= 0 && at - objAt < LOOKBACK ? lineStart(bytes, objAt) : Math.max(0, at - 4096);
  const endObj = bytes.indexOf('endobj', at);
  const end = endObj >= 0 ? endObj : Math.min(bytes.length, at + LOOKBACK);
  const dict = bytes.toString('latin1', start, end);
  const contentsMatch = /\/Contents\s*</u.exec(dict);
  if (!contentsMatch) return null;
  const contentsStart = start + contentsMatch.index + contentsMatch[0].length - 1;
  const close = bytes.indexOf('>', contentsStart);
  if (close < 0) return null;
  const contentsEnd = close + 1;
  const hex = bytes.toString('latin1', contentsStart + 1, close).replace(/[^0-9A-Fa-f]/gu, '');
  const outside = dict.slice(0, contentsStart - start) + dict.slice(contentsEnd - start);
  const range = /\/ByteRange\s*\[([\d\s]*)\]/u.exec(outside)?.[1]?.trim().split(/\s+/u).map(Number);
  const entry = (key: string) => new RegExp(`/${key}\\s*(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)`, 'u').exec(outside)?.[1];
  const text = (key: string) => {
    const token = entry(key);
    return token ? decodePdfString(token) : null;
  };
  const when = text('M');
  return {
    offset: start,
    type: /\/Type\s*\/DocTimeStamp/u.test(outside) ? 'DocTimeStamp' : 'Sig',
    subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/u.exec(outside)?.[1] ?? null,
    byteRange: range && range.length === 4 && range.every(Number.isFinite) ? range : null,
    contentsStart,
    contentsEnd,
    contents: derPrefix(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')),
    signedAt: when ? pdfDate(when) : null,
    name: text('Name'),
    reason: text('Reason'),
    location: text('Location'),
    docMdp: docMdpOf(outside),
    fieldLock: fieldLockOf(outside),
  };
}

function lineStart(bytes: Buffer, at: number): number {
  let k = at;
  while (k > 0 && bytes[k - 1] !== 0x0a && bytes[k - 1] !== 0x0d) k -= 1;
  return k;
}

/** The DER value at the start of `bytes` (the hex string is padded with zeros to its reserved size). */
function derPrefix(bytes: Buffer): Buffer {
  if (bytes.length < 2) return bytes;
  let length = bytes[1] ?? 0;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) return bytes;
    length = 0;
    for (let k = 0; k < count; k += 1) length = length * 256 + (bytes[2 + k] ?? 0);
    header += count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : bytes;
}

function docMdpOf(dict: string): 1 | 2 | 3 | null {
  if (!/\/TransformMethod\s*\/DocMDP/u.test(dict)) return null;
  const p = /\/TransformParams\s*<<[^]*?\/P\s+(\d)/u.exec(dict)?.[1];
  // ISO 32000-1 Table 254: P defaults to 2.
  const value = p === undefined ? 2 : Number(p);
  return value === 1 || value === 3 ? value : 2;
}

function fieldLockOf(dict: string): FieldLock | null {
  if (!/\/TransformMethod\s*\/FieldMDP/u.test(dict)) return null;
  const action = /\/Action\s*\/(All|Include|Exclude)/u.exec(dict)?.[1] as FieldLock['action'] | undefined;
  const list = /\/Fields\s*\[([^\]]*)\]/u.exec(dict)?.[1] ?? '';
  const fields = [...list.matchAll(/\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>/gu)].map((m) => decodePdfString(m[0]));
  return { action: action ?? 'All', fields };
}
