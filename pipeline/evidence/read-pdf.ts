// How one PDF is read: the text layer of page 1 first (free), annotations over its blanks (their
// text, or the text drawn in their appearance), then OCR of only what is still missing: the pieces
// of the row under a stamp that is only a picture, the number and date lines of a legacy-font
// header, or the number/date row of a scan.
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { headerRegions, renderHeaderCrop, signingBoxes } from '../audit/header-crop.js';
import { annotationAppearances } from './annotation-text.js';
import { boundByResolution, boundBySigning } from './field-parts.js';
import { parseCitations } from './citations.js';
import { COLUMN_SPLIT, HEADER_ZONE } from './decree30-layout.js';
import { applyHeader, type Box, checkWithLegacyLayer, type Field, fillBlanks, type Header, legacyHeader, mergeHeader, NOTHING, readMapped } from './header-fields.js';
import { buildLines, columnText, type Line, type Piece, plainText, type Segment } from './layout.js';
import type { OcrEngine } from './ocr-engine.js';
import { pageOneImage, scanUnderText } from './page-image.js';
import { PageOcr, type StampPicture } from './page-ocr.js';
import { PhaseTimer } from './phase-timer.js';
import { handwritingPass, partsToRead } from './handwriting/hand-pass.js';
import type { DigitRecognizer } from './handwriting/recognizer.js';
import { withParts } from './handwriting/resolve.js';
import { annotations, type AnnotationInfo, MAX_IMAGE_PIXELS, openPdf, type PageSize, pageSize, pagesText, textPieces, type Turn, viewportRect } from './pdf-page.js';
import { displayedParts, uprightParts } from './upright-parts.js';
import { describePdfError, emptyReading, type PdfReading, unreadable } from './reading.js';
import { parseOcrSignatureBox, parseSignatureBox, screenOcrSignatureBox } from './signature-box.js';
import { verifyFileSignatures } from './signature/verify.js';
import { assessTextLayer } from './text-quality.js';

export interface ReadPdfOptions {
  ocr: OcrEngine;
  /** Called after each OCR recognition, for progress reports. */
  onOcr?: () => void;
  /** Pages whose text layer is searched for citations. */
  citationPages?: number;
  /** Time spent per phase, for benchmarks. */
  phases?: PhaseTimer;
  /** The second recognizer, for parts left handwritten or unreadable (one per reader process). */
  handwriting?: DigitRecognizer;
  /** Also render the audit's header crop (PNG) while page 1 is open. */
  crop?: boolean;
}

export interface ReadPdfResult {
  reading: PdfReading;
  ocrRegions: number;
  /** The header crop, when asked for and page 1 could be rendered. */
  crop?: Uint8Array;
}

const A4_AREA = 595.28 * 841.89;

export async function readPdf(file: string, options: ReadPdfOptions): Promise<ReadPdfResult> {
  const phases = options.phases ?? new PhaseTimer();
  const verification = await phases.time('signatures', () => verifyFileSignatures(file));
  const signatures = verification.signatures;
  let doc;
  try {
    doc = await phases.time('open', () => openPdf(file));
  } catch (error) {
    return { reading: unreadable(describePdfError(error)), ocrRegions: 0 };
  }
  let ocr: PageOcr | null = null;
  try {
    const reading = emptyReading();
    reading.pages = doc.numPages;
    const page = await phases.time('open', () => doc.getPage(1));
    const size = pageSize(page);
    if (!(size.width > 0 && size.height > 0)) return { reading: unreadable('trang 1 không có kích thước hợp lệ', doc.numPages), ocrRegions: 0 };
    ocr = new PageOcr(page, size, options.ocr, options.onOcr, phases);
    const pieces = await phases.time('text', () => textPieces(page));
    const notes = await phases.time('annotations', () => annotations(page));
    const textLines = buildLines(pieces, size.width * COLUMN_SPLIT);
    const pageText = plainText(textLines).text;
    const verdict = assessTextLayer(pageText);
    reading.textLayer = verdict.usable ? 'ok' : verdict.reason === 'thin' ? 'none' : verdict.reason;
    let box = verdict.usable ? parseSignatureBox(pageText) : null;
    const signed = signatures.length > 0 || notes.some((n) => n.signatureField) || box !== null;

    let header: Header = NOTHING;
    if (verdict.usable) header = await readSignedTextLayer(file, page, size, pieces, notes, signed, ocr, phases);
    else if (verdict.reason !== 'thin') header = await readLegacyHeader(textLines, size, verdict.reason === 'legacy-font', ocr);
    let headerPage = 1;
    if (verdict.usable && (!header.number || !header.date) && doc.numPages > 1 && CONSOLIDATED.test(pageText)) {
      // A consolidated text (văn bản hợp nhất, Decree 30 art. 11 / Ordinance 01/2012): its own number
      // and date are in the authentication block (`XÁC THỰC VĂN BẢN HỢP NHẤT`) on its last page.
      const found = await phases.time('text', () => authenticationBlock(doc, doc.numPages));
      if (found && (found.number || found.date)) {
        header = { number: header.number ?? found.number, date: header.date ?? found.date };
        headerPage = doc.numPages;
      }
    }

    if (!header.number || !header.date) {
      // A scan, or a header that is not text.
      if (!verdict.usable && verdict.reason === 'thin' && notes.length === 0) ocr.useImage(await phases.time('page-image', () => pageOneImage(file)));
      const scanned = await ocr.scannedHeader();
      header = mergeHeader(header, scanned.header);
      box ??= parseOcrSignatureBox(scanned.topText);
      if (!ocr.inkSeen && pieces.length === 0 && !header.number && !header.date) {
        return { reading: unreadable(await emptyPageReason(file), doc.numPages), ocrRegions: ocr.regions };
      }
    }
    if (!header.number && !header.date && size.width * size.height > 16 * A4_AREA) {
      const cm = (points: number) => Math.round((points / 72) * 2.54);
      return { reading: unreadable(`trang 1 khổ quá lớn (${cm(size.width)} × ${cm(size.height)} cm), không tìm thấy số và ngày văn bản`, doc.numPages), ocrRegions: ocr.regions };
    }

    // A usable text layer over a page image is a scan OCR'd by the scanner's software.
    const image = ocr.largestImage ?? (verdict.usable ? await phases.time('scan-under-text', () => scanUnderText(file)) : null);
    // A page image about the page's shape is a scan; its resolution is pixels over the page width.
    // A page upright only through /Rotate 90 holds its image on its side.
    const sidewaysImage = image && page.rotate % 180 !== 0 ? { width: image.height, height: image.width } : image;
    const shape = sidewaysImage ? sidewaysImage.width / sidewaysImage.height / (size.width / size.height) : 0;
    const scan = image !== null && reading.textLayer !== 'legacy-font' && shape > 0.8 && shape < 1.25;
    if (scan && verdict.usable) {
      // A signing box in the scanner's hidden OCR layer is OCR too: its names only when they are names.
      box = screenOcrSignatureBox(box);
      // The scanner's hidden OCR layer is a hint, not the print: what it says is checked against the image.
      const hint = <T>(f: Field<T> | null): Field<T> | null => (f && f.origin === 'text' ? { ...f, hiddenLayer: true } : f);
      header = { number: hint(header.number), date: hint(header.date) };
      // Checked against the page's own image decoded natively, as a scan without a layer is read,
      // when nothing but that image and the invisible text is painted (pdf.js decodes the JPEG in JavaScript).
      if (notes.length === 0 && !ocr.hasImage) ocr.useImage(await phases.time('page-image', () => pageOneImage(file, { invisibleText: true })));
    }
    // What OCR (or a scanner's hidden layer) read is taken only when a second, independent read of the same place agrees.
    if ([header.number, header.date].some((f) => f?.origin === 'ocr' || f?.hiddenLayer)) header = await ocr.verify(header);
    applyHeader(reading, header, headerPage);
    // The turn the header was read at (a scan upside down or sideways); its parts' regions stay on the page as displayed.
    const turn: Turn = header.number?.turned ?? header.date?.turned ?? 0;
    if (turn !== 0) reading.turned = turn;
    // Handwriting: only where OCR was needed and a part is left handwritten or unreadable.
    if (options.handwriting && ocr.regions > 0 && partsToRead(reading.parts).length > 0 && reading.parts) {
      const pageOcr = ocr;
      const cpu = process.cpuUsage();
      // Upright, as the reader read the page (a scan upside down or sideways): the lines are rendered turned.
      const upright = uprightParts(reading.parts, turn, size);
      const got = await phases.time('handwriting', () => handwritingPass(upright.parts, {
        page: upright.page,
        render: async (region, dpi) => (await pageOcr.render(region, dpi, turn)).image,
        recognizer: options.handwriting as DigitRecognizer,
      }));
      const used = process.cpuUsage(cpu);
      phases.add('handwriting-cpu', (used.user + used.system) / 1000);
      if (got.length > 0) Object.assign(reading, withParts(reading, displayedParts(upright.parts, turn, size)));
    }
    if (scan && image) {
      reading.scanned = true;
      reading.scanDpi = Math.round((sidewaysImage ?? image).width / (size.width / 72));
      boundByResolution(reading);
    }
    reading.signed = signed;
    reading.signatures = signatures;
    reading.signatureStatus = verification.status;
    const first = signatures.find((s) => s.kind === 'signature');
    reading.signer = box?.signedBy ?? box?.organisation ?? first?.signer?.commonName ?? first?.signer?.organisation ?? first?.name ?? null;
    reading.signedAt = box?.signedAt ?? first?.signingTime.dictionary ?? first?.signingTime.attribute ?? null;
    boundBySigning(reading);
    if (verdict.usable) {
      const body = `${pageText}\n${await phases.time('citations', () => pagesText(doc, 2, options.citationPages ?? 5))}`;
      reading.citations = phases.timeSync('citations', () => parseCitations(body, reading.number));
    }
    let crop: Uint8Array | undefined;
    if (options.crop) {
      // A crop that cannot be rendered leaves the page without its picture, never the file unread.
      // Upright as the page was read: its regions and the page turned by the reading's turn, rendered turned.
      const pageOcr = ocr;
      const upright = reading.parts ? uprightParts(reading.parts, turn, size) : { parts: undefined, page: size };
      crop = await phases.time('crop', () => renderHeaderCrop((region, dpi, use) => pageOcr.renderCrop(region, dpi, turn, use), { ...headerRegions({ parts: upright.parts }), signing: signingBoxes(pieces, notes) }, upright.page)).catch(() => undefined);
    }
    page.cleanup();
    return { reading, ocrRegions: ocr.regions, ...(crop ? { crop } : {}) };
  } catch (error) {
    return { reading: unreadable(describePdfError(error), doc.numPages), ocrRegions: ocr?.regions ?? 0 };
  } finally {
    await phases.time('close', () => doc.destroy().catch(() => {}));
  }
}

/**
 * A usable text layer, with the annotations over its blanks: their own text, else the text drawn
 * in their appearance, else (a signed document, or a blank under an annotation) OCR of the pieces
 * of the row the blanks are in, as rendered.
 */
async function readSignedTextLayer(file: string, page: PDFPageProxy, size: PageSize, pieces: Piece[], notes: AnnotationInfo[], signed: boolean, ocr: PageOcr, phases: PhaseTimer): Promise<Header> {
  const overlays = notes.filter((n) => n.text !== null && !n.signatureField).map(overlayPiece);
  let header = readTextLayer(pieces, overlays, size);
  const blanks = () => [header.number?.value.blankNumber ? header.number.box : null, header.date?.value.blankDate ? header.date.box : null]
    .filter((b): b is Box => b !== null);
  // Signature-field widgets count too: records systems stamp the number and the day as the
  // appearances of signature fields of their own (`/FT /Sig`), one per blank.
  if (blanks().length > 0 && notes.some((n) => n.text === null)) {
    const appearances = await phases.time('appearance', () => annotationAppearances(file));
    const uncovered = <T extends { x0: number; x1: number; y0: number; y1: number }>(a: T) => !overlays.some((o) => o.x0 < a.x1 && a.x0 < o.x1 && o.y0 < a.y1 && a.y0 < o.y1);
    const drawn = appearances.texts
      .map((a) => ({ ...viewportRect(page, a.rect), text: a.text }))
      .filter(uncovered)
      .map((a): Piece => ({ ...a, origin: 'annotation', confidence: 1 }));
    if (drawn.length > 0) header = fillBlanks(header, readTextLayer(pieces, [...overlays, ...drawn], size));
    // Pictures over a blank's row: the number or the day stamped as an image, OCR'd on its own.
    const pictures: StampPicture[] = [];
    for (const picture of appearances.pictures) {
      const at = viewportRect(page, picture.rect);
      if (!uncovered(at) || !blanks().some((b) => overRow(at, b))) continue;
      const image = await phases.time('appearance', () => picture.decode());
      if (image) pictures.push({ ...at, image });
    }
    if (pictures.length > 0) header = await ocr.pictures(pictures, [...pieces, ...overlays, ...drawn], header);
  }
  const stamped = blanks().filter((b) => signed || notes.some((n) => !n.signatureField && n.y1 > b.y0 && n.y0 < b.y1));
  if (stamped.length > 0) header = await ocr.boxes(stamped, header, 'fill-blanks');
  // A blank something is drawn over (an annotation, a signature widget) is not shown to be empty.
  const covered = <T>(f: Field<T> | null, blank: boolean): Field<T> | null =>
    f && blank && f.box && notes.some((n) => overRow(n, f.box as Box)) ? { ...f, covered: true } : f;
  return { number: covered(header.number, header.number?.value.blankNumber === true), date: covered(header.date, header.date?.value.blankDate === true) };
}

/**
 * A legacy-font or garbled text layer still says where its lines are: the number line is the first
 * left-column segment with `digits/`, the date line the first right-column one with a year. A
 * legacy-font layer whose number and date decode as they are is taken without OCR; otherwise those
 * two lines are OCR'd (not the whole header) and a legacy-font layer checks what OCR read.
 */
async function readLegacyHeader(lines: Line[], size: PageSize, legacyFont: boolean, ocr: PageOcr): Promise<Header> {
  const split = size.width * COLUMN_SPLIT;
  const segments = lines.filter((l) => l.y0 < size.height * HEADER_ZONE).flatMap((l) => l.segments);
  const textOf = (s: Segment) => s.pieces.map((p) => p.text).join(' ');
  const boxOf = (s: Segment): Box => ({ x0: s.x0, x1: s.x1, y0: s.y0, y1: s.y1 });
  const numberLine = segments.find((s) => s.x1 <= split * 1.02 && /\d\s*\//u.test(textOf(s)));
  const dateLine = segments.find((s) => s.x0 >= split * 0.9 && /\b(?:19|20)\d\d\b/u.test(textOf(s)));
  if (legacyFont && numberLine && dateLine) {
    const decoded = legacyHeader({ text: textOf(numberLine), box: boxOf(numberLine) }, { text: textOf(dateLine), box: boxOf(dateLine) });
    if (decoded) return decoded;
  }
  const boxes = [numberLine, dateLine].filter((s): s is Segment => s !== undefined).map(boxOf);
  const header = boxes.length > 0 ? await ocr.boxes(boxes, NOTHING, 'merge') : NOTHING;
  if (!legacyFont) return header;
  return checkWithLegacyLayer(header, numberLine ? { text: textOf(numberLine), box: boxOf(numberLine) } : null, dateLine ? textOf(dateLine) : null);
}

/** Page 1 of a consolidated text says so. */
const CONSOLIDATED = /văn bản hợp nhất|\/VBHN-/iu;

/** The number and date of a consolidated text's authentication block, from the text layer of page `last`. */
async function authenticationBlock(doc: PDFDocumentProxy, last: number): Promise<Header | null> {
  const page = await doc.getPage(last);
  const size = pageSize(page);
  const lines = buildLines(await textPieces(page), size.width * COLUMN_SPLIT);
  const mapped = columnText(lines, size.width * COLUMN_SPLIT);
  // Only what follows the block's heading (or the number with its VBHN symbol): not the body's citations.
  const starts = [mapped.text.lastIndexOf('XÁC THỰC'), mapped.text.search(/Số\s*:?\s*\d+\s*\/\s*VBHN-/u)].filter((k) => k >= 0);
  if (starts.length === 0) return null;
  const at = Math.min(...starts);
  const tail: typeof mapped = { text: mapped.text.slice(at), owners: mapped.owners.slice(at), offsets: mapped.offsets.slice(at) };
  page.cleanup();
  return readMapped(tail, false, lines);
}

/** A stamp lies over a row's box: it overlaps the row's height and sits within its width, give or take a line. */
function overRow(stamp: Box, row: Box): boolean {
  const line = row.y1 - row.y0;
  return stamp.y0 < row.y1 && row.y0 < stamp.y1 && stamp.x0 < row.x1 + line && row.x0 - line < stamp.x1;
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

/**
 * Why page 1 showed nothing to read, in Vietnamese: a scan too large to decode (pdf.js skips images
 * over MAX_IMAGE_PIXELS: A3 at 600 dpi), a scan with no ink on it, or no text layer and no scan.
 */
async function emptyPageReason(file: string): Promise<string> {
  const scan = await scanUnderText(file);
  if (scan && scan.width * scan.height > MAX_IMAGE_PIXELS) {
    return `ảnh quét trang 1 quá lớn (${scan.width}×${scan.height} điểm ảnh, vượt giới hạn ${MAX_IMAGE_PIXELS / 1_000_000} triệu điểm ảnh, quá sức giải mã); cần quét lại ở độ phân giải 200–300 dpi`;
  }
  if (scan) return 'trang 1 là ảnh quét nhưng không thấy nét chữ nào (trang trắng hoặc quá mờ)';
  return 'trang 1 không có nội dung: không có lớp chữ, không có hình ảnh quét';
}
