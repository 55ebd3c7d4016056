// The parts of a reading as seen on the page turned upright: for a scan the reader read turned
// (upside down, or sideways with no /Rotate), the second recognizer's pass must render its lines
// upright too. Its interface takes a page size, part regions and a render function; this module
// gives it the turned page (sides swapped when sideways) and the regions in it, and brings what
// the pass attached back to the page as displayed. Pure functions.
import type { ExtractionParts, FieldPart, PageRegion } from '../model.js';
import { boxOnPage, boxTurned } from './header-fields.js';
import type { PageSize, Turn } from './pdf-page.js';

const KEYS = ['numeral', 'symbol', 'day', 'month', 'year'] as const;

/**
 * The page turned by `rotation` (degrees clockwise) and the parts with their regions in it (points
 * from its top-left). `rotation` 0 gives the parts and the page as they are.
 */
export function uprightParts(parts: ExtractionParts, rotation: Turn, page: PageSize): { parts: ExtractionParts; page: PageSize } {
  if (rotation === 0) return { parts, page };
  const sideways = rotation === 90 || rotation === 270;
  const turnedPage = sideways ? { width: page.height, height: page.width } : page;
  const turn = (p: FieldPart): FieldPart => (p.region ? { ...p, region: boxTurned(p.region, rotation, page) } : p);
  const out = { ...parts };
  for (const key of KEYS) (out as Record<string, FieldPart>)[key] = turn(parts[key]);
  return { parts: out, page: turnedPage };
}

/**
 * What a pass over `upright` (from `uprightParts`) changed, back on the page as displayed: each
 * part keeps its status, notes and candidates from the pass, and its region is turned back.
 */
export function displayedParts(upright: ExtractionParts, rotation: Turn, page: PageSize): ExtractionParts {
  if (rotation === 0) return upright;
  // Points of the turned page are its pixels at scale 1.
  const back = (r: PageRegion | null): PageRegion | null => (r ? boxOnPage(r, { left: 0, top: 0, scale: 1, rotation, page }) : null);
  const out = { ...upright };
  for (const key of KEYS) (out as Record<string, FieldPart>)[key] = { ...upright[key], region: back(upright[key].region) };
  return out;
}
