// How one PDF is read: the text layer of page 1 first (free), annotations stamped over its blanks,
// then OCR of only what is missing: the number/date row of a signed document whose overlay has no
// text, or the header of page 1 of a scan (turned over if upside down, widened if not found).
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Extraction, ExtractionSource } from '../model.js';
import { parseCitations } from './citations.js';
import { fieldConfidence } from './confidence.js';
import { buildLines, columnText, confidenceIn, linesFromGroups, type MappedText, type Piece, piecesIn, plainText } from './layout.js';
import type { OcrEngine } from './ocr-engine.js';
import { type ParsedDate, type ParsedNumber, parseHeader, type Repair, withNumeral } from './parse-header.js';
import { annotations, type AnnotationInfo, openPdf, pagesText, type PageSize, pageSize, type Region, renderRegion, textPieces } from './pdf-page.js';
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
/** The top of page 1 OCR reads first: the two header columns and the number/date row. */
const HEADER_OCR_ZONE = 0.21;

interface Field<T> {
  value: T;
  confidence: number;
  origin: ExtractionSource;
  /** Lowest confidence of the characters read, and what was repaired: to re-rate a partial use. */
  read: number;
  repairs: Repair[];
  /** Vertical extent of the line it was read from, in points (text-layer reads only). */
  band: { y0: number; y1: number } | null;
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
  const ocr = async (page: PDFPageProxy, region: Region, dpi: number, rotation: 0 | 180, layout: 'block' | 'auto'): Promise<Header & { text: string }> => {
    const rendered = await renderRegion(page, region, dpi, rotation);
    largestImage ??= rendered.largestImage;
    if (rendered.inkPixels === 0) return { number: null, date: null, text: '' };
    inkSeen = true;
    const result = await options.ocr.recognise(rendered.image, layout);
    ocrRegions += 1;
    options.onOcr?.();
    const lines = linesFromGroups(result.lines);
    return { ...readMapped(columnText(lines, rendered.image.width * COLUMN_SPLIT), true), text: plainText(lines).text };
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
    const pageText = plainText(buildLines(pieces)).text;
    const verdict = assessTextLayer(pageText);
    reading.textLayer = verdict.usable ? 'ok' : verdict.reason === 'thin' ? 'none' : verdict.reason;

    let box = verdict.usable ? parseSignatureBox(pageText) : null;
    const signed = signatures.length > 0 || notes.some((n) => n.signatureField) || box !== null;

    let header: Header = { number: null, date: null };
    if (verdict.usable) {
      header = readTextLayer(pieces, notes, size);
      // Blanks in the text layer of a signed document, or under an annotation: the signing
      // overlay may show the number and the day; OCR the row they are on, as rendered.
      const blanks = [header.number?.value.blankNumber ? header.number.band : null, header.date?.value.blankDate ? header.date.band : null]
        .filter((b): b is { y0: number; y1: number } => b !== null)
        .filter((b) => signed || notes.some((n) => !n.signatureField && n.y1 > b.y0 && n.y0 < b.y1));
      for (const band of mergeBands(blanks)) {
        const pad = (band.y1 - band.y0) * 0.6;
        const top = Math.max(0, band.y0 - pad);
        const region: Region = { left: 0, top: top / size.height, width: 1, height: Math.min(size.height - top, band.y1 - band.y0 + 2 * pad) / size.height };
        header = fillBlanks(header, await ocr(page, region, BAND_DPI, 0, 'block'));
      }
    }

    if (!header.number || !header.date) {
      // A scan, a legacy-font text layer, or a header that is not text: OCR the top of page 1,
      // turned over if nothing reads, then wider.
      let found: Header = { number: null, date: null };
      let rotation: 0 | 180 = 0;
      const dpi = OCR_DPI;
      for (const turn of [0, 180] as const) {
        const seen = await ocr(page, { left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE }, dpi, turn, 'block');
        if (seen.number || seen.date) {
          found = seen;
          rotation = turn;
          box ??= parseSignatureBox(seen.text);
          break;
        }
        if (!inkSeen) break;
      }
      if (!found.number || !found.date) {
        const seen = await ocr(page, { left: 0, top: 0, width: 1, height: found.number || found.date ? 0.5 : 1 }, dpi, rotation, 'auto');
        found = { number: found.number ?? seen.number, date: found.date ?? seen.date };
      }
      header = { number: header.number ?? found.number, date: header.date ?? found.date };
      if (!inkSeen && pieces.length === 0 && !header.number && !header.date) {
        return { reading: unreadable('trang 1 không có nội dung: không có lớp chữ, không có hình ảnh quét', doc.numPages), ocrRegions };
      }
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
      const body = await pagesText(doc, 1, options.citationPages ?? 5);
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

/** The header from the text layer and the annotations laid over it: the top of page 1 first, then all of it. */
function readTextLayer(pieces: Piece[], notes: AnnotationInfo[], size: PageSize): Header {
  const overlays: Piece[] = notes
    .filter((n) => n.text !== null && !n.signatureField)
    .map((n) => ({ text: n.text ?? '', x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1, origin: 'annotation', confidence: 1 }));
  const lines = buildLines([...pieces, ...overlays]);
  const split = size.width * COLUMN_SPLIT;
  const top = readMapped(columnText(lines.filter((l) => l.y0 < size.height * HEADER_ZONE), split), false);
  if (top.number && top.date) return top;
  const whole = readMapped(columnText(lines, split), false);
  const widened = <T>(f: Field<T> | null): Field<T> | null => (f ? { ...f, confidence: Math.round(f.confidence * 90) / 100 } : null);
  return { number: top.number ?? widened(whole.number), date: top.date ?? widened(whole.date) };
}

function readMapped(mapped: MappedText, ocr: boolean): Header {
  const parsed = parseHeader(mapped.text, { ocr });
  const field = <T>(value: T | null, span: [number, number] | null, repairs: Repair[]): Field<T> | null => {
    if (value === null || span === null) return null;
    const pieces = piecesIn(mapped, span[0], span[1]);
    const origin: ExtractionSource = pieces.some((p) => p.origin === 'ocr') ? 'ocr' : pieces.some((p) => p.origin === 'annotation') ? 'annotation' : 'text';
    const words = confidenceIn(mapped, span[0], span[1]);
    const band = pieces.length > 0 ? { y0: Math.min(...pieces.map((p) => p.y0)), y1: Math.max(...pieces.map((p) => p.y1)) } : null;
    return { value, confidence: fieldConfidence(origin, words, repairs), origin, band, read: words, repairs: [...repairs] };
  };
  return {
    number: field(parsed.number, parsed.numberSpan, parsed.numberRepairs),
    date: field(parsed.date, parsed.dateSpan, parsed.dateRepairs),
  };
}

/** Fill blanks of the text layer with what the rendered row shows (the overlay stamped at signing). */
function fillBlanks(header: Header, seen: Header): Header {
  let { number, date } = header;
  if (number?.value.blankNumber && seen.number && !seen.number.value.blankNumber && seen.number.value.numeral) {
    // Only the numeral is taken from the rendering: a slash hidden under the stamp is no doubt here.
    const repairs = seen.number.repairs.filter((r) => r !== 'ocr-slash');
    number = { ...seen.number, value: withNumeral(number.value, seen.number.value.numeral), band: number.band, repairs, confidence: fieldConfidence('ocr', seen.number.read, repairs) };
  } else if (number?.value.blankNumber && seen.number?.value.blankNumber) {
    number = { ...number, confidence: Math.min(number.confidence, Math.max(seen.number.confidence, 0.9)) };
  }
  if (date?.value.blankDate && seen.date?.value.date) {
    date = { ...seen.date, value: { ...seen.date.value, place: date.value.place ?? seen.date.value.place }, band: date.band };
  }
  return { number, date };
}

function mergeBands(bands: { y0: number; y1: number }[]): { y0: number; y1: number }[] {
  const sorted = [...bands].sort((a, b) => a.y0 - b.y0);
  const out: { y0: number; y1: number }[] = [];
  for (const band of sorted) {
    const last = out[out.length - 1];
    if (last && band.y0 <= last.y1) last.y1 = Math.max(last.y1, band.y1);
    else out.push({ ...band });
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
  return `tệp PDF hỏng (${message})`;
}

