// The fast path for scans: when page 1 is one JPEG laid over the whole page (what scanners make),
// take the JPEG's bytes out of the PDF and decode them natively (libjpeg-turbo via @napi-rs/canvas),
// about five times faster than pdf.js's JavaScript decoder. Anything less plain (CMYK, masks,
// several images, rotated pages, EXIF orientation, a large file) goes the pdf.js way.
import { stat, readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef, PDFStream } from 'pdf-lib';
import type { GreyImage, Region, RenderedRegion } from './pdf-page.js';
import { greyFromRgba, MAX_RENDER_PIXELS } from './pdf-page.js';

/** Files above this size are left to pdf.js, which reads only the parts it needs. */
const MAX_FILE_BYTES = 40 * 1024 * 1024;

export interface PageJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
  /** Page size in points. */
  pageWidth: number;
  pageHeight: number;
}

/** Page 1's JPEG when it is the whole page and nothing else is painted; null otherwise. */
export async function pageOneJpeg(file: string): Promise<PageJpeg | null> {
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) return null;
    const pdf = await PDFDocument.load(await readFile(file), { updateMetadata: false, throwOnInvalidObject: false });
    if (pdf.isEncrypted || pdf.getPageCount() === 0) return null;
    const page = pdf.getPage(0);
    if (page.getRotation().angle % 360 !== 0) return null;
    const box = page.getMediaBox();
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return null;
    const images = xobjects.entries().map(([name, ref]) => [name, pdf.context.lookup(ref)] as const)
      .filter(([, obj]) => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    if (images.length !== 1) return null;
    const [name, stream] = images[0] as [PDFName, PDFRawStream];
    const dict = stream.dict;
    const filter = dict.lookup(PDFName.of('Filter'));
    const dct = filter === PDFName.of('DCTDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === PDFName.of('DCTDecode'));
    if (!dct || dict.has(PDFName.of('Decode')) || dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask'))) return null;
    const space = dict.lookup(PDFName.of('ColorSpace'));
    if (!(space === PDFName.of('DeviceRGB') || space === PDFName.of('DeviceGray'))) return null;
    const jpeg = Buffer.from(stream.contents);
    // Viewers ignore EXIF orientation in a PDF; a native decoder might apply it.
    if (jpeg.subarray(0, 65536).includes('Exif\u0000\u0000', 0, 'latin1')) return null;
    if (!drawsWholePage(pdf, page.node.Contents(), name, box)) return null;
    const width = Number(dict.lookup(PDFName.of('Width'))?.toString());
    const height = Number(dict.lookup(PDFName.of('Height'))?.toString());
    if (!(width > 0 && height > 0)) return null;
    return { jpeg, width, height, pageWidth: box.width, pageHeight: box.height };
  } catch {
    return null;
  }
}

/** Operators that change no pixels: allowed around the one image. */
const STATE_OPERATORS = new Set(['q', 'Q', 'cm', 'w', 'J', 'j', 'M', 'd', 'ri', 'i', 'gs', 'g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'scn', 'SC', 'SCN']);

/** The content stream paints only the image, once, upright over the media box. */
function drawsWholePage(pdf: PDFDocument, contents: PDFStream | PDFArray | undefined, name: PDFName, box: { x: number; y: number; width: number; height: number }): boolean {
  const streams: PDFStream[] = [];
  if (contents instanceof PDFStream) streams.push(contents);
  else if (contents instanceof PDFArray) {
    for (let k = 0; k < contents.size(); k += 1) {
      const item = pdf.context.lookup(contents.get(k) as PDFRef);
      if (item instanceof PDFStream) streams.push(item);
    }
  }
  const text = streams.map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '')).join('\n');
  if (text.length > 4096) return false;
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  let operands: string[] = [];
  let placed: number[] | null = null;
  for (const token of text.split(/\s+/u).filter(Boolean)) {
    if (/^[-+]?[\d.]+$/u.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    if (token === 'Do') {
      if (placed || operands[0] !== name.asString()) return false;
      placed = ctm;
    } else if (!STATE_OPERATORS.has(token)) return false;
    else if (token === 'q') stack.push(ctm);
    else if (token === 'Q') ctm = stack.pop() ?? ctm;
    else if (token === 'cm') ctm = multiply(operands.map(Number), ctm);
    operands = [];
  }
  if (!placed) return false;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = placed;
  const near = (u: number, v: number) => Math.abs(u - v) <= Math.max(2, 0.01 * Math.abs(v));
  return near(b, 0) && near(c, 0) && near(a, box.width) && near(d, box.height) && near(e, box.x) && near(f, box.y);
}

/** `m` then `n` (PDF's row-vector convention: the result maps as m, then n). */
function multiply(m: number[], n: number[]): number[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2];
}

/** Render a region of the page from its JPEG, like `renderRegion` does with pdf.js. */
export async function renderJpegRegion(page: PageJpeg, region: Region, dpi: number, rotation: 0 | 180): Promise<RenderedRegion> {
  const image = await loadImage(page.jpeg);
  let scale = dpi / 72;
  const areaAt = (s: number) => page.pageWidth * region.width * s * page.pageHeight * region.height * s;
  if (areaAt(scale) > MAX_RENDER_PIXELS) scale = Math.sqrt(MAX_RENDER_PIXELS / areaAt(1));
  const width = Math.max(1, Math.round(page.pageWidth * region.width * scale));
  const height = Math.max(1, Math.round(page.pageHeight * region.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const kx = image.width / page.pageWidth;
  const ky = image.height / page.pageHeight;
  // The region in the turned page, mapped back onto the image.
  const left = rotation === 0 ? region.left : 1 - region.left - region.width;
  const top = rotation === 0 ? region.top : 1 - region.top - region.height;
  if (rotation === 180) {
    ctx.translate(width, height);
    ctx.rotate(Math.PI);
  }
  ctx.drawImage(image, left * page.pageWidth * kx, top * page.pageHeight * ky, region.width * page.pageWidth * kx, region.height * page.pageHeight * ky, 0, 0, width, height);
  const { data, inkPixels } = greyFromRgba(ctx.getImageData(0, 0, width, height).data, width * height);
  const grey: GreyImage = { width, height, data, scale };
  return { image: grey, largestImage: { width: page.width, height: page.height }, inkPixels };
}
