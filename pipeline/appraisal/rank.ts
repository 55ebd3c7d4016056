import type { UnitResult } from '../model.js';

/**
 * Rank units within each group (departments, districts, communes separately) by index, high to low
 * (Hưng Yên art. 5.5). Ties go to the unit with more points on the online / postal public services
 * criteria (`tieBreakPoints`); units still equal share a rank (1, 2, 2, 4). The index compared is the
 * one published (two decimals, as the decision prints it): two units shown with the same index and
 * the same tie-break points share a rank rather than being split on digits nobody sees. Units that
 * could not be appraised are not ranked.
 */
export function rankUnits(units: UnitResult[]): UnitResult[] {
  const ranked = new Map<string, number>();
  const groups = new Map<string, UnitResult[]>();
  for (const u of units) {
    if (u.status !== 'ok') continue;
    groups.set(u.group, [...(groups.get(u.group) ?? []), u]);
  }
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => b.index - a.index || b.tieBreakPoints - a.tieBreakPoints || a.code.localeCompare(b.code));
    sorted.forEach((u, i) => {
      const prev = sorted[i - 1];
      const tied = prev !== undefined && prev.index === u.index && prev.tieBreakPoints === u.tieBreakPoints;
      ranked.set(u.code, tied ? (ranked.get(prev.code) ?? i + 1) : i + 1);
    });
  }
  return units.map((u) => ({ ...u, rank: ranked.get(u.code) ?? null }));
}
