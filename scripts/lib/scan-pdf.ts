// Turns a Decree 30 document into what a records office's scanner makes of it: page images
// (JPEG) at 150–300 dpi, skewed, noisy, faded, sometimes upside down, with the number or the day
// filled in by the records clerk in another ink. Deterministic for a given seed. Test data only.
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import path from 'node:path';
import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { degrees, PDFDocument as PDFLibDocument, StandardFonts } from 'pdf-lib';
import { composeDocument, type DocumentSpec, finish, type HeaderSpots, headerSpots, numberLine, PAGE, placeDateLine, type Spot } from './decree30-pdf.js';
import { writeDigits } from './handwriting.js';
import { createRandom, type Random } from './random.js';
import { rasterisePages } from './raster.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
GlobalFonts.registerFromPath(path.join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'), 'Clerk Stamp');
GlobalFonts.registerFromPath(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'), 'Clerk Numbering');

export type Ink = 'blue' | 'violet' | 'red' | 'black';

const INKS: Record<Ink, [number, number, number]> = {
  blue: [25, 45, 170],
  violet: [95, 40, 150],
  red: [190, 30, 35],
  black: [20, 20, 20],
};

export interface ScanOptions {
  seed: number;
  /** Scan resolution; default 200. */
  dpi?: number;
  /** Rotation of the paper on the glass, in degrees; default 0. About ±2 in real scans. */
  skewDegrees?: number;
  /** 0–1: speckles and grain; default 0.3. */
  noise?: number;
  /** 0–1: how much lighter the ink comes out (old toner, a faint copy); default 0.1. */
  fade?: number;
  /** `jpeg`: a colour scan (default). `bilevel`: a black-and-white scan, 1 bit per pixel. */
  encoding?: 'jpeg' | 'bilevel';
  /** JPEG quality 1–100; default 55. */
  jpegQuality?: number;
  /** The page was fed upside down (rotated 180°). */
  upsideDown?: boolean;
  /**
   * The number and/or the day (and the month) left blank by the typist and filled in by the
   * records clerk: with a numbering stamp, a pen-like typeface, or `pen`: handwriting
   * (scripts/lib/handwriting.ts), the numeral now and then running over the printed slash.
   */
  stamp?: { number?: boolean; day?: boolean; month?: boolean; ink?: Ink; style?: 'numbering-stamp' | 'handwriting' | 'pen'; crossSlash?: boolean };
  /** A red incoming (`ĐẾN`) stamp under the date line, with its own number and date. */
  arrivalStamp?: { number: number; date: string };
  /**
   * The page lies on its side: `rotate-entry` stores the image turned and sets /Rotate 90 so
   * viewers show it upright; `sideways` stores it turned with no /Rotate (it shows sideways).
   */
  quarterTurn?: 'rotate-entry' | 'sideways';
  /** Only the top half of page 1 was scanned (an A5-size page: a short notice, a half-sheet). */
  halfPage?: boolean;
  /** A signing-time box printed at the top right (what a scan of a signed print shows). */
  signingBox?: string[];
  /** Optical softness in pixels; default 0.8 at 300 dpi, less below. */
  blur?: number;
  /** Scan only the first pages (a document's header is on page 1). */
  maxPages?: number;
  /**
   * Add the invisible text layer scanner software writes when it OCRs as it saves: the number
   * and place-date lines of page 1, unaccented (a Standard 14 font has no Vietnamese letters).
   */
  ocrTextLayer?: boolean;
  /** The scanner's OCR misread the numeral: its hidden layer says this one (the image shows the right one). */
  ocrLayerNumeral?: string;
}

/** Scan `spec` and return the PDF bytes: one JPEG image per page, no text layer. */
export async function renderScannedDocument(spec: DocumentSpec, options: ScanOptions): Promise<Buffer> {
  const random = createRandom(options.seed);
  const dpi = options.dpi ?? 200;
  // The typist leaves room for the clerk: a blank about twice the numeral's width.
  const printed: DocumentSpec = {
    ...spec,
    numeral: options.stamp?.number ? ' '.repeat(Math.max(6, 2 * (spec.numeral ?? '').length + 2)) : spec.numeral,
    date: { ...spec.date, ...(options.stamp?.day ? { day: null } : {}), ...(options.stamp?.month ? { month: null } : {}) },
  };
  const { doc, layout } = composeDocument(printed);
  const spots = headerSpots(doc, printed, layout);
  const pdf = await finish(doc);
  const pages = (await rasterisePages(pdf, dpi)).slice(0, options.maxPages ?? Number.POSITIVE_INFINITY);

  const first = pages[0];
  if (first && options.stamp) {
    const ctx = first.getContext('2d');
    const ink = INKS[options.stamp.ink ?? 'blue'];
    const style = options.stamp.style ?? 'numbering-stamp';
    if (style === 'pen') {
      const pen = (spot: Spot, text: string, crossSlash = false) => writeDigits(ctx, text, { spot, scale: dpi / 72, ink, crossSlash }, random);
      if (options.stamp.number && spec.numeral) pen(spots.numeral, spec.numeral, options.stamp.crossSlash === true);
      if (options.stamp.day && spec.date.day !== null) pen(spots.day, random.chance(0.5) ? String(spec.date.day).padStart(2, '0') : String(spec.date.day));
      if (options.stamp.month && spec.date.month !== null) pen(spots.month, String(spec.date.month));
    } else {
      if (options.stamp.number && spec.numeral) fillIn(ctx, spots.numeral, spec.numeral, dpi, ink, style, random);
      if (options.stamp.day && spec.date.day !== null) fillIn(ctx, spots.day, String(spec.date.day).padStart(2, '0'), dpi, ink, style, random);
    }
  }
  if (first && options.arrivalStamp) drawArrivalStamp(first.getContext('2d'), spots.day, dpi, options.arrivalStamp, random);
  if (first && options.signingBox) drawSigningBox(first.getContext('2d'), options.signingBox, dpi);

  const images: Buffer[] = [];
  if (options.halfPage && first) {
    const half = createCanvas(first.width, Math.round(first.height / 2));
    half.getContext('2d').drawImage(first, 0, 0);
    pages.splice(0, pages.length, half);
  }
  for (const page of pages) {
    const paper = paperTone(random);
    ageInk(page, options.fade ?? 0.1, options.noise ?? 0.3, paper, random);
    let turned = turn(page, (options.skewDegrees ?? 0) + (options.upsideDown ? 180 : 0), paper, options.blur ?? (dpi / 300) * 0.8);
    if (options.quarterTurn) turned = quarter(turned, options.quarterTurn === 'rotate-entry' ? -90 : 90);
    images.push(options.encoding === 'bilevel' ? bilevelPng(turned) : await turned.encode('jpeg', options.jpegQuality ?? 55));
  }
  let scan = await imagesToPdf(images, spec, options.halfPage ? PAGE.height / 2 : PAGE.height, options.quarterTurn !== undefined);
  if (options.quarterTurn === 'rotate-entry') {
    const doc = await PDFLibDocument.load(scan, { updateMetadata: false });
    for (const page of doc.getPages()) page.setRotation(degrees(90));
    scan = Buffer.from(await doc.save());
  }
  return options.ocrTextLayer ? addInvisibleText(scan, spots, options.ocrLayerNumeral ? { ...spec, numeral: options.ocrLayerNumeral } : spec) : scan;
}

/** Invisible (opacity 0) text of the number and date lines over the scan, where they are printed. */
async function addInvisibleText(pdf: Buffer, spots: HeaderSpots, spec: DocumentSpec): Promise<Buffer> {
  const doc = await PDFLibDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.getPage(0);
  const ascii = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, (c) => (c === 'đ' ? 'd' : 'D'));
  const y = PAGE.height - spots.numeral.y - spots.numeral.height * 0.8;
  page.drawText(ascii(numberLine(spec.numeral, spec.symbol)), { x: spots.numeral.x - 30, y, size: 13, font, opacity: 0 });
  page.drawText(ascii(placeDateLine(spec.place, spec.date)), { x: spots.day.x - 150, y, size: 13, font, opacity: 0 });
  return Buffer.from(await doc.save());
}

/** Put page images into a PDF, one A4 page each, as a scanner's software does. */
export function imagesToPdf(images: Buffer[], spec: Pick<DocumentSpec, 'summary' | 'issuingBody' | 'date'>, height = PAGE.height, landscape = false): Promise<Buffer> {
  const created = new Date(Date.UTC(spec.date.year, (spec.date.month ?? 1) - 1, spec.date.day ?? 1, 9));
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: { Title: spec.summary, Author: spec.issuingBody, Creator: 'cchc scan generator', CreationDate: created, ModDate: created },
  });
  for (const image of images) {
    const [w, h] = landscape ? [height, PAGE.width] : [PAGE.width, height];
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(image, 0, 0, { width: w, height: h });
  }
  return finish(doc);
}

/** A red `ĐẾN` (incoming) stamp under the date line: its own number and arrival date, in a box. */
function drawArrivalStamp(ctx: SKRSContext2D, day: Spot, dpi: number, stamp: { number: number; date: string }, random: Random): void {
  const k = dpi / 72;
  const x = (day.x + random.range(10, 40)) * k;
  const y = (day.y + day.height * random.range(1.6, 2.2)) * k;
  ctx.save();
  ctx.rotate((random.range(-3, 3) * Math.PI) / 180);
  ctx.strokeStyle = 'rgba(200, 30, 40, 0.85)';
  ctx.fillStyle = 'rgba(200, 30, 40, 0.85)';
  ctx.lineWidth = 1.5 * k;
  ctx.strokeRect(x, y, 150 * k, 48 * k);
  ctx.font = `bold ${Math.round(16 * k)}px "Clerk Numbering"`;
  ctx.fillText('ĐẾN', x + 6 * k, y + 30 * k);
  ctx.font = `${Math.round(9 * k)}px "Clerk Numbering"`;
  ctx.fillText(`Số: ${stamp.number}`, x + 56 * k, y + 18 * k);
  ctx.fillText(`Ngày: ${stamp.date}`, x + 56 * k, y + 36 * k);
  ctx.restore();
}

/** A signing-time box printed at the top right of the page, in blue. */
function drawSigningBox(ctx: SKRSContext2D, lines: string[], dpi: number): void {
  const k = dpi / 72;
  const x = (PAGE.width - 215) * k;
  const y = 8 * k;
  ctx.save();
  ctx.strokeStyle = 'rgba(31, 63, 174, 0.9)';
  ctx.fillStyle = 'rgba(31, 63, 174, 0.9)';
  ctx.lineWidth = 0.8 * k;
  ctx.strokeRect(x, y, 200 * k, (lines.length * 9 + 6) * k);
  ctx.font = `${Math.round(7 * k)}px "Clerk Numbering"`;
  lines.forEach((line, n) => ctx.fillText(line, x + 4 * k, y + (10 + n * 9) * k));
  ctx.restore();
}

/** The clerk's numbering stamp or pen, centred on the blank, a little crooked. */
function fillIn(
  ctx: SKRSContext2D, spot: Spot, text: string, dpi: number, ink: [number, number, number],
  style: 'numbering-stamp' | 'handwriting' | 'pen', random: Random,
): void {
  const k = dpi / 72;
  const family = style === 'numbering-stamp' ? 'Clerk Numbering' : 'Clerk Stamp';
  // A stamp or a pen fits the blank left for it, give or take.
  let size = 12.5 * k;
  ctx.font = `${Math.round(size)}px "${family}"`;
  const fit = (spot.width * k * random.range(0.95, 1.1)) / ctx.measureText(text).width;
  if (fit < 1) size = Math.max(9 * k, size * fit);
  ctx.save();
  ctx.translate((spot.x + spot.width / 2) * k + random.range(-1.5, 1.5) * k, (spot.y + spot.height * 0.45) * k + random.range(-1, 1) * k);
  ctx.rotate((random.range(-4, 4) * Math.PI) / 180);
  ctx.font = `${Math.round(size)}px "${family}"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = `rgba(${ink[0]}, ${ink[1]}, ${ink[2]}, ${random.range(0.8, 0.95).toFixed(2)})`;
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

function paperTone(random: Random): [number, number, number] {
  const base = random.int(236, 252);
  return [base, base - random.int(0, 6), base - random.int(2, 12)];
}

/** Faded ink, paper tone, toner speckles and a little grain. */
function ageInk(canvas: Canvas, fade: number, noise: number, paper: [number, number, number], random: Random): void {
  const ctx = canvas.getContext('2d');
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const data = image.data;
  const keep = 1 - Math.min(Math.max(fade, 0), 0.8);
  const grain = noise * 6;
  for (let i = 0; i < data.length; i += 4) {
    const jitter = grain > 0 && (i & 252) === 0 ? (random.next() - 0.5) * grain : 0;
    for (let c = 0; c < 3; c += 1) {
      const v = data[i + c] ?? 255;
      const p = paper[c] ?? 245;
      data[i + c] = Math.max(0, Math.min(255, p - (255 - v) * keep * (p / 255) + jitter));
    }
  }
  ctx.putImageData(image, 0, 0);
  const speckles = Math.round(noise * canvas.width * canvas.height * 0.00015);
  ctx.fillStyle = 'rgba(40, 40, 40, 0.85)';
  for (let s = 0; s < speckles; s += 1) {
    ctx.beginPath();
    ctx.arc(random.range(0, canvas.width), random.range(0, canvas.height), random.range(0.4, 1.6), 0, Math.PI * 2);
    ctx.fill();
  }
}

/** The image turned a quarter (degrees ±90): width and height swap. */
function quarter(source: Canvas, degrees: number): Canvas {
  const out = createCanvas(source.height, source.width);
  const ctx = out.getContext('2d');
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  return out;
}

/** Lay the page on the glass: turned by `degrees`, softened a little as scanner optics do. */
function turn(source: Canvas, degrees: number, paper: [number, number, number], blur: number): Canvas {
  const out = createCanvas(source.width, source.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = `rgb(${paper[0]}, ${paper[1]}, ${paper[2]})`;
  ctx.fillRect(0, 0, out.width, out.height);
  if (blur > 0) ctx.filter = `blur(${blur.toFixed(2)}px)`;
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((degrees * Math.PI) / 180);
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  return out;
}

/** A 1-bit greyscale PNG (what a scanner's black-and-white mode gives), thresholded at mid-grey. */
function bilevelPng(canvas: Canvas): Buffer {
  const { width, height } = canvas;
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const stride = Math.ceil(width / 8) + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const v = Math.min(pixels[i] ?? 255, pixels[i + 1] ?? 255, pixels[i + 2] ?? 255);
      // Bit set = white; coloured ink (min channel) counts as dark.
      if (v > 150) raw[y * stride + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
