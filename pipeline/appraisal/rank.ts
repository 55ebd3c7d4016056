import type { UnitResult } from '../model.js';

/**
 * Rank units within each group by index, high to low. Ties go to the unit with more points on the
 * tie-break criteria (online and postal public services, Hưng Yên art. 5.5); units still equal share a rank.
 */
export function rankUnits(units: UnitResult[], tieBreakCodes: (unit: UnitResult) => string[]): UnitResult[] {
  const tieBreak = (u: UnitResult) => {
    const codes = new Set(tieBreakCodes(u));
    return u.criteria.filter((c) => c.leaf && codes.has(c.code)).reduce((s, c) => s + c.appraised, 0);
  };
  const ranked = new Map<string, number | null>();
  const groups = new Map<string, UnitResult[]>();
  for (const u of units) {
    if (u.status !== 'ok') {
      ranked.set(u.code, null);
      continue;
    }
    const list = groups.get(u.group) ?? [];
    list.push(u);
    groups.set(u.group, list);
  }
  for (const list of groups.values()) {
    const keyed = list.map((u) => ({ u, index: u.index, tie: tieBreak(u) }));
    keyed.sort((a, b) => b.index - a.index || b.tie - a.tie || a.u.code.localeCompare(b.u.code));
    keyed.forEach((k, i) => {
      const prev = keyed[i - 1];
      const rank = prev && prev.index === k.index && prev.tie === k.tie ? (ranked.get(prev.u.code) ?? i + 1) : i + 1;
      ranked.set(k.u.code, rank);
    });
  }
  return units.map((u) => ({ ...u, rank: ranked.get(u.code) ?? null }));
}
