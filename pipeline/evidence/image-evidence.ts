// A photo or scan sent as an image (JPEG, PNG) is read like a scanned PDF page: it is wrapped, as
// is, into a one-page PDF so that the reader's own scan path (page-image, page-ocr, ocr-engine)
// reads its header; no second OCR path. The page is A4 wide, so the image's resolution as placed
// is its width over 8.27 in (what the scan-resolution check reads).
import { randomBytes } from 'node:crypto';
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from './pdf-lib.js';
import { scanImageKind } from './sniff-file.js';

const A4_WIDTH = 595.28;

/**
 * The image as a one-page PDF in the temp folder, or null when `file` is not a JPEG/PNG. Call
 * `remove` after reading. Throws `ImageError` (Vietnamese message) when the image cannot be decoded.
 */
export async function imageAsPdf(file: string): Promise<{ file: string; remove: () => Promise<void> } | null> {
  const head = Buffer.alloc(16);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  const kind = scanImageKind(head);
  if (!kind) return null;
  const bytes = await readFile(file);
  const pdf = await PDFDocument.create();
  let image;
  try {
    image = kind === 'jpeg' ? await pdf.embedJpg(bytes) : await pdf.embedPng(bytes);
  } catch {
    throw new ImageError(`ảnh ${kind === 'jpeg' ? 'JPEG' : 'PNG'} bị hỏng hoặc lưu theo cách chương trình chưa đọc được; cần chụp hoặc quét lại, hoặc nộp bản PDF`);
  }
  const height = (image.height / image.width) * A4_WIDTH;
  pdf.addPage([A4_WIDTH, height]).drawImage(image, { x: 0, y: 0, width: A4_WIDTH, height });
  const out = path.join(os.tmpdir(), `cchc-image-${process.pid}-${randomBytes(6).toString('hex')}.pdf`);
  await writeFile(out, await pdf.save({ useObjectStreams: false }));
  return { file: out, remove: () => unlink(out).catch(() => {}) };
}

/** An image that cannot be decoded; the message is Vietnamese, for `Extraction.error`. */
export class ImageError extends Error {}
