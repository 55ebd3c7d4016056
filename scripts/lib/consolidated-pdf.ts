// A consolidated text (văn bản hợp nhất, VBHN) as ministries publish it: page 1 carries the issuing
// body, the national motto and the title, but no number and no date; those are in the
// authentication block (`XÁC THỰC VĂN BẢN HỢP NHẤT`) on the last page, with the signer. The body
// cites the amended documents with their own numbers and dates, as distractors. Test data only.
import PDFDocument from 'pdfkit';
import { finish, FONTS } from './decree30-pdf.js';

export interface ConsolidatedSpec {
  issuingBody: string;
  /** `07/VBHN-BTC`. */
  number: string;
  place: string;
  date: { day: number; month: number; year: number };
  title: string;
  /** Body paragraphs; the authentication block follows the last. */
  body: string[];
}

/** Render a consolidated text whose number and date are only in the last page's authentication block. */
export function renderConsolidatedText(spec: ConsolidatedSpec): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 }, info: { Title: spec.title, Creator: 'cchc sample generator' } });
  doc.registerFont('r', FONTS.regular);
  doc.registerFont('b', FONTS.bold);
  doc.registerFont('i', FONTS.italic);
  const left = 85;
  const width = 595.28 - 85 - 57;
  doc.font('b').fontSize(12).text(spec.issuingBody, left, 57, { width: width * 0.42, align: 'center' });
  doc.font('b').fontSize(12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width * 0.42, 57, { width: width * 0.58, align: 'center' });
  doc.font('b').fontSize(13).text('Độc lập - Tự do - Hạnh phúc', left + width * 0.42, 73, { width: width * 0.58, align: 'center' });
  doc.font('b').fontSize(14).text(spec.title, left, 130, { width, align: 'center' });
  doc.font('i').fontSize(12).text('(văn bản hợp nhất)', left, doc.y + 4, { width, align: 'center' });
  doc.moveDown(1);
  for (const paragraph of spec.body) doc.font('r').fontSize(13).text(paragraph, left, doc.y, { width, align: 'justify', indent: 28 }).moveDown(0.5);
  doc.addPage();
  doc.font('r').fontSize(13).text('Điều khoản thi hành: văn bản này có hiệu lực kể từ ngày ký.', left, 57, { width });
  const y = doc.y + 30;
  doc.font('b').fontSize(12).text('XÁC THỰC VĂN BẢN HỢP NHẤT', left + width * 0.45, y, { width: width * 0.55, align: 'center' });
  doc.font('r').fontSize(13).text(`Số: ${spec.number}`, left, y + 40, { width: width * 0.45, align: 'center' });
  const pad = (n: number) => String(n).padStart(2, '0');
  doc.font('i').fontSize(13).text(`${spec.place}, ngày ${pad(spec.date.day)} tháng ${pad(spec.date.month)} năm ${spec.date.year}`, left + width * 0.45, y + 40, { width: width * 0.55, align: 'center' });
  doc.font('b').fontSize(13).text('BỘ TRƯỞNG', left + width * 0.45, y + 80, { width: width * 0.55, align: 'center' });
  return finish(doc);
}
