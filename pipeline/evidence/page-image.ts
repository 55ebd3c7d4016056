// The fast path for scans: when page 1 is one image laid over the whole page (what scanners make),
// take the image's bytes out of the PDF and decode them natively: JPEG with libjpeg-turbo (via
// @napi-rs/canvas), black-and-white or grey Flate images with zlib. Several times faster than
// pdf.js's JavaScript decoders. A scanner's hidden OCR layer (text in render mode 3 or at opacity 0)
// paints nothing and may lie over it. Anything less plain (CMYK, masks, several images, rotated
// pages, EXIF orientation, CCITT/JBIG2, visible text, a large file) goes the pdf.js way.
import { inflateSync } from 'node:zlib';
import { createCanvas, type Image, loadImage } from '@napi-rs/canvas';
import { decodePDFRawStream, loadWholePdf, numberIn, PDFArray, PDFDict, type PDFDocument, PDFName, PDFRawStream, type PDFRef, PDFStream } from './pdf-lib.js';
import { operations, STATE_OPERATORS } from './content-stream.js';
import { unpredictPng } from './png-predictor.js';
import { jpegTopRows } from './jpeg-rows.js';
import type { GreyImage, Region, RenderedRegion } from './pdf-page.js';
import { greyFromRgba, MAX_RENDER_PIXELS } from './pdf-page.js';

interface PageSize {
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Page size in points. */
  pageWidth: number;
  pageHeight: number;
}

/**
 * Page 1's image: a JPEG's bytes, or the rows of a Flate grey image as stored (1 or 8 bits per
 * pixel, 0 black; a set bit white), read where a rendering needs them rather than expanded whole.
 */
export type PageImage = PageSize & ({ kind: 'jpeg'; jpeg: Buffer } | { kind: 'grey'; rows: Uint8Array; bits: 1 | 8; rowBytes: number });

/**
 * Page 1's image when it is the whole page and nothing else is painted; null otherwise. With
 * `invisibleText`, text drawn invisibly over it (render mode 3, or filled at opacity 0: a scanner's
 * hidden OCR layer) is allowed too: it paints nothing.
 */
export async function pageOneImage(file: string, options: { invisibleText?: boolean } = {}): Promise<PageImage | null> {
  try {
    const pdf = await loadWholePdf(file);
    if (!pdf) return null;
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
    if (dict.has(PDFName.of('Decode')) || dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask')) || dict.has(PDFName.of('ImageMask'))) return null;
    const states = options.invisibleText ? fillOpacities(pdf, page.node.Resources()?.lookup(PDFName.of('ExtGState'))) : null;
    if (!drawsWholePage(pdf, page.node.Contents(), name, box, states)) return null;
    const width = numberIn(dict, 'Width');
    const height = numberIn(dict, 'Height');
    if (!(width > 0 && height > 0) || width * height > 80_000_000) return null;
    const size = { width, height, pageWidth: box.width, pageHeight: box.height };
    const filter = dict.lookup(PDFName.of('Filter'));
    const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
    const space = dict.lookup(PDFName.of('ColorSpace'));
    if (only === PDFName.of('DCTDecode')) {
      if (!(space === PDFName.of('DeviceRGB') || space === PDFName.of('DeviceGray'))) return null;
      const jpeg = Buffer.from(stream.contents);
      // Viewers ignore EXIF orientation in a PDF; a native decoder might apply it.
      if (jpeg.subarray(0, 65536).includes('Exif\u0000\u0000', 0, 'latin1')) return null;
      return { ...size, kind: 'jpeg', jpeg };
    }
    if (only === PDFName.of('FlateDecode') && space === PDFName.of('DeviceGray')) {
      const bits = numberIn(dict, 'BitsPerComponent');
      if (bits !== 1 && bits !== 8) return null;
      const parms = dict.lookup(PDFName.of('DecodeParms'));
      const predictor = parms instanceof PDFDict ? numberIn(parms, 'Predictor') || 1 : 1;
      if (predictor !== 1 && predictor < 10) return null;
      const rowBytes = Math.ceil((width * bits) / 8);
      const raw = inflateSync(stream.contents);
      const rows = predictor >= 10 ? unpredictPng(raw, rowBytes, height, 1) : raw;
      if (!rows || rows.length < rowBytes * height) return null;
      return { ...size, kind: 'grey', rows, bits, rowBytes };
    }
    return null;
  } catch {
    return null;
  }
}

interface Placement {
  /** XObject name. */
  name: string;
  /** Current transformation matrix when it was painted. */
  ctm: number[];
}

/**
 * Walk page 1's content streams for the images they paint and where. `onlyImages`: any painting
 * operator other than the images (text, paths) makes the walk give up (null).
 */
function imagePlacements(pdf: PDFDocument, contents: PDFStream | PDFArray | undefined, onlyImages: boolean, invisibleText: Map<string, number> | null = null): Placement[] | null {
  const streams: PDFStream[] = [];
  if (contents instanceof PDFStream) streams.push(contents);
  else if (contents instanceof PDFArray) {
    for (let k = 0; k < contents.size(); k += 1) {
      const item = pdf.context.lookup(contents.get(k) as PDFRef);
      if (item instanceof PDFStream) streams.push(item);
    }
  }
  const text = streams.map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : '')).join('\n');
  if (text.length > (onlyImages && !invisibleText ? 4096 : 4_000_000)) return null;
  let ctm = [1, 0, 0, 1, 0, 0];
  // With `invisibleText`: the text render mode and the fill opacity, saved and restored with q/Q.
  let mode = 0;
  let opacity = 1;
  const stack: Array<{ ctm: number[]; mode: number; opacity: number }> = [];
  const placed: Placement[] = [];
  for (const { op, operands } of operations(text)) {
    if (op === 'Do') {
      const name = operands.find((o) => o.kind === 'name');
      if (name) placed.push({ name: `/${name.value}`, ctm });
    } else if (op === 'q') stack.push({ ctm, mode, opacity });
    else if (op === 'Q') ({ ctm, mode, opacity } = stack.pop() ?? { ctm, mode, opacity });
    else if (op === 'cm') ctm = multiply(operands.filter((o) => o.kind === 'number').map((o) => Number(o.value)), ctm);
    else if (invisibleText && op === 'Tr') mode = Number(operands.find((o) => o.kind === 'number')?.value ?? 0);
    else if (invisibleText && op === 'gs') opacity = invisibleText.get(`/${operands.find((o) => o.kind === 'name')?.value ?? ''}`) ?? opacity;
    else if (invisibleText && TEXT_SHOWING.has(op)) {
      // Invisible: neither filled nor stroked (mode 3), or filled only (mode 0) at opacity 0.
      if (!(mode === 3 || (mode === 0 && opacity === 0))) return null;
    } else if (invisibleText && TEXT_STATE.has(op)) continue;
    else if (onlyImages && !STATE_OPERATORS.has(op)) return null;
  }
  return placed;
}

/** Operators that show text, and those that only set up the text object and its state. */
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const TEXT_STATE = new Set(['BT', 'ET', 'Tf', 'Td', 'TD', 'Tm', 'T*', 'Tc', 'Tw', 'Tz', 'TL', 'Ts']);

/** The fill opacity (`/ca`) each graphics state of the page's resources sets, by name (`/GS1`). */
function fillOpacities(pdf: PDFDocument, states: unknown): Map<string, number> {
  const opacities = new Map<string, number>();
  if (!(states instanceof PDFDict)) return opacities;
  for (const [name, ref] of states.entries()) {
    const state = pdf.context.lookup(ref);
    if (state instanceof PDFDict && state.has(PDFName.of('ca'))) opacities.set(name.asString(), numberIn(state, 'ca'));
  }
  return opacities;
}

/** The matrix paints the unit square over the whole media box, upright. */
function coversPage(ctm: number[], box: { x: number; y: number; width: number; height: number }, tolerance = 0.01): boolean {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = ctm;
  const near = (u: number, v: number, scale: number) => Math.abs(u - v) <= Math.max(2, tolerance * scale);
  return near(b, 0, box.width) && near(c, 0, box.height) && near(a, box.width, box.width) && near(d, box.height, box.height) && near(e, box.x, box.width) && near(f, box.y, box.height);
}

/** The content stream paints only the image, once, upright over the media box. */
function drawsWholePage(pdf: PDFDocument, contents: PDFStream | PDFArray | undefined, name: PDFName, box: { x: number; y: number; width: number; height: number }, invisibleText: Map<string, number> | null = null): boolean {
  const placed = imagePlacements(pdf, contents, true, invisibleText);
  return placed !== null && placed.length === 1 && placed[0]?.name === name.asString() && coversPage(placed[0].ctm, box);
}

/**
 * A scan under a text layer (scanner software that OCRs as it saves): page 1 paints an image over
 * the whole page, whatever text it also shows. The image's pixel size, or null.
 */
export async function scanUnderText(file: string): Promise<{ width: number; height: number } | null> {
  try {
    const pdf = await loadWholePdf(file, mayHaveImageXObject);
    if (!pdf) return null;
    const page = pdf.getPage(0);
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return null;
    const box = page.getMediaBox();
    for (const placement of imagePlacements(pdf, page.node.Contents(), false) ?? []) {
      const image = xobjects.lookup(PDFName.of(placement.name.slice(1)));
      if (!(image instanceof PDFRawStream) || image.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      if (coversPage(placement.ctm, box, 0.05)) return { width: numberIn(image.dict, 'Width'), height: numberIn(image.dict, 'Height') };
    }
    return null;
  } catch {
    return null;
  }
}

/** Bytes that end a PDF name. */
const NAME_END = new Set([...' \t\r\n\f\0/<>[]()%{}'].map((c) => c.charCodeAt(0)));

/**
 * Whether a PDF can hold an image XObject: its stream dictionary says `/Subtype /Image`, and stream
 * dictionaries are never compressed into object streams, so the name is in the file's bytes, unless
 * written with `#` escapes (then assume it may). Most text-layer PDFs hold none: no need to parse them.
 */
export function mayHaveImageXObject(bytes: Buffer): boolean {
  for (let at = bytes.indexOf('/Image', 0, 'latin1'); at >= 0; at = bytes.indexOf('/Image', at + 6, 'latin1')) {
    if (at + 6 >= bytes.length || NAME_END.has(bytes[at + 6] ?? 0)) return true;
  }
  return /\/Subtype\s*\/[^\s/<>[\]()%{}]*#/u.test(bytes.toString('latin1'));
}

/** `m` then `n` (PDF's row-vector convention: the result maps as m, then n). */
function multiply(m: number[], n: number[]): number[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2];
}

/** Rows below a region's last that resampling may still read. */
const RESAMPLE_MARGIN = 16;

/** Decoded JPEGs of the page being read, with how many of their top rows were decoded. */
const decodedJpegs = new WeakMap<PageImage, { rows: number; image: Image }>();

/** The page's JPEG decoded down to row `rows` at least: its top only when that is all that is needed; reused across renders. */
async function decodedJpeg(page: PageImage & { kind: 'jpeg' }, rows: number): Promise<Image> {
  const known = decodedJpegs.get(page);
  if (known && known.rows >= rows) return known.image;
  const top = rows < page.height ? jpegTopRows(page.jpeg, rows) : null;
  const image = await loadImage(top ?? page.jpeg);
  decodedJpegs.set(page, { rows: top ? rows : page.height, image });
  return image;
}

/** Render a region of the page from its image, like `renderRegion` does with pdf.js. */
export async function renderImageRegion(page: PageImage, region: Region, dpi: number, rotation: 0 | 180): Promise<RenderedRegion> {
  let scale = dpi / 72;
  const areaAt = (s: number) => page.pageWidth * region.width * s * page.pageHeight * region.height * s;
  if (areaAt(scale) > MAX_RENDER_PIXELS) scale = Math.sqrt(MAX_RENDER_PIXELS / areaAt(1));
  const width = Math.max(1, Math.round(page.pageWidth * region.width * scale));
  const height = Math.max(1, Math.round(page.pageHeight * region.height * scale));
  // The region in the turned page, mapped back onto the image.
  const left = (rotation === 0 ? region.left : 1 - region.left - region.width) * page.width;
  const top = (rotation === 0 ? region.top : 1 - region.top - region.height) * page.height;
  const sw = region.width * page.width;
  const sh = region.height * page.height;
  let data: Uint8Array;
  let chroma: Uint8Array | null = null;
  let inkPixels = 0;
  if (page.kind === 'jpeg') {
    const image = await decodedJpeg(page, Math.min(page.height, Math.ceil(top + sh) + RESAMPLE_MARGIN));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    if (rotation === 180) {
      ctx.translate(width, height);
      ctx.rotate(Math.PI);
    }
    ctx.drawImage(image, left, top, sw, sh, 0, 0, width, height);
    // The canvas's own pixels: the same bytes as getImageData's on this opaque page, without the copy.
    ({ data, inkPixels, chroma } = greyFromRgba(canvas.data(), width * height));
  } else {
    ({ data, inkPixels } = areaAverage(page, { left, top, sw, sh }, width, height, rotation));
  }
  const grey: GreyImage = { width, height, data, scale, ...(chroma ? { chroma } : {}) };
  return { image: grey, largestImage: { width: page.width, height: page.height }, inkPixels };
}

/**
 * Render a grey page image's region by area average: each output pixel is the mean of the source
 * pixels it covers (1-bit pixels count 0 or 255), the region turned over when `rotation` is 180.
 */
function areaAverage(page: PageImage & { kind: 'grey' }, source: { left: number; top: number; sw: number; sh: number }, width: number, height: number, rotation: 0 | 180): { data: Uint8Array; inkPixels: number } {
  const data = new Uint8Array(width * height);
  const kx = source.sw / width;
  const ky = source.sh / height;
  // Source columns of each output column, clipped to the image.
  const from = new Int32Array(width);
  const to = new Int32Array(width);
  for (let ox = 0; ox < width; ox += 1) {
    const x = rotation === 0 ? ox : width - 1 - ox;
    const sx0 = Math.floor(source.left + x * kx);
    const sx1 = Math.max(sx0 + 1, Math.floor(source.left + (x + 1) * kx));
    from[ox] = Math.max(0, sx0);
    to[ox] = Math.min(page.width, sx1);
  }
  const { rows, rowBytes } = page;
  const oneBit = page.bits === 1;
  let inkPixels = 0;
  for (let oy = 0; oy < height; oy += 1) {
    const y = rotation === 0 ? oy : height - 1 - oy;
    const sy0 = Math.floor(source.top + y * ky);
    const sy1 = Math.min(page.height, Math.max(sy0 + 1, Math.floor(source.top + (y + 1) * ky)));
    const first = Math.max(0, sy0);
    for (let ox = 0; ox < width; ox += 1) {
      const x0 = from[ox] as number;
      const x1 = to[ox] as number;
      let sum = 0;
      let count = 0;
      for (let sy = first; sy < sy1; sy += 1) {
        const row = sy * rowBytes;
        if (oneBit) {
          for (let sx = x0; sx < x1; sx += 1) sum += ((rows[row + (sx >> 3)] as number) >> (7 - (sx & 7))) & 1;
        } else {
          for (let sx = x0; sx < x1; sx += 1) sum += rows[row + sx] as number;
        }
        count += x1 > x0 ? x1 - x0 : 0;
      }
      const v = count > 0 ? Math.round((oneBit ? sum * 255 : sum) / count) : 255;
      data[oy * width + ox] = v;
      if (v < 160) inkPixels += 1;
    }
  }
  return { data, inkPixels };
}
