// The header crop of the audit: the part of page 1 the number and date were read from, rendered
// once per file content (in the reader process, while the page is open) at a resolution a person
// reads easily, with the number's and the date's regions outlined.
import { HEADER_OCR_ZONE } from '../evidence/decree30-layout.js';
import type { Piece } from '../evidence/layout.js';
import type { AnnotationInfo, GreyImage, PageSize, Region, RgbaPixels } from '../evidence/pdf-page.js';
import { signatureBoxLine } from '../evidence/signature-box.js';
import type { Extraction, FieldPart, PageRegion } from '../model.js';
import { encodeIndexedRows, GREYS, greyIndex, IndexedRows } from './png.js';

/** Bump when the crops' geometry or look changes, so cached crops are rendered again. */
export const CROP_VERSION = 'crop-4';
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
  /**
   * Signature boxes on page 1 (`signingBoxes`): one the crop's edge would cut through is taken in
   * whole, so the signer and signing time the reading shows can be read on the picture.
   */
  signing?: PageRegion[];
}

/** A box taller than this share of the page is not a signature box: never stretch the crop for it. */
const MAX_BOX_SHARE = 0.2;

/**
 * The signature boxes signing software stamps on page 1 (`Ký bởi: …`, `Email: …`, `Cơ quan: …`,
 * `Thời gian ký: …`, one label a line, see evidence/signature-box.ts), in points from the top-left:
 * the text-layer lines that open with a box label, stacked and left-aligned, grouped, where a group
 * holds the signer's or the signing time's line; widened by a line for the frame drawn around
 * them. And visible signature fields (their widget's rectangle). A scan's box is only pixels: not found.
 */
export function signingBoxes(pieces: Piece[], notes: AnnotationInfo[] = []): PageRegion[] {
  const lines = pieces
    .map((p) => ({ ...p, kind: signatureBoxLine(p.text) }))
    .filter((p) => p.kind !== null)
    .sort((a, b) => a.y0 - b.y0);
  const groups: Array<typeof lines> = [];
  for (const line of lines) {
    const height = line.y1 - line.y0;
    const group = groups.find((g) => {
      const last = g[g.length - 1]!;
      return line.y0 - last.y1 < 1.2 * height && Math.abs(line.x0 - g[0]!.x0) < 2 * height;
    });
    if (group) group.push(line);
    else groups.push([line]);
  }
  const boxes = groups.filter((g) => g.some((l) => l.kind === 'signing')).map((g): PageRegion => {
    const pad = Math.max(...g.map((l) => l.y1 - l.y0));
    return { x0: Math.min(...g.map((l) => l.x0)) - pad, y0: Math.min(...g.map((l) => l.y0)) - pad, x1: Math.max(...g.map((l) => l.x1)) + pad, y1: Math.max(...g.map((l) => l.y1)) + pad };
  });
  const fields = notes.filter((n) => n.signatureField && n.x1 - n.x0 > 1 && n.y1 - n.y0 > 1).map((n): PageRegion => ({ x0: n.x0, y0: n.y0, x1: n.x1, y1: n.y1 }));
  return [...boxes, ...fields];
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
  let top = 0;
  let bottom = HEADER_OCR_ZONE * size.height;
  if (boxes.length > 0) {
    const y0 = Math.min(...boxes.map((b) => b.y0));
    const y1 = Math.max(...boxes.map((b) => b.y1));
    const line = Math.max(8, Math.min(...boxes.map((b) => b.y1 - b.y0)));
    top = Math.max(0, y0 - 5.5 * line);
    bottom = Math.min(size.height, Math.max(y1 + 1.1 * line, top + line));
  }
  // A signature box the crop's edge cuts through is taken in whole (which may bring another in).
  const signing = (regions.signing ?? []).filter((b) => b.y1 - b.y0 <= MAX_BOX_SHARE * size.height);
  for (let grown = true; grown;) {
    grown = false;
    for (const b of signing) {
      if (b.y0 < bottom && b.y1 > top && (b.y0 < top || b.y1 > bottom)) {
        top = Math.max(0, Math.min(top, b.y0));
        bottom = Math.min(size.height, Math.max(bottom, b.y1));
        grown = true;
      }
    }
  }
  if (boxes.length === 0 && top === 0 && bottom === HEADER_OCR_ZONE * size.height) return { left: 0, top: 0, width: 1, height: HEADER_OCR_ZONE };
  return { left: 0, top: top / size.height, width: 1, height: (bottom - top) / size.height };
}

/**
 * A renderer of page 1 for the crop: renders `region` at `dpi` and hands the pixels to `use`
 * (grey, or the canvas's own RGBA), returning what `use` returns.
 */
export type CropRenderer = <T>(region: Region, dpi: number, use: (pixels: GreyImage | RgbaPixels) => T) => Promise<T>;

/**
 * Render the crop and outline the regions: an indexed PNG (grey page, coloured outlines).
 * `render` is the reader's own renderer of page 1 (pdf.js, or the scan's image decoded natively).
 */
export async function renderHeaderCrop(render: CropRenderer, regions: HeaderRegions, size: PageSize): Promise<Uint8Array> {
  const region = cropRegion(regions, size);
  const { rows, scale } = await render(region, CROP_DPI, (pixels) => ({ rows: paletteRows(pixels), scale: pixels.scale }));
  (['number', 'date'] as const).forEach((part, k) => {
    const box = regions[part];
    if (!box) return;
    // Clear of the glyphs: an OCR word box hugs the ink.
    const pad = 6;
    const x0 = Math.round((box.x0 - region.left * size.width) * scale) - pad;
    const x1 = Math.round((box.x1 - region.left * size.width) * scale) + pad;
    const y0 = Math.round((box.y0 - region.top * size.height) * scale) - pad;
    const y1 = Math.round((box.y1 - region.top * size.height) * scale) + pad;
    for (let t = 0; t < OUTLINE_WIDTH; t += 1) {
      rows.hline(x0, x1, y0 + t, GREYS + k);
      rows.hline(x0, x1, y1 - t, GREYS + k);
      for (let y = y0; y <= y1; y += 1) {
        rows.set(x0 + t, y, GREYS + k);
        rows.set(x1 - t, y, GREYS + k);
      }
    }
  });
  return encodeIndexedRows(rows, [OUTLINE.number, OUTLINE.date]);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** An opaque white pixel read as one little-endian 32-bit word. */
const WHITE_WORD = 0xffffffff;

/**
 * The pixels as palette indices in a PNG's rows, in one pass: a grey pixel's own value, an RGBA
 * pixel's darkest channel (coloured ink reads dark, as in `greyFromRgba`), looked up in the grey
 * ramp. White, most of a header, is taken at once. Pure.
 */
export function paletteRows(pixels: GreyImage | RgbaPixels): IndexedRows {
  const { width, height } = pixels;
  const rows = new IndexedRows(width, height);
  const out = rows.bytes;
  const white = GREY_INDEX[255] as number;
  if (!('rgba' in pixels)) {
    const { data } = pixels;
    for (let y = 0, i = 0; y < height; y += 1) {
      for (let o = rows.rowStart(y), end = o + width; o < end; o += 1, i += 1) out[o] = GREY_INDEX[data[i] as number] as number;
    }
    return rows;
  }
  const { rgba } = pixels;
  // One 32-bit load a pixel where the bytes line up (R in the low byte on little-endian machines).
  const words = LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height) : null;
  for (let y = 0, i = 0; y < height; y += 1) {
    for (let o = rows.rowStart(y), end = o + width; o < end; o += 1, i += 1) {
      let r: number;
      let g: number;
      let b: number;
      if (words) {
        const word = words[i] as number;
        if (word === WHITE_WORD) {
          out[o] = white;
          continue;
        }
        r = word & 0xff;
        g = (word >>> 8) & 0xff;
        b = (word >>> 16) & 0xff;
      } else {
        r = rgba[4 * i] as number;
        g = rgba[4 * i + 1] as number;
        b = rgba[4 * i + 2] as number;
      }
      out[o] = GREY_INDEX[r < g ? (r < b ? r : b) : g < b ? g : b] as number;
    }
  }
  return rows;
}
