// How one PDF is read: the text layer of page 1 first (free), annotations stamped over its blanks,
// then OCR of only what is missing: the number/date row of a signed document whose overlay has no
// text, or the header of page 1 of a scan (turned over if upside down, widened if not found).
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Extraction, ExtractionSource } from '../model.js';
import { parseCitations } from './citations.js';
import { fieldConfidence } from './confidence.js';
import { buildLines, columnText, confidenceIn, type Line, linesFromGroups, type Segment, type MappedText, type Piece, piecesIn, plainText } from './layout.js';
import type { Layout, OcrEngine } from './ocr-engine.js';
import { type ParsedDate, type ParsedNumber, parseHeader, parseStampedNumeral, type Repair, withNumeral } from './parse-header.js';
import { cropBand, findNumberDateRow } from './header-rows.js';
import { type PageImage, pageOneImage, renderImageRegion } from './page-image.js';
import { appearanceTexts } from './annotation-text.js';
import { legacyDateDigits, legacyNumber } from './legacy-text.js';
import { annotations, type AnnotationInfo, type GreyImage, openPdf, viewportRect, pagesText, type PageSize, pageSize, type Region, renderRegion, textPieces } from './pdf-page.js';
import { parseSignatureBox } from './signature-box.js';
import { scanSignatureDictionaries } from './signature-dictionary.js';
import { assessTextLayer } from './text-quality.js';

/** What the reader process returns for a file: an Extraction without file name, hash and version. */
export type PdfReading = Omit<Extraction, 'file' | 'sha256' | 'readerVersion'>;

export interface ReadPdfOptions {
  ocr: OcrEngine;
  /** Called after each OCR recognition, for progress reports. */
  onOcr?: () => void;
  /** Pages whose text layer is searched for citations. */
  citationPages?: number;
}

export interface ReadPdfResult {
  reading: PdfReading;
  ocrRegions: number;
}

/** Where the two header columns meet, as a share of the page width (left column: 30 mm margin + 40 % of the text width). */
const COLUMN_SPLIT = 0.46;
/** The header zone searched first, as a share of the page height. */
const HEADER_ZONE = 0.4;
/** Rendering resolution for OCR of a header row stamped over a text layer. */
const BAND_DPI = 300;
/** Rendering resolution for OCR of a scanned header: enough for 12–13 pt print and a clerk's stamp. */
const OCR_DPI = 220;
const A4_AREA = 595.28 * 841.89;
/** Resolution of the second look at a row that read only in part. */
const RETRY_DPI = 300;
/** The top of page 1 OCR reads first: the two header columns and the number/date row. */
const HEADER_OCR_ZONE = 0.21;

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface Field<T> {
  value: T;
  confidence: number;
  origin: ExtractionSource;
  /** Lowest confidence of the characters read, and what was repaired: to re-rate a partial use. */
  read: number;
  repairs: Repair[];
  /** The line segment it was read from, in the coordinates of what was read (points for text layers). */
  box: Box | null;
}

interface Header {
  number: Field<ParsedNumber> | null;
  date: Field<ParsedDate> | null;
}

export function emptyReading(): PdfReading {
  return {
    status: 'ok', source: null,
    number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null, blankNumber: false,
    date: null, place: null, blankDate: false,
    confidence: 0, numberConfidence: 0, dateConfidence: 0,
    signed: false, signer: null, signedAt: null, scanned: false, scanDpi: null, textLayer: null,
    pages: 0, headerPage: null, citations: [],
  };
}

export function unreadable(error: string, pages = 0): PdfReading {
  return { ...emptyReading(), status: 'unreadable', error, pages };
}

export async function readPdf(file: string, options: ReadPdfOptions): Promise<ReadPdfResult> {
  let ocrRegions = 0;
  let largestImage: { width: number; height: number } | null = null;
  let inkSeen = false;
  let pageImage: PageImage | null = null;
  const render = async (page: PDFPageProxy, region: Region, dpi: number, rotation: 0 | 180) => {
    const rendered = pageImage ? await renderImageRegion(pageImage, region, dpi, rotation) : await renderRegion(page, region, dpi, rotation);
    largestImage ??= rendered.largestImage;
    if (rendered.inkPixels > 0) inkSeen = true;
    return rendered;
  };
  const recognise = async (image: GreyImage, layout: Layout, split = image.width * COLUMN_SPLIT): Promise<Header & { numeral: Stamped | null; text: string; confidence: number }> => {
    const result = await options.ocr.recognise(image, layout);
    ocrRegions += 1;
    options.onOcr?.();
    const lines = linesFromGroups(result.lines, split);
    const mapped = columnText(lines, split);
    return { ...readMapped(mapped, true), numeral: readStamped(mapped), text: plainText(lines).text, confidence: result.confidence };
  };
  /** OCR of boxes of page 1 (points from the top-left) that hold one text row each, one image each. */
  const recogniseBoxes = async (page: PDFPageProxy, size: PageSize, boxes: Box[], into: Header, mode: 'fill-blanks' | 'merge') => {
    let header = into;
    for (const box of mergeBoxes(boxes)) {
      // A little above the row (overlays sit high) and hardly below it: the next line must not creep in.
      const height = (box.y1 - box.y0) / box.rows;
      const top = Math.max(0, box.y0 - height * 0.35);
      const left = Math.max(0, box.x0 - height);
      const region: Region = {
        left: left / size.width,
        top: top / size.height,
        width: Math.min(size.width - left, box.x1 - box.x0 + 2 * height) / size.width,
        height: Math.min(size.height - top, box.y1 - box.y0 + height * 0.47) / size.height,
      };
      const rendered = await render(page, region, BAND_DPI, 0);
      if (rendered.inkPixels === 0) continue;
      // One text row: recognise it as a line (no layout analysis); merged rows as a block.
      const split = (size.width * COLUMN_SPLIT - left) * rendered.image.scale;
      const seen = await recognise(rendered.image, box.rows > 1 ? 'block' : 'line', split);
      header = mode === 'fill-blanks' ? fillBlanks(header, seen) : mergeHeader(header, seen);
    }
    return header;
  };

  const signatures = await scanSignatureDictionaries(file);
  let doc;
  try {
    doc = await openPdf(file);
  } catch (error) {
    return { reading: unreadable(describePdfError(error)), ocrRegions };
  }
  try {
    const reading = emptyReading();
    reading.pages = doc.numPages;
    const page = await doc.getPage(1);
    const size = pageSize(page);
    if (!(size.width > 0 && size.height > 0)) return { reading: unreadable('trang 1 không có kích thước hợp lệ', doc.numPages), ocrRegions };
    const pieces = await textPieces(page);
    const notes = await annotations(page);
    const textLines = buildLines(pieces, size.width * COLUMN_SPLIT);
    const pageText = plainText(textLines).text;
    const verdict = assessTextLayer(pageText);
    reading.textLayer = verdict.usable ? 'ok' : verdict.reason === 'thin' ? 'none' : verdict.reason;

    let box = verdict.usable ? parseSignatureBox(pageText) : null;
    const signed = signatures.length > 0 || notes.some((n) => n.signatureField) || box !== null;

    let header: Header = { number: null, date: null };
    if (verdict.usable) {
      const overlays = notes.filter((n) => n.text !== null && !n.signatureField).map(overlayPiece);
      header = readTextLayer(pieces, overlays, size);
      // A blank under an annotation pdf.js has no text for (a stamp drawn in its appearance):
      // read the appearance's own text before rendering anything.
      const silent = notes.filter((n) => n.text === null && !n.signatureField);
      const blank = [header.number?.value.blankNumber ? header.number.box : null, header.date?.value.blankDate ? header.date.box : null];
      if (silent.length > 0 && blank.some((b) => b !== null)) {
        const drawn = (await appearanceTexts(file))
          .map((a) => ({ ...viewportRect(page, a.rect), text: a.text }))
          .filter((a) => !overlays.some((o) => o.x0 < a.x1 && a.x0 < o.x1 && o.y0 < a.y1 && a.y0 < o.y1))
          .map((a): Piece => ({ ...a, origin: 'annotation', confidence: 1 }));
        if (drawn.length > 0) header = fillBlanks(header, readTextLayer(pieces, [...overlays, ...drawn], size));
      }
      // Blanks in the text layer of a signed document, or under an annotation: the signing
      // overlay may show the number and the day; OCR the piece of the row they are in, as rendered.
      const blanks = [header.number?.value.blankNumber ? header.number.box : null, header.date?.value.blankDate ? header.date.box : null]
        .filter((b): b is Box => b !== null)
        .filter((b) => signed || notes.some((n) => !n.signatureField && n.y1 > b.y0 && n.y0 < b.y1));
      if (blanks.length > 0) header = await recogniseBoxes(page, size, blanks, header, 'fill-blanks');
    } else if (verdict.reason !== 'thin') {
      // A legacy-font or garbled text layer still says where its lines are: OCR the header
      // segments that carry digits (the number, the date), not the whole header.
      const split = size.width * COLUMN_SPLIT;
      const segments = textLines.filter((l) => l.y0 < size.height * HEADER_ZONE).flatMap((l) => l.segments);
      const textOf = (s: Segment) => s.pieces.map((p) => p.text).join(' ');
      // The number: the first left-column segment with `digits/`; the date: the first right-column one with a year.
      const numberBox = segments.find((s) => s.x1 <= split * 1.02 && /\d\s*\//u.test(textOf(s)));
      const dateBox = segments.find((s) => s.x0 >= split * 0.9 && /\b(?:19|20)\d\d\b/u.test(textOf(s)));
      const boxes = [numberBox, dateBox].filter((s): s is Segment => s !== undefined).map((s) => ({ x0: s.x0, x1: s.x1, y0: s.y0, y1: s.y1 }));
      if (boxes.length > 0) header = await recogniseBoxes(page, size, boxes, header, 'merge');
      const legacy = verdict.reason === 'legacy-font' && numberBox ? legacyNumber(textOf(numberBox)) : null;
      if (legacy) {
        const box = { x0: numberBox!.x0, x1: numberBox!.x1, y0: numberBox!.y0, y1: numberBox!.y1 };
        // The text layer keeps the number's own codes: it settles what OCR read, or corrects it.
        const agrees = header.number?.value.number === legacy.number;
        header = {
          ...header,
          number: agrees && header.number
            ? { ...header.number, confidence: Math.max(header.number.confidence, 0.95) }
            : { value: legacy, origin: 'text', confidence: 0.9, read: 1, repairs: [], box },
        };
      }
      const digits = verdict.reason === 'legacy-font' && dateBox ? legacyDateDigits(textOf(dateBox)) : null;
      const read = header.date?.value;
      if (digits && header.date && read) {
        const iso = `${digits.year}-${String(digits.month).padStart(2, '0')}-${String(digits.day).padStart(2, '0')}`;
        const valid = new Date(`${iso}T00:00:00Z`).getUTCDate() === digits.day && digits.month <= 12;
        if (valid && read.date !== iso) header = { ...header, date: { ...header.date, value: { ...read, date: iso, blankDate: false }, confidence: 0.9 } };
        else if (read.date === iso) header = { ...header, date: { ...header.date, confidence: Math.max(header.date.confidence, 0.95) } };
      }
    }

    if (!header.number || !header.date) {
      // A scan, or a header that is not text: OCR the number/date row at the top of page 1; if
      // it reads as nothing, the page may be upside down; then the whole top; then wider.
      if (!verdict.usable && verdict.reason === 'thin' && notes.length === 0) pageImage = await pageOneImage(file);
      const top: Region = { left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE };
      const rowOf = async (turn: 0 | 180, dpi = OCR_DPI) => {
        const rendered = await render(page, top, dpi, turn);
        if (rendered.inkPixels === 0) return null;
        const row = findNumberDateRow(rendered.image, COLUMN_SPLIT);
        const seen = row ? await recognise(cropBand(rendered.image, row, (row.y1 - row.y0) * 0.45), 'line') : null;
        return { rendered, seen: seen ?? { number: null, date: null, numeral: null, text: '', confidence: 0 } };
      };
      let found: Header = { number: null, date: null };
      let rotation: 0 | 180 = 0;
      const upright = await rowOf(0);
      let best = upright;
      if (upright) {
        found = upright.seen;
        const nothing = !found.number && !found.date;
        if (nothing && upright.seen.confidence < 0.7) {
          const turned = await rowOf(180);
          if (turned && (turned.seen.number || turned.seen.date)) {
            found = turned.seen;
            rotation = 180;
            best = turned;
          }
        }
        if (!complete(found) && (found.number || found.date)) {
          // Half read: a second look at another resolution often settles a stamped digit (`91` for `01`).
          const again = await rowOf(rotation, RETRY_DPI);
          if (again) found = mergeHeader(found, again.seen);
        }
        if (!complete(found) && best) {
          const seen = await recognise(best.rendered.image, 'block');
          found = mergeHeader(found, seen);
          box ??= parseSignatureBox(seen.text);
          if (!found.number && !found.date && rotation === 0) {
            const turned = await render(page, top, OCR_DPI, 180);
            const again = await recognise(turned.image, 'block');
            if (again.number || again.date) {
              found = again;
              rotation = 180;
            }
          }
        }
        if (!complete(found)) {
          const rendered = await render(page, { left: 0, top: 0, width: 1, height: found.number || found.date ? 0.5 : 1 }, OCR_DPI, rotation);
          found = mergeHeader(found, await recognise(rendered.image, 'auto'));
        }
      }
      header = mergeHeader(header, found);
      if (!inkSeen && pieces.length === 0 && !header.number && !header.date) {
        return { reading: unreadable('trang 1 không có nội dung: không có lớp chữ, không có hình ảnh quét', doc.numPages), ocrRegions };
      }
    }

    if (!header.number && !header.date && size.width * size.height > 16 * A4_AREA) {
      const cm = (points: number) => Math.round((points / 72) * 2.54);
      return { reading: unreadable(`trang 1 khổ quá lớn (${cm(size.width)} × ${cm(size.height)} cm), không tìm thấy số và ngày văn bản`, doc.numPages), ocrRegions };
    }
    applyHeader(reading, header);
    if (largestImage && reading.textLayer !== 'legacy-font') {
      const image: { width: number; height: number } = largestImage;
      // A page image about the page's shape is a scan; its resolution is pixels over the page width.
      const shape = (image.width / image.height) / (size.width / size.height);
      if (shape > 0.8 && shape < 1.25) {
        reading.scanned = true;
        reading.scanDpi = Math.round(image.width / (size.width / 72));
      }
    }
    reading.signed = signed;
    const dictionary = signatures[0];
    reading.signer = box?.signedBy ?? box?.organisation ?? dictionary?.commonName ?? dictionary?.organisation ?? dictionary?.name ?? null;
    reading.signedAt = box?.signedAt ?? dictionary?.signedAt ?? null;
    if (verdict.usable) {
      const body = `${pageText}\n${await pagesText(doc, 2, options.citationPages ?? 5)}`;
      reading.citations = parseCitations(body, reading.number);
    }
    page.cleanup();
    return { reading, ocrRegions };
  } catch (error) {
    return { reading: unreadable(describePdfError(error), doc.numPages), ocrRegions };
  } finally {
    await doc.destroy().catch(() => {});
  }
}

function overlayPiece(n: AnnotationInfo): Piece {
  return { text: n.text ?? '', x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1, origin: 'annotation', confidence: 1 };
}

/** The header from the text layer and the annotation texts laid over it: the top of page 1 first, then all of it. */
function readTextLayer(pieces: Piece[], overlays: Piece[], size: PageSize): Header {
  const split = size.width * COLUMN_SPLIT;
  const lines = buildLines([...pieces, ...overlays], split);
  const zone = lines.filter((l) => l.y0 < size.height * HEADER_ZONE);
  const top = readMapped(columnText(zone, split), false, zone);
  if (top.number && top.date) return top;
  const whole = readMapped(columnText(lines, split), false, lines);
  const widened = <T>(f: Field<T> | null): Field<T> | null => (f ? { ...f, confidence: Math.round(f.confidence * 90) / 100 } : null);
  return { number: top.number ?? widened(whole.number), date: top.date ?? widened(whole.date) };
}

function readMapped(mapped: MappedText, ocr: boolean, lines: Line[] = []): Header {
  const parsed = parseHeader(mapped.text, { ocr });
  const field = <T>(value: T | null, span: [number, number] | null, repairs: Repair[]): Field<T> | null => {
    if (value === null || span === null) return null;
    const pieces = piecesIn(mapped, span[0], span[1]);
    const origin: ExtractionSource = pieces.some((p) => p.origin === 'ocr') ? 'ocr' : pieces.some((p) => p.origin === 'annotation') ? 'annotation' : 'text';
    const words = confidenceIn(mapped, span[0], span[1]);
    // The whole segment the value sits in (`Số:      /KH-SXD`, the place-date line), for OCR of its rendering.
    const segments = lines.flatMap((l) => l.segments).filter((s) => s.pieces.some((p) => pieces.includes(p)));
    const around = segments.length > 0 ? segments : pieces;
    const box = around.length > 0
      ? { x0: Math.min(...around.map((p) => p.x0)), x1: Math.max(...around.map((p) => p.x1)), y0: Math.min(...around.map((p) => p.y0)), y1: Math.max(...around.map((p) => p.y1)) }
      : null;
    return { value, confidence: fieldConfidence(origin, words, repairs), origin, box, read: words, repairs: [...repairs] };
  };
  return {
    number: field(parsed.number, parsed.numberSpan, parsed.numberRepairs),
    date: field(parsed.date, parsed.dateSpan, parsed.dateRepairs),
  };
}

interface Stamped {
  numeral: string;
  read: number;
  repairs: Repair[];
}

/** The numeral after `Số:` when the rest of the row reads too badly to parse as a whole number. */
function readStamped(mapped: MappedText): Stamped | null {
  const found = parseStampedNumeral(mapped.text);
  return found ? { numeral: found.numeral, read: confidenceIn(mapped, found.span[0], found.span[1]), repairs: found.repairs } : null;
}

/** Fill blanks of the text layer with what the rendered row shows (the overlay stamped at signing). */
function fillBlanks(header: Header, seen: Header & { numeral?: Stamped | null }): Header {
  let { number, date } = header;
  const stamped: (Stamped & { origin: ExtractionSource }) | null = seen.number && !seen.number.value.blankNumber && seen.number.value.numeral
    ? { numeral: seen.number.value.numeral, read: seen.number.read, repairs: seen.number.repairs.filter((r) => r !== 'ocr-slash'), origin: seen.number.origin }
    : seen.numeral ? { ...seen.numeral, origin: 'ocr' } : null;
  if (number?.value.blankNumber && stamped) {
    // Only the numeral is taken from the overlay; the symbol is the text layer's.
    const { origin, read, repairs } = stamped;
    number = { ...number, value: withNumeral(number.value, stamped.numeral), origin, read, repairs, confidence: fieldConfidence(origin, read, repairs) };
  } else if (number?.value.blankNumber && seen.number?.value.blankNumber) {
    number = { ...number, confidence: Math.min(number.confidence, Math.max(seen.number.confidence, 0.9)) };
  }
  if (date?.value.blankDate && seen.date?.value.date) {
    date = { ...seen.date, value: { ...seen.date.value, place: date.value.place ?? seen.date.value.place }, box: date.box };
  }
  return { number, date };
}

/** A number, and a date that is either a real date or left blank (not an OCR misreading like day 91). */
function complete(header: Header): boolean {
  return header.number !== null && usableDate(header.date);
}

function usableDate(date: Field<ParsedDate> | null): boolean {
  return date !== null && (date.value.date !== null || date.value.blankDate);
}

/** Keep what `base` has; take from `more` what it lacks or reads better (a valid date over a misread one). */
function mergeHeader(base: Header, more: Header): Header {
  return {
    number: base.number ?? more.number,
    date: usableDate(base.date) ? base.date : usableDate(more.date) ? more.date : (base.date ?? more.date),
  };
}

/** Boxes on one row that overlap or nearly touch become one; `rows` counts the text rows in a box. */
function mergeBoxes(boxes: Box[]): (Box & { rows: number })[] {
  const out: (Box & { rows: number })[] = [];
  for (const box of [...boxes].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
    const height = box.y1 - box.y0;
    const near = out.find((o) => box.y0 < o.y1 + height * 1.2 && box.y1 > o.y0 - height * 1.2 && box.x0 < o.x1 + 2 * height && box.x1 > o.x0 - 2 * height);
    if (near) {
      if (box.y0 > near.y1 - height * 0.5 || box.y1 < near.y0 + height * 0.5) near.rows += 1;
      near.x0 = Math.min(near.x0, box.x0);
      near.x1 = Math.max(near.x1, box.x1);
      near.y0 = Math.min(near.y0, box.y0);
      near.y1 = Math.max(near.y1, box.y1);
    } else out.push({ ...box, rows: 1 });
  }
  return out;
}

function applyHeader(reading: PdfReading, header: Header): void {
  const { number, date } = header;
  if (number) {
    Object.assign(reading, number.value);
    reading.numberConfidence = number.confidence;
  }
  if (date) {
    Object.assign(reading, date.value);
    reading.dateConfidence = date.confidence;
  }
  reading.confidence = Math.min(reading.numberConfidence, reading.dateConfidence);
  const origins = [number?.origin, date?.origin].filter((o): o is ExtractionSource => o !== undefined);
  reading.source = origins.includes('ocr') ? 'ocr' : origins.includes('annotation') ? 'annotation' : origins.length > 0 ? 'text' : null;
  reading.headerPage = origins.length > 0 ? 1 : null;
}

/** pdf.js failures in Vietnamese, for the file's `error`. */
export function describePdfError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'PasswordException') return 'tệp PDF được mã hóa (có mật khẩu), không mở được';
  if (name === 'InvalidPDFException') return `tệp PDF hỏng, không đọc được cấu trúc (${message})`;
  if (name === 'MissingPDFException' || /ENOENT/u.test(message)) return 'không tìm thấy tệp';
  if (message.startsWith('OCR:')) return `lỗi nhận dạng chữ (OCR) trên trang 1 (${message.slice(4).trim()})`;
  return `tệp PDF hỏng (${message})`;
}

