import type { AreaResult, ScoringSettings } from '../model.js';

/**
 * Rating band of an index, with the downgrade rule (Hưng Yên art. 5.5): a unit with any content
 * area below the threshold drops one band when its band is one the rule names.
 */
export function rateIndex(index: number, areas: AreaResult[], scoring: ScoringSettings): string {
  const position = scoring.bands.findIndex((b) => index >= b.min);
  const at = position === -1 ? scoring.bands.length - 1 : position;
  const band = scoring.bands[at];
  if (!band) return '';
  const rule = scoring.downgrade;
  if (rule && rule.from.includes(band.label)) {
    const weak = areas.some((a) => a.kind === 'content' && a.max > 0 && a.index < rule.areaBelow);
    if (weak) return scoring.bands[Math.min(at + 1, scoring.bands.length - 1)]?.label ?? band.label;
  }
  return band.label;
}
