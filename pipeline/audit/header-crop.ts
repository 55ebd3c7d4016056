// The header crop of the audit: the part of page 1 the number and date were read from, rendered
// once per file content (in the reader process, while the page is open) at a resolution a person
// reads easily, with the number's and the date's regions outlined.
import { createCanvas } from '@napi-rs/canvas';
import { HEADER_OCR_ZONE } from '../evidence/decree30-layout.js';
import type { PageSize, Region, RenderedRegion } from '../evidence/pdf-page.js';
import type { Extraction, FieldPart, PageRegion } from '../model.js';

/** Bump when the crops' geometry or look changes, so cached crops are rendered again. */
export const CROP_VERSION = 'crop-1';
/** Readable on screen without zooming: 12–13 pt print is some 19 px high. */
export const CROP_DPI = 110;
/** Outline colours: the number red, the date blue (the page's legend says so). */
export const OUTLINE = { number: '#d4002a', date: '#005fd4' } as const;

/** The number's and the date's regions on page 1 (each the union of its parts' regions); null where not located. */
export interface HeaderRegions {
  number: PageRegion | null;
  date: PageRegion | null;
}

/**
 * Where on page 1 the number (numeral + symbol) and the date (day + month + year) were read or
 * looked for, from the reading's parts (pipeline/evidence/field-parts.ts). Parts on another page
 * are left out: the crop is of page 1.
 */
export function headerRegions(e: Pick<Extraction, 'parts'>): HeaderRegions {
  const union = (parts: FieldPart[]): PageRegion | null => {
    const boxes = parts.filter((p) => p.region !== null && (p.page ?? 1) === 1).map((p) => p.region as PageRegion);
    if (boxes.length === 0) return null;
    return { x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)), x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)) };
  };
  const p = e.parts;
  return p ? { number: union([p.numeral, p.symbol]), date: union([p.day, p.month, p.year]) } : { number: null, date: null };
}

/**
 * The crop's area as shares of the page: the full width (the number sits left, the date right)
 * and the rows from a little above the higher region to a little below the lower one, with the
 * issuing body's lines above; the top of the page when nothing was located.
 */
export function cropRegion(regions: HeaderRegions, size: PageSize): Region {
  const boxes = [regions.number, regions.date].filter((b): b is PageRegion => b !== null);
  if (boxes.length === 0) return { left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE };
  const y0 = Math.min(...boxes.map((b) => b.y0));
  const y1 = Math.max(...boxes.map((b) => b.y1));
  const line = Math.max(8, Math.min(...boxes.map((b) => b.y1 - b.y0)));
  const top = Math.max(0, y0 - 5.5 * line);
  const bottom = Math.min(size.height, y1 + 1.5 * line);
  return { left: 0, top: top / size.height, width: 1, height: Math.max(line, bottom - top) / size.height };
}

/**
 * Render the crop and outline the regions: a PNG (grey page, coloured outlines).
 * `render` is the reader's own renderer of page 1 (pdf.js, or the scan's image decoded natively).
 */
export async function renderHeaderCrop(
  render: (region: Region, dpi: number) => Promise<RenderedRegion>, regions: HeaderRegions, size: PageSize,
): Promise<Uint8Array> {
  const region = cropRegion(regions, size);
  const { image } = await render(region, CROP_DPI);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i += 1) {
    const v = image.data[i] ?? 255;
    pixels.data[4 * i] = v;
    pixels.data[4 * i + 1] = v;
    pixels.data[4 * i + 2] = v;
    pixels.data[4 * i + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  ctx.lineWidth = 3;
  for (const part of ['number', 'date'] as const) {
    const box = regions[part];
    if (!box) continue;
    const toX = (x: number) => (x - region.left * size.width) * image.scale;
    const toY = (y: number) => (y - region.top * size.height) * image.scale;
    const pad = 3;
    ctx.strokeStyle = OUTLINE[part];
    ctx.strokeRect(toX(box.x0) - pad, toY(box.y0) - pad, toX(box.x1) - toX(box.x0) + 2 * pad, toY(box.y1) - toY(box.y0) + 2 * pad);
  }
  // Encoded on this thread: the asynchronous encoder has crashed reader processes (SIGSEGV) now and then.
  return new Uint8Array(canvas.encodeSync('png'));
}
