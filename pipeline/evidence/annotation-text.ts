// Text drawn in annotations' appearance streams (a stamp or a signature appearance carrying the
// number and the day stamped at signing). pdf.js exposes appearance text only for FreeText and
// form fields; for the others the appearance's content stream is read here: its text-showing
// operators decoded through the font's ToUnicode map, or WinAnsi for simple fonts. An appearance
// that only paints a picture gives the picture, decoded, for OCR on its own. What cannot be
// decoded is left to OCR of the rendered page.
import { decodePDFRawStream, loadWholePdf, PDFArray, PDFDict, PDFName, PDFRawStream, PDFStream } from './pdf-lib.js';
import { nfc } from '../util/text.js';
import { operations, STATE_OPERATORS } from './content-stream.js';
import { decodeImageXObject, type GreyPixels } from './image-xobject.js';

export interface AppearanceText {
  subtype: string;
  /** The annotation's /Rect in PDF user space: [x0, y0, x1, y1]. */
  rect: [number, number, number, number];
  text: string;
}

export interface AppearancePicture {
  subtype: string;
  /** The annotation's /Rect in PDF user space: [x0, y0, x1, y1]. */
  rect: [number, number, number, number];
  /** The one picture the appearance paints, decoded over white when asked (null if it cannot be). */
  decode(): Promise<GreyPixels | null>;
}

export interface Appearances {
  texts: AppearanceText[];
  pictures: AppearancePicture[];
}

/** Texts of page 1's annotation appearances that can be decoded, and the pictures of those that only paint one. */
export async function annotationAppearances(file: string): Promise<Appearances> {
  const none: Appearances = { texts: [], pictures: [] };
  try {
    const pdf = await loadWholePdf(file);
    if (!pdf) return none;
    const annots = pdf.getPage(0).node.Annots();
    if (!annots) return none;
    const out: AppearanceText[] = [];
    const pictures: AppearancePicture[] = [];
    for (let k = 0; k < annots.size(); k += 1) {
      const annot = annots.lookup(k);
      if (!(annot instanceof PDFDict)) continue;
      const subtype = annot.lookup(PDFName.of('Subtype'));
      const name = subtype instanceof PDFName ? subtype.decodeText() : 'Unknown';
      if (name === 'Link' || name === 'Popup') continue;
      const rect = annot.lookup(PDFName.of('Rect'));
      if (!(rect instanceof PDFArray) || rect.size() !== 4) continue;
      const numbers = [0, 1, 2, 3].map((i) => Number(rect.lookup(i)?.toString())) as [number, number, number, number];
      const appearance = normalAppearance(annot);
      if (!appearance) continue;
      const text = nfc(streamText(appearance, 0).replace(/\s+/gu, ' ').trim());
      if (text !== '') out.push({ subtype: name, rect: numbers, text });
      else {
        const picture = onlyPicture(appearance);
        if (picture) pictures.push({ subtype: name, rect: numbers, decode: () => decodeImageXObject(picture).catch(() => null) });
      }
    }
    return { texts: out, pictures };
  } catch {
    return none;
  }
}

/** The image an appearance paints when that is all it paints (state operators around one `Do`); null otherwise. */
function onlyPicture(stream: PDFRawStream): PDFRawStream | null {
  const resources = stream.dict.lookup(PDFName.of('Resources'));
  const xobjects = resources instanceof PDFDict ? resources.lookup(PDFName.of('XObject')) : undefined;
  if (!(xobjects instanceof PDFDict)) return null;
  const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  if (content.length > 4096) return null;
  let found: PDFRawStream | null = null;
  for (const { op, operands } of operations(content)) {
    if (op === 'Do') {
      const name = operands.find((t) => t.kind === 'name');
      const image = name ? xobjects.lookup(PDFName.of(name.value)) : undefined;
      if (found || !(image instanceof PDFRawStream) || image.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return null;
      found = image;
    } else if (!STATE_OPERATORS.has(op)) return null;
  }
  return found;
}

function normalAppearance(annot: PDFDict): PDFRawStream | null {
  const ap = annot.lookup(PDFName.of('AP'));
  if (!(ap instanceof PDFDict)) return null;
  const normal = ap.lookup(PDFName.of('N'));
  if (normal instanceof PDFRawStream) return normal;
  if (normal instanceof PDFDict) {
    const state = annot.lookup(PDFName.of('AS'));
    const chosen = state instanceof PDFName ? normal.lookup(state) : normal.lookup(normal.keys()[0] ?? PDFName.of('Off'));
    return chosen instanceof PDFRawStream ? chosen : null;
  }
  return null;
}

type Decoder = (bytes: Uint8Array) => string | null;

/** The text a form XObject shows, its nested forms included (two levels deep at most). */
function streamText(stream: PDFRawStream, depth: number): string {
  const resources = stream.dict.lookup(PDFName.of('Resources'));
  const fonts = resources instanceof PDFDict ? resources.lookup(PDFName.of('Font')) : undefined;
  const xobjects = resources instanceof PDFDict ? resources.lookup(PDFName.of('XObject')) : undefined;
  const content = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  if (content.length > 200_000) return '';
  let decoder: Decoder = () => null;
  const parts: string[] = [];
  for (const { op, operands } of operations(content)) {
    if (op === 'Tf') {
      const fontName = operands.find((t) => t.kind === 'name');
      const font = fonts instanceof PDFDict && fontName ? fonts.lookup(PDFName.of(fontName.value)) : undefined;
      decoder = font instanceof PDFDict ? fontDecoder(font) : () => null;
    } else if (op === 'Tj' || op === "'" || op === '"') {
      const s = [...operands].reverse().find((t) => t.kind === 'string');
      if (s?.bytes) parts.push(decoder(s.bytes) ?? '');
    } else if (op === 'TJ') {
      for (const t of operands) {
        if (t.kind === 'string' && t.bytes) parts.push(decoder(t.bytes) ?? '');
        else if (t.kind === 'number' && Number(t.value) < -200) parts.push(' ');
      }
    } else if (op === 'ET' || op === 'Td' || op === 'TD' || op === 'T*') {
      parts.push(' ');
    } else if (op === 'Do' && depth < 2 && xobjects instanceof PDFDict) {
      const name = operands.find((t) => t.kind === 'name');
      const form = name ? xobjects.lookup(PDFName.of(name.value)) : undefined;
      if (form instanceof PDFRawStream && form.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Form')) parts.push(' ', streamText(form, depth + 1), ' ');
    }
  }
  return parts.join('');
}

/** Bytes to text for one font: through its ToUnicode map, or WinAnsi for a simple font. */
function fontDecoder(font: PDFDict): Decoder {
  const toUnicode = font.lookup(PDFName.of('ToUnicode'));
  if (toUnicode instanceof PDFStream && toUnicode instanceof PDFRawStream) {
    const map = parseToUnicode(Buffer.from(decodePDFRawStream(toUnicode).decode()).toString('latin1'));
    if (map) return (bytes) => decodeWith(map, bytes);
  }
  const subtype = font.lookup(PDFName.of('Subtype'));
  if (subtype === PDFName.of('Type0')) return () => null;
  return (bytes) => Buffer.from(bytes).toString('latin1');
}

interface CMap {
  codeBytes: number;
  map: Map<number, string>;
}

/** The bfchar and bfrange entries of a ToUnicode CMap. */
export function parseToUnicode(text: string): CMap | null {
  const map = new Map<number, string>();
  const space = /<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>/u.exec(/begincodespacerange([\s\S]*?)endcodespacerange/u.exec(text)?.[1] ?? '');
  const codeBytes = space ? Math.max(1, (space[1] ?? '').length / 2) : 2;
  const hexText = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/gu)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/gu)) map.set(Number.parseInt(m[1] ?? '0', 16), hexText((m[2] ?? '').replace(/\s+/gu, '')));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/gu)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]*>)/gu)) {
      const from = Number.parseInt(m[1] ?? '0', 16);
      const to = Number.parseInt(m[2] ?? '0', 16);
      const target = m[3] ?? '';
      if (to - from > 65_535) continue;
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-fA-F\s]*)>/gu)].forEach((t, k) => map.set(from + k, hexText((t[1] ?? '').replace(/\s+/gu, ''))));
      } else {
        const base = (target.slice(1, -1).replace(/\s+/gu, ''));
        const last = Number.parseInt(base.slice(-4), 16);
        for (let code = from; code <= to; code += 1) map.set(code, hexText(base.slice(0, -4)) + String.fromCharCode(last + code - from));
      }
    }
  }
  return map.size > 0 ? { codeBytes, map } : null;
}

function decodeWith(cmap: CMap, bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i + cmap.codeBytes <= bytes.length; i += cmap.codeBytes) {
    let code = 0;
    for (let b = 0; b < cmap.codeBytes; b += 1) code = code * 256 + (bytes[i + b] ?? 0);
    const ch = cmap.map.get(code);
    if (ch === undefined) return null;
    out += ch;
  }
  return out;
}
