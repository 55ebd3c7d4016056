// Appraise one scored criterion (a leaf) of one unit: run the rules phase by phase, turn their
// reports into findings, propose a score, and apply the council's decision if it has one.
import type {
  Area, Batch, Claim, CouncilDecision, Criterion, CriterionResult, Extraction, Finding, Framework, Unit,
} from '../model.js';
import { percent, points } from '../rules/describe.js';
import { RULES } from '../rules/index.js';
import { monthConfidence } from '../rules/reading-parts.js';
import type { EvidenceRecord, ReadingBasis, RuleContext, RulePhase, RuleReport, UncountedFile } from '../rules/rule.js';
import { DEFAULT_MIN_CONFIDENCE } from '../rules/unreadable-evidence.js';
import { roundScore } from '../util/text.js';
import { REPORT_RULE } from '../batch/read-report.js';

export interface LeafInput {
  unit: Unit;
  batch: Batch;
  framework: Framework;
  area: Area;
  criterion: Criterion;
  depth: number;
  claim: Claim | null;
  /** The unit's rows for every criterion, by code. */
  unitClaims?: ReadonlyMap<string, Claim>;
  /** Evidence filed under this criterion. */
  evidence: EvidenceRecord[];
  /** Files in this criterion's folder the appraisal does not count (see RuleContext.uncounted). */
  uncounted?: readonly UncountedFile[];
  unitEvidence: EvidenceRecord[];
  /** Every unit's evidence by unit code (see RuleContext.batchEvidence). */
  batchEvidence: ReadonlyMap<string, EvidenceRecord[]>;
  survey: number | undefined;
  decision: CouncilDecision | undefined;
}

export const COUNCIL_RULE = 'council-decision';

export function appraiseLeaf(input: LeafInput): CriterionResult {
  const { criterion, claim, framework } = input;
  const minConfidence = Number(framework.rules['unreadable-evidence']?.minConfidence ?? DEFAULT_MIN_CONFIDENCE);
  const trusted = (e: Extraction, basis: ReadingBasis) => e.status === 'ok' && basisConfidence(e, basis) >= minConfidence;
  const findings: Finding[] = [];

  const run = (phase: RulePhase, evidence: EvidenceRecord[], excluded: EvidenceRecord[]): RuleReport[] => {
    const reports: RuleReport[] = [];
    for (const rule of RULES) {
      const settings = framework.rules[rule.id];
      if (rule.phase !== phase || !settings?.enabled) continue;
      const context: RuleContext = {
        unit: input.unit, batch: input.batch, framework, area: input.area, criterion, claim,
        ...(input.unitClaims ? { unitClaims: input.unitClaims } : {}),
        evidence, excluded, ...(input.uncounted?.length ? { uncounted: input.uncounted } : {}), unitEvidence: input.unitEvidence, batchEvidence: input.batchEvidence, survey: input.survey,
        effect: settings.effect ?? rule.effects[0] ?? 'info', params: settings, trusted,
      };
      for (const raw of rule.check(context)) {
        const report = guardReading(raw, input.evidence, trusted, minConfidence);
        const legalBasis = typeof settings.legalBasis === 'string' ? ` Căn cứ: ${settings.legalBasis}.` : '';
        reports.push(report);
        findings.push({
          rule: rule.id, unit: input.unit.code, criterion: criterion.code, ...withoutInternals(report),
          reason: `${report.reason}${legalBasis}`,
        });
      }
    }
    return reports;
  };

  const claimReports = run('claim', input.evidence, []);
  let notApplicable = !criterion.survey && claim?.notApplicable === true && !claimReports.some((r) => r.applicable);
  const self = criterion.survey ? null : (claim?.self ?? null);
  const reports = [...claimReports];
  // A self-score cell left blank (not 0) while the criterion's folder holds files: the unit's score
  // is unknown, not none (a report filled half-way); the files are checked and the council decides.
  const blankWithFiles = !criterion.survey && !notApplicable && claim !== null && claim.self === null && claim.selfUnclear !== true
    && input.evidence.length > 0;
  if (blankWithFiles) {
    const names = input.evidence.map((e) => `"${e.file.name}"`);
    findings.push({
      rule: REPORT_RULE, effect: 'review', unit: input.unit.code, criterion: criterion.code,
      reason: `Điểm tự đánh giá của tiêu chí ${criterion.code} để trống nhưng thư mục tiêu chí có ${input.evidence.length} tệp tài liệu kiểm chứng (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}); chưa tính điểm tự đánh giá (0 điểm), đề nghị Hội đồng thẩm định xem xét.`,
    });
  }
  // Evidence is checked where the unit claims points, or may (a self-score cell the council must read).
  const claimsPoints = (self !== null && self > 0) || claim?.selfUnclear === true || blankWithFiles;
  if (!criterion.survey && !notApplicable && claimsPoints) {
    const evidenceReports = run('evidence', input.evidence, []);
    const excludedFiles = new Set(evidenceReports.filter((r) => r.effect === 'exclude' && r.file).map((r) => r.file));
    const valid = input.evidence.filter((r) => !excludedFiles.has(r.file.relPath));
    const excluded = input.evidence.filter((r) => excludedFiles.has(r.file.relPath));
    reports.push(...evidenceReports, ...run('criterion', valid, excluded));
  }

  let proposed = criterion.survey ? (input.survey ?? 0) : notApplicable ? 0 : Math.max(0, self ?? 0);
  proposed = Math.min(proposed, criterion.max);
  for (const r of reports) {
    if (r.effect === 'zero') proposed = 0;
    else if (r.effect === 'cap' && r.cap !== undefined) proposed = Math.min(proposed, r.cap);
  }
  proposed = roundScore(proposed);

  let appraised = proposed;
  let council: CriterionResult['council'];
  let decision = input.decision;
  // A council score above the maximum is a typing slip (2,5 for 2; 5 for 1), not a decision to
  // trust: it is not counted and the criterion waits until the council's file is corrected.
  if (decision && !decision.notApplicable && decision.score > criterion.max) {
    findings.push({
      rule: COUNCIL_RULE, effect: 'review', unit: input.unit.code, criterion: criterion.code,
      reason: `Điểm Hội đồng thẩm định ghi cho tiêu chí ${criterion.code} là ${points(decision.score)}, vượt điểm tối đa ${points(criterion.max)}: không được tính (có thể nhập nhầm); tiêu chí vẫn chờ Hội đồng cho đến khi tệp kết luận được sửa.`,
    });
    decision = undefined;
  }
  if (decision) {
    council = { score: decision.score, note: decision.note };
    if (decision.notApplicable) {
      council.notApplicable = true;
      notApplicable = true;
      appraised = 0;
      // "KAD" accepts a waiver; on a criterion the unit did not waive it takes it off the scale all
      // the same, which the minutes must say (the unit's index rises on it).
      if (claim?.notApplicable !== true) {
        findings.push({
          rule: COUNCIL_RULE, effect: 'info', unit: input.unit.code, criterion: criterion.code,
          reason: `Hội đồng thẩm định ghi "KAD" (không áp dụng) cho tiêu chí ${criterion.code}, dù đơn vị không đánh dấu "Không áp dụng"${self !== null ? ` (đơn vị tự chấm ${points(self)})` : ''}: tiêu chí không tính vào tổng điểm tối đa của đơn vị theo quyết định của Hội đồng.`,
        });
      }
    } else {
      notApplicable = false;
      appraised = roundScore(Math.max(decision.score, 0));
    }
  }

  const result: CriterionResult = {
    code: criterion.code, title: criterion.title, area: input.area.code, depth: input.depth, leaf: true,
    max: criterion.max, survey: criterion.survey, notApplicable,
    self, proposed, appraised,
    review: !decision && findings.some((f) => f.effect === 'review'),
    evidence: input.evidence.map((e) => e.file.relPath),
    explanation: claim?.explanation ?? '',
    findings,
  };
  if (council) result.council = council;
  return result;
}

/**
 * Never silently zero: a report that would zero, cap or exclude on the strength of a number or date
 * read with low confidence goes to the council instead, saying why.
 */
function guardReading(
  report: RuleReport, evidence: EvidenceRecord[], trusted: (e: Extraction, b: ReadingBasis) => boolean, minConfidence: number,
): RuleReport {
  if (report.effect === 'review' || report.effect === 'info' || !report.basis || !report.file) return report;
  const record = evidence.find((r) => r.file.relPath === report.file);
  if (!record) return report;
  const weak = report.basis.filter((b) => !trusted(record.extraction, b));
  if (weak.length === 0) return report;
  const e = record.extraction;
  const confidence = Math.min(...weak.map((b) => basisConfidence(e, b)));
  const what = weak.map((b) => (b === 'number' ? 'số văn bản' : b === 'month' ? 'tháng, năm ban hành' : 'ngày ban hành')).join(' và ');
  const { cap: _cap, ...rest } = report;
  return {
    ...rest,
    effect: 'review',
    reason: `${report.reason} Tuy nhiên ${what} của tệp được đọc với độ tin cậy thấp (${percent(confidence)}, dưới ngưỡng ${percent(minConfidence)}), nên kết quả này chưa được áp dụng; đề nghị Hội đồng thẩm định kiểm tra bản gốc trước khi quyết định.`,
  };
}

/** How far the part of a reading a report relies on can be trusted (month: the lower of month and year). */
function basisConfidence(e: Extraction, basis: ReadingBasis): number {
  return basis === 'number' ? e.numberConfidence : basis === 'month' ? monthConfidence(e) : e.dateConfidence;
}

function withoutInternals(report: RuleReport): Omit<Finding, 'rule' | 'unit' | 'criterion'> {
  const { applicable: _a, basis: _b, ...finding } = report;
  return finding;
}
