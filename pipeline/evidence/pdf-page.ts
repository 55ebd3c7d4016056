// pdf.js at the edge: open a PDF (range reads, so a huge file is not loaded whole), give page 1's
// text-layer items and annotations as positioned pieces, what the page paints, and render a region
// of it as a grey image for OCR. Runs inside a reader process, never on the pipeline's main thread.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { deferGlyphPaths } from './glyph-paths.js';
import { GLYPH_PATHS_DEFERRED, pdfjs } from './pdfjs.js';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { nfc } from '../util/text.js';
import type { Piece } from './layout.js';
import { BandTextFilter, type FontInfo, type OperatorList } from './region-text-ops.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dirUrl = (dir: string) => `${pathToFileURL(path.join(PDFJS_DIR, dir)).href}/`;

/** Largest image pdf.js will decode, in pixels: a hostile 60000×60000 image is skipped, not decoded. */
export const MAX_IMAGE_PIXELS = 60_000_000;
/** Largest canvas we render, in pixels. */
export const MAX_RENDER_PIXELS = 14_000_000;

/**
 * Open a PDF from its path (range reads), or from bytes already in memory. Its glyph outlines are
 * compiled when drawn (glyph-paths.ts), unless `eagerGlyphPaths` (pdf.js's own way: all of a
 * page's outlines compiled with its operator list; the same pictures). `destroy()` it when done.
 */
export async function openPdf(file: string | Uint8Array, options: { eagerGlyphPaths?: boolean } = {}): Promise<PDFDocumentProxy> {
  const task = pdfjs.getDocument({
    ...(typeof file === 'string' ? { url: pathToFileURL(file) } : { data: file }),
    disableStream: true,
    disableAutoFetch: true,
    rangeChunkSize: 256 * 1024,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    standardFontDataUrl: dirUrl('standard_fonts'),
    cMapUrl: dirUrl('cmaps'),
    cMapPacked: true,
    wasmUrl: dirUrl('wasm'),
    iccUrl: dirUrl('iccs'),
  });
  const doc = await task.promise;
  // pdf.js's document-wide common objects (fonts, glyph outlines), on its transport (pinned pdfjs-dist).
  const objs = (doc as unknown as { _transport?: { commonObjs?: Parameters<typeof deferGlyphPaths>[1] } })._transport?.commonObjs;
  if (GLYPH_PATHS_DEFERRED && objs && !options.eagerGlyphPaths) {
    const forget = deferGlyphPaths(task.docId, objs);
    const destroy = doc.destroy.bind(doc);
    doc.destroy = () => {
      forget();
      return destroy();
    };
  }
  return doc;
}

export interface PageSize {
  width: number;
  height: number;
}

export function pageSize(page: PDFPageProxy): PageSize {
  const viewport = page.getViewport({ scale: 1 });
  return { width: viewport.width, height: viewport.height };
}

/** Text-layer items of a page as pieces, in points from the top-left of the page as displayed. */
export async function textPieces(page: PDFPageProxy): Promise<Piece[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const pieces: Piece[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const tx = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    const height = Math.hypot(tx[2] ?? 0, tx[3] ?? 0) || item.height || 10;
    const x = tx[4] ?? 0;
    const baseline = tx[5] ?? 0;
    pieces.push({
      text: nfc(item.str),
      x0: x,
      x1: x + Math.max(item.width, 0.1),
      y0: baseline - 0.8 * height,
      y1: baseline + 0.2 * height,
      origin: 'text',
      confidence: 1,
    });
  }
  return pieces;
}

/** All text of pages `first`…`last`, lines joined: for citations. */
export async function pagesText(doc: PDFDocumentProxy, first: number, last: number): Promise<string> {
  const out: string[] = [];
  for (let n = first; n <= Math.min(last, doc.numPages); n += 1) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join(''));
    page.cleanup();
  }
  return nfc(out.join('\n'));
}

/** A rectangle in PDF user space as [x0, y0, x1, y1] points from the top-left of the page as displayed. */
export function viewportRect(page: PDFPageProxy, rect: number[]): { x0: number; y0: number; x1: number; y1: number } {
  const [a = 0, b = 0, c = 0, d = 0] = page.getViewport({ scale: 1 }).convertToViewportRectangle(rect) as number[];
  return { x0: Math.min(a, c), x1: Math.max(a, c), y0: Math.min(b, d), y1: Math.max(b, d) };
}

export interface AnnotationInfo {
  subtype: string;
  /** Text the annotation shows, when pdf.js can read it (FreeText appearance, /Contents, text fields). */
  text: string | null;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  signatureField: boolean;
}

interface RawAnnotation {
  subtype?: string;
  annotationType?: number;
  rect?: number[];
  textContent?: string[];
  contentsObj?: { str?: string };
  fieldType?: string;
  fieldValue?: unknown;
  hidden?: boolean;
}

export async function annotations(page: PDFPageProxy): Promise<AnnotationInfo[]> {
  const raw = (await page.getAnnotations({ intent: 'display' })) as RawAnnotation[];
  const out: AnnotationInfo[] = [];
  for (const a of raw) {
    if (!a.rect || a.subtype === 'Link' || a.subtype === 'Popup' || a.hidden) continue;
    const { x0, y0, x1, y1 } = viewportRect(page, a.rect);
    const fromAppearance = a.textContent?.join(' ').trim();
    const fromContents = a.contentsObj?.str?.trim();
    const fromField = a.fieldType === 'Tx' && typeof a.fieldValue === 'string' ? a.fieldValue.trim() : '';
    const text = fromAppearance || fromContents || fromField || null;
    out.push({
      subtype: a.subtype ?? 'Unknown',
      text: text === null ? null : nfc(text),
      x0,
      x1,
      y0,
      y1,
      signatureField: a.fieldType === 'Sig',
    });
  }
  return out;
}

/** Extra clockwise turn of the page as displayed, in degrees: a scan fed sideways or upside down. */
export type Turn = 0 | 90 | 180 | 270;

/** A region of the page as displayed, as fractions of its width and height. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black – 255 white. */
  data: Uint8Array;
  /** Pixels per point of the rendering. */
  scale: number;
  /**
   * Per pixel, how coloured it is (its largest channel minus its smallest, 0–255), when the
   * rendering had colour: blue or violet ink written or stamped into a black-printed header.
   */
  chroma?: Uint8Array;
}

export interface RenderedRegion {
  image: GreyImage;
  /** Pixel size of the largest image the page paints (a scan's page image), if any. */
  largestImage: { width: number; height: number } | null;
  /** Pixels darker than paper: none means nothing is printed in the region. */
  inkPixels: number;
  /** With `onlyTextInRegion`: show-text operations left out (lines outside the region). */
  textLeftOut?: number;
  /** With `onlyTextInRegion`: images and annotations left out (wholly outside the region). */
  imagesLeftOut?: number;
  annotationsLeftOut?: number;
}

export interface RenderOptions {
  /**
   * Leave out the text lines, images and annotations wholly outside the region (region-text-ops.ts):
   * the same picture, without drawing the glyphs and pictures of the rest of the page. For the
   * audit's header crop.
   */
  onlyTextInRegion?: boolean;
}

type IntentState = { operatorList?: OperatorList; renderTasks?: Set<unknown> };

/** pdf.js keeps an operator list for the page from an earlier rendering (pinned pdfjs-dist's `_intentStates`). */
function renderedBefore(page: PDFPageProxy): boolean {
  return ((page as unknown as { _intentStates?: Map<string, IntentState> })._intentStates?.size ?? 0) > 0;
}

/**
 * The filter of a render about to start on `page`: it finds that render's operator list (pdf.js
 * keeps it per intent in `_intentStates`; pinned pdfjs-dist, and without it everything is drawn).
 */
function bandFilter(page: PDFPageProxy, base: number[], height: number): BandTextFilter {
  let list: OperatorList | null = null;
  const find = (): OperatorList | null => {
    const states = (page as unknown as { _intentStates?: Map<string, IntentState> })._intentStates;
    const active = [...(states?.values() ?? [])].filter((s) => (s.renderTasks?.size ?? 0) > 0 && s.operatorList);
    return active.length === 1 ? (active[0]!.operatorList as OperatorList) : null;
  };
  const fontOf = (name: string): FontInfo | null => {
    if (!page.commonObjs.has(name)) return null;
    const font = page.commonObjs.get(name) as { isType3Font?: boolean; fontMatrix?: number[] } | null;
    if (!font) return null;
    return { type3: font.isType3Font === true, scale: Math.abs(font.fontMatrix?.[3] ?? 0.001) * 1000 };
  };
  return new BandTextFilter(() => (list ??= find()), base, height, fontOf);
}

/**
 * Render `region` of the page turned by `rotation` extra degrees, at `dpi` (lowered when the
 * canvas would be too large), onto white, as grey where coloured ink (a blue stamp, a red number)
 * counts as dark: each pixel is its darkest channel.
 */
export async function renderRegion(page: PDFPageProxy, region: Region, dpi: number, rotation: Turn = 0, options: RenderOptions = {}): Promise<RenderedRegion> {
  const drawn = await drawRegion(page, region, dpi, rotation, options);
  const { width, height, scale, canvas, filter, annotationsOff } = drawn;
  // The canvas's own pixels (RGBA, premultiplied: the same bytes on this opaque white page) without
  // getImageData's copy and conversion.
  const { data, inkPixels, chroma } = greyFromRgba(canvas.data(), width * height);
  return { image: { width, height, data, scale, ...(chroma ? { chroma } : {}) }, largestImage: largestImage(page), inkPixels, ...(filter ? { textLeftOut: filter.skipped, imagesLeftOut: filter.imagesSkipped, annotationsLeftOut: filter.annotationsSkipped + annotationsOff } : {}) };
}

/** A rendering's own pixels, for a caller that maps them itself (the audit's crop). */
export interface RgbaPixels {
  width: number;
  height: number;
  /** Pixels per point. */
  scale: number;
  /** 4 bytes a pixel, R G B A, opaque (premultiplied and straight are the same bytes on the white page). */
  rgba: Uint8Array;
}

/**
 * Render like `renderRegion` and hand the canvas's own pixels to `use`, without making them grey
 * first (no copy, no chroma, no ink count): they are valid only during the call.
 */
export async function renderRegionPixels<T>(page: PDFPageProxy, region: Region, dpi: number, rotation: Turn, options: RenderOptions, use: (pixels: RgbaPixels) => T): Promise<T> {
  const { width, height, scale, canvas } = await drawRegion(page, region, dpi, rotation, options);
  try {
    return use({ width, height, scale, rgba: canvas.data() });
  } finally {
    releaseCanvas(canvas);
  }
}

/**
 * Give a canvas's pixel memory back now, as pdf.js does with its own scratch canvases: left to the
 * garbage collector, each one's megabyte is freed late, the next is mapped afresh and the collector
 * runs more often (some 0.8 ms of CPU a canvas in a loop of 1000 crop-sized canvases).
 */
function releaseCanvas(canvas: { width: number; height: number }): void {
  canvas.width = 0;
  canvas.height = 0;
}

async function drawRegion(page: PDFPageProxy, region: Region, dpi: number, rotation: Turn, options: RenderOptions) {
  const base = page.getViewport({ scale: 1, rotation: (page.rotate + rotation) % 360 });
  let scale = dpi / 72;
  const areaAt = (s: number) => base.width * region.width * s * base.height * region.height * s;
  if (areaAt(scale) > MAX_RENDER_PIXELS) scale = Math.sqrt(MAX_RENDER_PIXELS / areaAt(1));
  const viewport = page.getViewport({
    scale,
    rotation: (page.rotate + rotation) % 360,
    offsetX: -region.left * base.width * scale,
    offsetY: -region.top * base.height * scale,
  });
  const width = Math.max(1, Math.round(base.width * region.width * scale));
  const height = Math.max(1, Math.round(base.height * region.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const filter = options.onlyTextInRegion ? bandFilter(page, viewport.transform, height) : null;
  // No annotation reaches into the band: the worker need not build their appearances at all.
  // Unless the page was rendered before (OCR): its operator list, annotations included, is reused.
  const outside = filter && !renderedBefore(page) ? await annotationsOutside(page, viewport, height) : null;
  const annotationMode = outside === null ? pdfjs.AnnotationMode.ENABLE : pdfjs.AnnotationMode.DISABLE;
  await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport, annotationMode, ...(filter ? { operationsFilter: (i: number) => filter.keep(i) } : {}) }).promise;
  return { width, height, scale, canvas, filter, annotationsOff: outside ?? 0 };
}

/**
 * How many annotations the page has when every one (hidden ones too) lies wholly above or below
 * device rows `0…height` of `viewport`, to which pdf.js clips each: leaving them all out draws the
 * same picture. Null when one reaches into the band.
 */
async function annotationsOutside(page: PDFPageProxy, viewport: ReturnType<PDFPageProxy['getViewport']>, height: number): Promise<number | null> {
  const raw = (await page.getAnnotations({ intent: 'display' })) as Array<{ rect?: number[] }>;
  const outside = raw.every((a) => {
    if (!a.rect || a.rect.length !== 4 || !a.rect.every(Number.isFinite)) return false;
    const [, y0 = 0, , y1 = 0] = viewport.convertToViewportRectangle(a.rect) as number[];
    return Math.max(y0, y1) < -BAND_SLACK || Math.min(y0, y1) > height + BAND_SLACK;
  });
  return outside ? raw.length : null;
}

/** Device pixels of slack around what is judged outside a band (anti-aliasing, rounding), as region-text-ops.ts. */
const BAND_SLACK = 2;

/**
 * Each pixel's darkest channel, so coloured ink (a blue stamp, a red number) reads as dark; how many
 * pixels are ink; and each pixel's chroma (largest channel minus smallest), null when no pixel has any.
 */
export function greyFromRgba(rgba: Uint8ClampedArray | Uint8Array, pixels: number): { data: Uint8Array; inkPixels: number; chroma: Uint8Array | null } {
  const data = new Uint8Array(pixels);
  const chroma = new Uint8Array(pixels);
  let coloured = false;
  let inkPixels = 0;
  // One 32-bit load per pixel where the bytes line up (R in the low byte on little-endian machines).
  const words = LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 && rgba.length >= pixels * 4 ? new Uint32Array(rgba.buffer, rgba.byteOffset, pixels) : null;
  for (let i = 0, j = 0; j < pixels; i += 4, j += 1) {
    let r: number;
    let g: number;
    let b: number;
    if (words) {
      const word = words[j] as number;
      r = word & 0xff;
      g = (word >>> 8) & 0xff;
      b = (word >>> 16) & 0xff;
    } else {
      r = rgba[i] ?? 255;
      g = rgba[i + 1] ?? 255;
      b = rgba[i + 2] ?? 255;
    }
    const v = r < g ? (r < b ? r : b) : g < b ? g : b;
    const top = r > g ? (r > b ? r : b) : g > b ? g : b;
    data[j] = v;
    if (top - v > 24) {
      chroma[j] = top - v;
      coloured = true;
    }
    if (v < 160) inkPixels += 1;
  }
  return { data, inkPixels, chroma: coloured ? chroma : null };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The largest image decoded while rendering (pdf.js keeps decoded images in `page.objs`). */
function largestImage(page: PDFPageProxy): { width: number; height: number } | null {
  let best: { width: number; height: number } | null = null;
  for (const [, data] of page.objs as unknown as Iterable<[string, unknown]>) {
    const image = data as { width?: unknown; height?: unknown } | null;
    if (typeof image?.width !== 'number' || typeof image.height !== 'number') continue;
    if (!best || image.width * image.height > best.width * best.height) best = { width: image.width, height: image.height };
  }
  return best;
}
