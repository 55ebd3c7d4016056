// Files a batch receives that are not readable evidence, or are only barely: encrypted, cut short,
// empty, not PDFs at all, absurdly long, image-only with the images missing, enormous pages.
// For tests and the benchmark; each is small to generate and deterministic.
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import PDFKitDocument from 'pdfkit';
import { composeDocument, type DocumentSpec, finish, FONTS } from './decree30-pdf.js';

const FIXED_DATE = new Date(Date.UTC(2024, 0, 15));
GlobalFonts.registerFromPath(FONTS.regular, 'DejaVu Serif');

/** Opens only with a password (user password set): readers must say so, not crash. */
export function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFKitDocument({
    size: 'A4',
    userPassword: 'mat-khau',
    ownerPassword: 'chu-so-huu',
    pdfVersion: '1.7',
    info: { Title: 'Tài liệu có mật khẩu', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  doc.registerFont('r', FONTS.regular);
  doc.font('r').fontSize(13).text('Số: 12/KH-UBND      Hà Nội, ngày 15 tháng 01 năm 2024', 80, 80);
  return finish(doc);
}

/** The first `share` of a valid PDF, as an interrupted upload leaves it. */
export function truncatedPdf(pdf: Buffer, share = 0.55): Buffer {
  return Buffer.from(pdf.subarray(0, Math.floor(pdf.length * share)));
}

export function zeroBytePdf(): Buffer {
  return Buffer.alloc(0);
}

/** Something else saved with a `.pdf` name: a Word file, a web page, a photo. */
export function notPdf(kind: 'docx' | 'html' | 'text'): Buffer {
  if (kind === 'docx') {
    const files = {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      'word/document.xml': strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:body></w:document>'),
    };
    return Buffer.from(zipSync(files, { mtime: FIXED_DATE }));
  }
  if (kind === 'html') return Buffer.from('<!DOCTYPE html><html><body><h1>Không tìm thấy trang</h1></body></html>\n', 'utf8');
  return Buffer.from('Số: 12/KH-UBND\nHà Nội, ngày 15 tháng 01 năm 2024\n', 'utf8');
}

/** `spec` on page 1, then page after page up to `pages`: only page 1 should ever be read. */
export async function longPdf(spec: DocumentSpec, pages = 500): Promise<Buffer> {
  const { doc } = composeDocument(spec);
  const pdf = await PDFDocument.load(await finish(doc), { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = pdf.getPageCount() + 1; n <= pages; n += 1) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Phu luc - trang ${n}`, { x: 85, y: 780, size: 12, font });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

/** A "scan" whose page images are missing: pages with an empty XObject dictionary and nothing painted. */
export async function imageOnlyWithoutImages(pages = 2): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (let n = 0; n < pages; n += 1) {
    const page = pdf.addPage([595.28, 841.89]);
    page.node.set(PDFName.of('Resources'), pdf.context.obj({ XObject: {} }));
  }
  return Buffer.from(await pdf.save());
}

/**
 * A page 200 inches square (the PDF maximum). `text`: the header printed at the usual size in its
 * corner, in the text layer. `image`: the same header as a small picture, so only OCR of a page
 * far too big to render at reading resolution could find it.
 */
export async function enormousPagePdf(kind: 'text' | 'image'): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([14_400, 14_400]);
  const line = 'Số: 12/KH-UBND          Hà Nội, ngày 15 tháng 01 năm 2024';
  if (kind === 'text') {
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    page.drawText('So: 12/KH-UBND          Ha Noi, ngay 15 thang 01 nam 2024', { x: 85, y: 14_400 - 100, size: 13, font });
  } else {
    const canvas = createCanvas(1500, 60);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 1500, 60);
    ctx.fillStyle = '#000000';
    ctx.font = '36px "DejaVu Serif"';
    ctx.fillText(line, 10, 42);
    const image = await pdf.embedPng(canvas.toBuffer('image/png'));
    page.drawImage(image, { x: 85, y: 14_400 - 120, width: 500, height: 20 });
  }
  return Buffer.from(await pdf.save());
}
