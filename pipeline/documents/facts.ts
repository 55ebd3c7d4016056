// What the documents say about the results, derived once from the BatchResult: which units are
// ranked and in what order, why a rating is one band lower than the index, which ties the
// tie-break criteria decided, why a unit could not be appraised. Pure functions; renderers only read.
import path from 'node:path';
import type {
  AreaResult, BatchResult, CriterionResult, Extraction, Finding, Framework, InputError, UnitGroup, UnitResult,
} from '../model.js';
import { roundScore } from '../util/text.js';

/** A group's units: ranked ones by rank, then those that could not be appraised, in batch order. */
export function groupUnits(result: BatchResult, group: UnitGroup): { ranked: UnitResult[]; unappraised: UnitResult[] } {
  const members = result.units.filter((u) => u.group === group.code);
  const ranked = members
    .filter((u) => u.status === 'ok' && u.rank !== null)
    .map((u, i) => ({ u, i }))
    .sort((a, b) => (a.u.rank ?? 0) - (b.u.rank ?? 0) || a.i - b.i)
    .map((x) => x.u);
  const unappraised = members.filter((u) => !ranked.includes(u));
  return { ranked, unappraised };
}

export interface RatingFacts {
  /** The band the index alone falls in. */
  band: string;
  /** The rating is lower than the band: the downgrade rule applied. */
  downgraded: boolean;
  /** Content areas below the downgrade threshold. */
  weakAreas: AreaResult[];
  threshold: number | null;
}

/** Explain a unit's rating against its index (Hưng Yên art. 5.5: an area below 70% drops one band). */
export function ratingFacts(unit: UnitResult, framework: Framework | undefined): RatingFacts {
  const bands = framework?.scoring.bands ?? [];
  const band = bands.find((b) => unit.index >= b.min)?.label ?? bands[bands.length - 1]?.label ?? unit.rating;
  const rule = framework?.scoring.downgrade;
  const weakAreas = rule ? unit.areas.filter((a) => a.kind === 'content' && a.max > 0 && a.index < rule.areaBelow) : [];
  return { band, downgraded: band !== unit.rating, weakAreas, threshold: rule?.areaBelow ?? null };
}

export interface TieFacts {
  /** Units with the same index, in rank order. */
  units: UnitResult[];
  index: number;
  /** True when the tie-break criteria separated them; false when they share a rank. */
  broken: boolean;
  /** Points each unit has on the tie-break criteria, same order as `units`. */
  tiePoints: number[];
}

/** Equal indexes within a ranked list, and whether the tie-break criteria separated them. */
export function ties(ranked: UnitResult[], tieBreakCodes: string[]): TieFacts[] {
  const codes = new Set(tieBreakCodes);
  const points = (u: UnitResult) =>
    roundScore(u.criteria.filter((c) => c.leaf && codes.has(c.code)).reduce((s, c) => s + c.appraised, 0));
  const byIndex = new Map<number, UnitResult[]>();
  for (const u of ranked) byIndex.set(u.index, [...(byIndex.get(u.index) ?? []), u]);
  return [...byIndex.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([index, list]) => ({
      units: list,
      index,
      broken: new Set(list.map((u) => u.rank)).size > 1,
      tiePoints: list.map(points),
    }));
}

/** Codes and titles of a framework's tie-break criteria (online and postal public services). */
export function tieBreakCriteria(framework: Framework | undefined): Array<{ code: string; title: string }> {
  const out: Array<{ code: string; title: string }> = [];
  const visit = (c: Framework['areas'][number]['criteria'][number]) => {
    if (c.tieBreak) out.push({ code: c.code, title: c.title });
    c.children.forEach(visit);
  };
  framework?.areas.forEach((a) => a.criteria.forEach(visit));
  return out;
}

/**
 * Why a unit could not be appraised, briefly, for the decision's annex: the full reasons (with
 * file names) stay in the workbook and results.json.
 */
export function unappraisedReason(unit: UnitResult): string {
  const first = unit.findings[0];
  if (!first) return 'không có báo cáo tự đánh giá hợp lệ';
  if (first.rule === 'evidence-layout' && /chưa nộp/u.test(first.reason)) return 'đơn vị chưa nộp hồ sơ tự đánh giá';
  if (first.rule === 'report-format') {
    return /^Không có báo cáo/u.test(first.reason)
      ? 'không có báo cáo tự đánh giá'
      : 'báo cáo tự đánh giá không đọc được';
  }
  return first.reason.replace(/[.\s]+$/u, '');
}

/** Every reason a unit could not be appraised, in full. */
export function unappraisedDetails(unit: UnitResult): string {
  return unit.findings.map((f) => f.reason.replace(/[.\s]+$/u, '')).join('; ');
}

/** Findings about one criterion: the rules' own and the report's (kept on the unit). */
export function criterionFindings(unit: UnitResult, criterion: CriterionResult): Finding[] {
  return [...criterion.findings, ...unit.findings.filter((f) => f.criterion === criterion.code)];
}

/** Findings about the unit as a whole (no criterion). */
export function unitLevelFindings(unit: UnitResult): Finding[] {
  return unit.findings.filter((f) => !f.criterion);
}

/** The extraction of an evidence file, by its batch-relative path. */
export function extractionOf(unit: UnitResult, file: string): Extraction | undefined {
  return unit.evidence.find((e) => e.file === file);
}

export function fileName(relPath: string): string {
  return path.posix.basename(relPath);
}

/**
 * Sum of the appraised points on the scored criteria, without survey, bonus and penalty: with
 * `unit.surveyPoints`, `bonus` and `penalty` it makes the total (Hưng Yên art. 4). A survey
 * criterion inside a content area (a sub-criterion scored from the survey) counts in the survey
 * points only.
 */
export function criteriaPoints(unit: UnitResult): number {
  return roundScore(unit.criteria.filter((c) => c.leaf && !c.survey && !c.notApplicable).reduce((s, c) => s + c.appraised, 0));
}

/** Whether a criterion counts as flagged: it lost points, or a finding needs the council. */
export function needsReview(criterion: CriterionResult, findings: Finding[]): boolean {
  return !criterion.council && findings.some((f) => f.effect === 'review');
}

/** Points lost against the self-assessment (positive), 0 when none. */
export function pointsLost(criterion: CriterionResult): number {
  if (criterion.self === null || criterion.notApplicable) return 0;
  return Math.max(0, roundScore(criterion.self - criterion.appraised));
}

/**
 * Criteria the minutes ask the unit to supplement or explain ("Bổ sung tài liệu kiểm chứng hoặc giải
 * trình"): scored, applicable, a finding zeroes it or sends it to the council, and the council has not
 * decided it. A later round with `scope: requested` lets the unit change exactly these (Lào Cai 2021 §4).
 */
export function requestedCriteria(unit: UnitResult): CriterionResult[] {
  return unit.criteria.filter((c) => c.leaf && !c.notApplicable && !c.survey && !c.council
    && criterionFindings(unit, c).some((f) => f.effect === 'zero' || f.effect === 'review'));
}

/** Why the results are not final yet: criteria awaiting the council, unverified readings, failed inputs. */
export interface ProvisionalFacts {
  /** Scored criteria, over all appraised units, whose findings ask the council and that it has not decided. */
  pendingCriteria: number;
  /** Evidence files of those criteria read with low confidence or not at all (each file once). */
  unverifiedReadings: number;
  /** Input workbooks declared in batch.yaml that could not be read. */
  inputErrors: InputError[];
  /** What the council still has to settle: pending criteria plus failed inputs. */
  count: number;
}

/** Below this a reading is unverified (the reader's default threshold; rules may set their own). */
const TRUSTED_CONFIDENCE = 0.8;

export function provisionalFacts(result: BatchResult, units: UnitResult[] = result.units): ProvisionalFacts {
  let pendingCriteria = 0;
  // A file backing two pending criteria is one file to read.
  const unverified = new Set<string>();
  for (const u of units) {
    if (u.status !== 'ok') continue;
    for (const c of u.criteria) {
      if (!c.leaf || !c.review || c.council) continue;
      pendingCriteria += 1;
      for (const file of c.evidence) {
        const e = extractionOf(u, file);
        if (e && (e.status !== 'ok' || e.confidence < TRUSTED_CONFIDENCE)) unverified.add(`${u.code}\u0000${file}`);
      }
    }
  }
  const inputErrors = result.inputErrors ?? [];
  return { pendingCriteria, unverifiedReadings: unverified.size, inputErrors, count: pendingCriteria + inputErrors.length };
}

/** The draft mark: `DỰ THẢO — còn N nội dung chờ Hội đồng kết luận`, or null when nothing is pending. */
export function provisionalMark(facts: ProvisionalFacts): string | null {
  return facts.count > 0 ? `DỰ THẢO — còn ${facts.count} nội dung chờ Hội đồng kết luận` : null;
}

/** What the pending count is made of, in Vietnamese (`12 tiêu chí chờ Hội đồng xem xét, trong đó 3 tài liệu…`). */
export function provisionalDetail(facts: ProvisionalFacts): string {
  const parts: string[] = [];
  if (facts.pendingCriteria > 0) {
    parts.push(`${facts.pendingCriteria} tiêu chí chờ Hội đồng xem xét${facts.unverifiedReadings > 0 ? ` (có ${facts.unverifiedReadings} tệp tài liệu không đọc được hoặc đọc chưa chắc chắn)` : ''}`);
  }
  for (const e of facts.inputErrors) parts.push(e.reason);
  return parts.join('; ');
}
