// The header crop of the audit: the part of page 1 the number and date were read from, rendered
// once per file content (in the reader process, while the page is open) at a resolution a person
// reads easily, with the number's and the date's regions outlined.
import { HEADER_OCR_ZONE } from '../evidence/decree30-layout.js';
import type { PageSize, Region, RenderedRegion } from '../evidence/pdf-page.js';
import type { Extraction, FieldPart, PageRegion } from '../model.js';
import { encodeIndexedRows, GREYS, greyIndex, IndexedRows } from './png.js';

/** Bump when the crops' geometry or look changes, so cached crops are rendered again. */
export const CROP_VERSION = 'crop-3';
/** Readable on screen without zooming: 12–13 pt print is some 17 px high. */
export const CROP_DPI = 100;
/** Outline colours: the number red, the date blue (the page's legend says so). */
export const OUTLINE = { number: '#d4002a', date: '#005fd4' } as const;
/** Palette index of each grey value, looked up rather than computed per pixel. */
const GREY_INDEX = Uint8Array.from({ length: 256 }, (_, v) => greyIndex(v));
/** Outline thickness in pixels. */
const OUTLINE_WIDTH = 3;

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
  const bottom = Math.min(size.height, y1 + 1.1 * line);
  return { left: 0, top: top / size.height, width: 1, height: Math.max(line, bottom - top) / size.height };
}

/**
 * Render the crop and outline the regions: an indexed PNG (grey page, coloured outlines).
 * `render` is the reader's own renderer of page 1 (pdf.js, or the scan's image decoded natively).
 */
export async function renderHeaderCrop(
  render: (region: Region, dpi: number) => Promise<RenderedRegion>, regions: HeaderRegions, size: PageSize,
): Promise<Uint8Array> {
  const region = cropRegion(regions, size);
  const { image } = await render(region, CROP_DPI);
  const { width, height, data } = image;
  // Palette indices straight into the PNG's rows.
  const rows = new IndexedRows(width, height);
  const out = rows.bytes;
  for (let y = 0, i = 0; y < height; y += 1) {
    for (let o = rows.rowStart(y), end = o + width; o < end; o += 1, i += 1) out[o] = GREY_INDEX[data[i] as number] as number;
  }
  (['number', 'date'] as const).forEach((part, k) => {
    const box = regions[part];
    if (!box) return;
    // Clear of the glyphs: an OCR word box hugs the ink.
    const pad = 6;
    const x0 = Math.round((box.x0 - region.left * size.width) * image.scale) - pad;
    const x1 = Math.round((box.x1 - region.left * size.width) * image.scale) + pad;
    const y0 = Math.round((box.y0 - region.top * size.height) * image.scale) - pad;
    const y1 = Math.round((box.y1 - region.top * size.height) * image.scale) + pad;
    for (let t = 0; t < OUTLINE_WIDTH; t += 1) {
      for (let x = x0; x <= x1; x += 1) {
        rows.set(x, y0 + t, GREYS + k);
        rows.set(x, y1 - t, GREYS + k);
      }
      for (let y = y0; y <= y1; y += 1) {
        rows.set(x0 + t, y, GREYS + k);
        rows.set(x1 - t, y, GREYS + k);
      }
    }
  });
  return encodeIndexedRows(rows, [OUTLINE.number, OUTLINE.date]);
}