// Rating bands (xếp loại) with the downgrade rule (Hưng Yên art. 5.5): a unit with any of the content
// areas below the threshold drops one band from the bands the rule names (Xuất sắc → Tốt, Tốt → Khá).
import type { AreaResult, ScoringSettings } from '../model.js';

export interface Rating {
  label: string;
  /** The band the index alone earns, when the downgrade rule lowered it. */
  downgradedFrom?: string;
  /** Content areas below the threshold. */
  weakAreas: AreaResult[];
}

export function rateUnit(index: number, areas: AreaResult[], scoring: ScoringSettings): Rating {
  const bands = scoring.bands;
  const found = bands.findIndex((b) => index >= b.min);
  const at = found === -1 ? bands.length - 1 : found;
  const band = bands[at];
  if (!band) return { label: '', weakAreas: [] };
  const rule = scoring.downgrade;
  // Compare appraised × 100 with threshold × max: "dưới 70%" on the exact figures, not a rounded index.
  const weakAreas = rule
    ? areas.filter((a) => (rule.areas ? rule.areas.includes(a.code) : a.kind === 'content') && a.max > 0 && a.appraised * 100 < rule.areaBelow * a.max - 1e-9)
    : [];
  if (rule && weakAreas.length > 0 && rule.from.includes(band.label)) {
    const lower = bands[Math.min(at + 1, bands.length - 1)];
    if (lower && lower !== band) return { label: lower.label, downgradedFrom: band.label, weakAreas };
  }
  return { label: band.label, weakAreas };
}
