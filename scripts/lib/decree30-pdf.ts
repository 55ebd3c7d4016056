// Lays out a Vietnamese administrative document as Decree 30/2020/NĐ-CP (Appendix I) prescribes,
// as a text-layer PDF: two-column header, number, italic place-date line, title, body, Nơi nhận,
// signature block. Used to generate the sample batch and test corpora; never by `npm start`.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSerifCondensed.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerifCondensed-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSerifCondensed-Italic.ttf'),
  boldItalic: path.join(FONT_DIR, 'DejaVuSerifCondensed-BoldItalic.ttf'),
};

/** Millimetres to PDF points. */
export const mm = (v: number) => (v * 72) / 25.4;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };

export interface DocumentDate {
  /** null leaves the day blank, as on a draft or a form signed before numbering. */
  day: number | null;
  month: number | null;
  year: number;
}

export interface DocumentSpec {
  /** Parent body, upper case (`UBND TỈNH HƯNG YÊN`); omitted for top-level bodies. */
  parentBody?: string;
  /** Issuing body, upper case, bold (`SỞ XÂY DỰNG`). */
  issuingBody: string;
  /** Number numeral (`30a`, `05`); null prints a blank number (`Số:      /KH-SXD`). */
  numeral: string | null;
  /** Number symbol (`KH-SXD`, `UBND-NV`, `2019/QĐ-UBND`). */
  symbol: string;
  place: string;
  date: DocumentDate;
  /** Document type name printed as the title (`KẾ HOẠCH`); null for a công văn. */
  kind: string | null;
  /** Trích yếu: the summary under the title, or the `V/v …` line of a công văn. */
  summary: string;
  /** Kính gửi line(s) of a công văn. */
  addressees?: string[];
  /**
   * Body paragraphs. A paragraph starting with `#` is a bold heading (`I. MỤC ĐÍCH`); one starting
   * with `^` is centred bold (the authority line and `QUYẾT ĐỊNH:` of a decision).
   */
  body: string[];
  recipients: string[];
  signer: { prefixes: string[]; title: string; name: string };
  /** Fixed creation date, so the same spec gives the same bytes. */
  created?: Date;
  /**
   * A visible signature box drawn in page 1's content at the top right, as some signing systems
   * flatten it (`Ký bởi: …`, `Cơ quan: …`, `Thời gian ký: …`), one line each.
   */
  signatureBox?: string[];
}

/** `ngày 05 tháng 02 năm 2021`: leading zero below 10 for days, and for months 1 and 2. */
export function placeDateLine(place: string, date: DocumentDate): string {
  const day = date.day === null ? '     ' : String(date.day).padStart(2, '0');
  const month = date.month === null ? '     ' : date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month);
  return `${place}, ngày ${day} tháng ${month} năm ${date.year}`;
}

export function numberLine(numeral: string | null, symbol: string): string {
  return `Số: ${numeral ?? '      '}/${symbol}`;
}

export interface RenderedLayout {
  /** Top-left corner and size of the header region (both columns), in points from the page top. */
  header: { x: number; y: number; width: number; height: number };
  /** Baseline region of the number and the place-date lines. */
  numberBox: { x: number; y: number; width: number; height: number };
  dateBox: { x: number; y: number; width: number; height: number };
}

/**
 * Draw the document into a fresh PDFKit document and return it with where the header landed,
 * so callers can stamp overlays (signing stamps, hand-filled numbers) in the right places.
 */
export function composeDocument(spec: DocumentSpec): { doc: PDFKit.PDFDocument; layout: RenderedLayout } {
  const created = spec.created ?? new Date(Date.UTC(spec.date.year, (spec.date.month ?? 1) - 1, spec.date.day ?? 1));
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    autoFirstPage: true,
    info: { Title: spec.summary, Author: spec.issuingBody, Creator: 'cchc sample generator', CreationDate: created, ModDate: created },
  });
  doc.registerFont('r', FONTS.regular);
  doc.registerFont('b', FONTS.bold);
  doc.registerFont('i', FONTS.italic);
  doc.registerFont('bi', FONTS.boldItalic);

  if (spec.signatureBox?.length) drawSignatureBox(doc, spec.signatureBox);

  const contentWidth = PAGE.width - MARGIN.left - MARGIN.right;
  const leftW = contentWidth * 0.4;
  const rightX = MARGIN.left + leftW;
  const rightW = contentWidth - leftW;
  const top = MARGIN.top;

  // Left column: parent body, issuing body with a short rule, number.
  let y = top;
  doc.font('r').fontSize(12);
  if (spec.parentBody) {
    doc.text(spec.parentBody, MARGIN.left, y, { width: leftW, align: 'center' });
    y = doc.y;
  }
  doc.font('b').fontSize(12).text(spec.issuingBody, MARGIN.left, y, { width: leftW, align: 'center' });
  y = doc.y + 2;
  const ruleW = Math.min(leftW * 0.4, doc.widthOfString(spec.issuingBody) * 0.5);
  doc.moveTo(MARGIN.left + (leftW - ruleW) / 2, y).lineTo(MARGIN.left + (leftW + ruleW) / 2, y).lineWidth(0.6).stroke();
  const leftBottom = y + 6;

  // Right column: Quốc hiệu, Tiêu ngữ with its rule.
  doc.font('b').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc.font('b').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  const mottoW = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  const ry = doc.y + 2;
  doc.moveTo(rightX + (rightW - mottoW) / 2, ry).lineTo(rightX + (rightW + mottoW) / 2, ry).lineWidth(0.6).stroke();
  const rightBottom = ry + 6;

  // Number and place-date on one row.
  const rowY = Math.max(leftBottom, rightBottom) + 4;
  doc.font('r').fontSize(13).text(numberLine(spec.numeral, spec.symbol), MARGIN.left, rowY, { width: leftW, align: 'center' });
  const afterNumber = doc.y;
  doc.font('i').fontSize(13).text(placeDateLine(spec.place, spec.date), rightX, rowY, { width: rightW, align: 'center' });
  const afterDate = doc.y;
  const numberBox = { x: MARGIN.left, y: rowY, width: leftW, height: afterNumber - rowY };
  const dateBox = { x: rightX, y: rowY, width: rightW, height: afterDate - rowY };

  y = Math.max(afterNumber, afterDate);
  if (spec.kind === null) {
    // Công văn: trích yếu under the number, then Kính gửi.
    doc.font('r').fontSize(12).text(spec.summary, MARGIN.left, afterNumber + 2, { width: leftW, align: 'center' });
    y = Math.max(doc.y, afterDate) + 14;
    const header = { x: MARGIN.left, y: top, width: contentWidth, height: y - top };
    if (spec.addressees?.length) {
      doc.font('r').fontSize(14);
      const label = 'Kính gửi: ';
      const labelW = doc.widthOfString(label);
      const listX = MARGIN.left + contentWidth * 0.22;
      doc.text(label, listX - labelW, y, { lineBreak: false });
      for (const a of spec.addressees) doc.text(a, listX, doc.y, { width: contentWidth * 0.7 });
      y = doc.y + 10;
    }
    drawBody(doc, spec, y, contentWidth);
    return { doc, layout: { header, numberBox, dateBox } };
  }

  y += 18;
  const header = { x: MARGIN.left, y: top, width: contentWidth, height: y - top };
  doc.font('b').fontSize(14).text(spec.kind, MARGIN.left, y, { width: contentWidth, align: 'center' });
  doc.font('b').fontSize(14).text(spec.summary, MARGIN.left + contentWidth * 0.1, doc.y, { width: contentWidth * 0.8, align: 'center' });
  const sy = doc.y + 3;
  doc.moveTo(MARGIN.left + contentWidth * 0.4, sy).lineTo(MARGIN.left + contentWidth * 0.6, sy).lineWidth(0.6).stroke();
  drawBody(doc, spec, sy + 14, contentWidth);
  return { doc, layout: { header, numberBox, dateBox } };
}

/** Box width and top-right placement within the top margin, where signing software puts it. */
export const SIGNATURE_BOX = { width: 200, right: MARGIN.right, top: 4, fontSize: 7.5 };

function drawSignatureBox(doc: PDFKit.PDFDocument, lines: string[]): void {
  const x = PAGE.width - SIGNATURE_BOX.right - SIGNATURE_BOX.width;
  const height = lines.length * SIGNATURE_BOX.fontSize * 1.25 + 6;
  doc.save();
  doc.rect(x, SIGNATURE_BOX.top, SIGNATURE_BOX.width, height).lineWidth(0.8).strokeColor('#1f3fae').stroke();
  doc.fillColor('#1f3fae').font('r').fontSize(SIGNATURE_BOX.fontSize);
  let y = SIGNATURE_BOX.top + 3;
  for (const line of lines) {
    doc.text(line, x + 4, y, { width: SIGNATURE_BOX.width - 8, lineBreak: false });
    y += SIGNATURE_BOX.fontSize * 1.25;
  }
  doc.restore();
  doc.fillColor('black').strokeColor('black');
}

function drawBody(doc: PDFKit.PDFDocument, spec: DocumentSpec, startY: number, contentWidth: number): void {
  doc.y = startY;
  for (const paragraph of spec.body) {
    if (paragraph.startsWith('^')) {
      doc.font('b').fontSize(13).text(paragraph.slice(1).trim(), MARGIN.left, doc.y, { width: contentWidth, align: 'center' });
    } else if (paragraph.startsWith('#')) {
      doc.font('b').fontSize(13).text(paragraph.replace(/^#\s*/u, ''), MARGIN.left, doc.y, { width: contentWidth, align: 'left', indent: 28 });
    } else {
      doc.font('r').fontSize(13).text(paragraph, MARGIN.left, doc.y, { width: contentWidth, align: 'justify', indent: 28, lineGap: 2 });
    }
    doc.moveDown(0.4);
  }

  // Nơi nhận bottom-left, signature block bottom-right, on the same band.
  const blockHeight = Math.max(40 + spec.recipients.length * 14, 130);
  if (doc.y + blockHeight > PAGE.height - MARGIN.bottom) doc.addPage();
  const y = doc.y + 12;
  const colW = contentWidth / 2;
  doc.font('bi').fontSize(12).text('Nơi nhận:', MARGIN.left, y, { width: colW });
  doc.font('r').fontSize(11);
  for (const r of spec.recipients) doc.text(`- ${r}`, MARGIN.left, doc.y, { width: colW - 10 });

  const sx = MARGIN.left + colW;
  doc.font('b').fontSize(13);
  let sy = y;
  for (const line of [...spec.signer.prefixes, spec.signer.title]) {
    doc.text(line, sx, sy, { width: colW, align: 'center' });
    sy = doc.y;
  }
  doc.font('b').fontSize(13).text(spec.signer.name, sx, sy + 62, { width: colW, align: 'center' });
}

/** Render the spec to PDF bytes. */
export async function renderDocument(spec: DocumentSpec): Promise<Buffer> {
  const { doc } = composeDocument(spec);
  return finish(doc);
}

export function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface Spot {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the numeral, the day and the month sit on page 1 (points from the top-left): where a clerk or a signing system fills them in. */
export interface HeaderSpots {
  numeral: Spot;
  day: Spot;
  month: Spot;
}

/** Measure the header spots of a document laid out by `composeDocument` (number line and place-date line are single lines). */
export function headerSpots(doc: PDFKit.PDFDocument, spec: DocumentSpec, layout: RenderedLayout): HeaderSpots {
  const lineHeight = 13 * 1.15;
  doc.font('r').fontSize(13);
  const numberText = numberLine(spec.numeral, spec.symbol);
  const numberStart = layout.numberBox.x + (layout.numberBox.width - doc.widthOfString(numberText)) / 2;
  const numeral: Spot = {
    x: numberStart + doc.widthOfString('Số: '),
    y: layout.numberBox.y,
    width: doc.widthOfString(spec.numeral ?? '      '),
    height: lineHeight,
  };
  doc.font('i').fontSize(13);
  const dateText = placeDateLine(spec.place, spec.date);
  const dateStart = layout.dateBox.x + (layout.dateBox.width - doc.widthOfString(dateText)) / 2;
  const [dayText, monthText] = dateText.slice(`${spec.place}, ngày `.length).split(' tháng ');
  const dayX = dateStart + doc.widthOfString(`${spec.place}, ngày `);
  const day: Spot = { x: dayX, y: layout.dateBox.y, width: doc.widthOfString(dayText ?? ''), height: lineHeight };
  const monthX = dayX + doc.widthOfString(`${dayText ?? ''} tháng `);
  const month: Spot = { x: monthX, y: layout.dateBox.y, width: doc.widthOfString((monthText ?? '').split(' ')[0] ?? ''), height: lineHeight };
  return { numeral, day, month };
}
