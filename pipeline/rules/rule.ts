// The shape every appraisal rule has (ESLint style): an id, a Vietnamese description, the phase it
// runs in, the effects a province may choose for it, its own parameter schema, and a check that
// reports findings for one criterion of one unit. Rules never change scores themselves: the
// appraisal applies the effects they report.
import type { z } from 'zod';
import type {
  Area, Batch, Claim, Criterion, Effect, EvidenceFile, Extraction, Framework, Unit,
} from '../model.js';

export interface EvidenceRecord {
  file: EvidenceFile;
  extraction: Extraction;
}

/**
 * A file in the unit's folder that this appraisal does not count: with a calendar, submitted after
 * the round's deadline, while uploads were locked between rounds, or outside a later round's scope
 * (pipeline/rounds/round-plan.ts decides; Lào Cai 2021 §4.1); or one of two files whose names are
 * equal once NFC-normalised (batch/discover-evidence.ts `setAsideTwins`), which a person must tell apart.
 */
export interface UncountedFile {
  /** Relative to the batch folder. */
  path: string;
  /** The criterion folder it sits in. */
  criterion: string;
  /**
   * Why it does not count, a Vietnamese clause that can follow "nhưng":
   * `không được tính trong Lần 2 vì nộp trước khi Lần 2 mở (từ … đến …), khi chưa được nộp bổ sung`.
   */
  why: string;
  /** Not a decision but a question: the file may well count, the council decides (names equal after NFC). */
  forCouncil?: true;
}

/**
 * When a rule runs for a criterion:
 * - `claim`: on the self-assessment row alone (score above maximum, survey criteria, "không áp dụng");
 * - `evidence`: on each evidence file, deciding whether it is valid evidence (effect `exclude`) or
 *   taints the criterion (`zero`, `cap`, `review`);
 * - `criterion`: on the criterion as a whole, seeing only the files the evidence rules left valid.
 */
export type RulePhase = 'claim' | 'evidence' | 'criterion';

/**
 * Which part of a reading a report relies on: a low-confidence reading there sends it to the
 * council. `month`: only the month and year of the date (a decision that does not need the day).
 */
export type ReadingBasis = 'number' | 'date' | 'month';

export interface RuleContext<P = unknown> {
  unit: Unit;
  batch: Batch;
  framework: Framework;
  area: Area;
  criterion: Criterion;
  /** The unit's row for this criterion; null when the report has none. */
  claim: Claim | null;
  /** The unit's rows for every criterion, by criterion code, for checks across criteria (absent: only `claim` is known). */
  unitClaims?: ReadonlyMap<string, Claim>;
  /**
   * Evidence filed under this criterion. In the `criterion` phase only the files no evidence rule
   * excluded; the excluded ones are in `excluded`.
   */
  evidence: EvidenceRecord[];
  excluded: EvidenceRecord[];
  /**
   * Files in this criterion's folder that this appraisal does not count, with why (a calendar's
   * rounds); absent when every file in the folder counts.
   */
  uncounted?: readonly UncountedFile[];
  /** All the unit's evidence, for checks across criteria. */
  unitEvidence: EvidenceRecord[];
  /**
   * Every unit's evidence in the batch (this unit's included) by unit code, for checks across
   * units; at least this unit's when the other units are not known.
   */
  batchEvidence: ReadonlyMap<string, EvidenceRecord[]>;
  /** Survey points for this criterion, when the batch has them. */
  survey: number | undefined;
  /** The effect the framework chose for this rule. */
  effect: Effect;
  /** This rule's parameters from the framework, validated and with defaults. */
  params: P;
  /** Whether a reading is good enough to act on without the council looking. */
  trusted(extraction: Extraction, basis: ReadingBasis): boolean;
}

export interface RuleReport {
  effect: Effect;
  /** Complete Vietnamese sentence(s), quoted verbatim in the minutes. */
  reason: string;
  /** Evidence path relative to the batch folder. */
  file?: string;
  page?: number;
  cap?: number;
  /** The criterion counts as applicable although the unit marked it "không áp dụng". */
  applicable?: true;
  /**
   * Parts of the file's reading the report relies on. A `zero`, `cap` or `exclude` report whose
   * basis was read with low confidence is turned into `review` by the appraisal: never silently zero.
   */
  basis?: ReadingBasis[];
}

export interface Rule<P = unknown> {
  id: string;
  /** One line, Vietnamese: what the rule checks and what follows. */
  description: string;
  phase: RulePhase;
  /** Effects a framework may choose for this rule; the first is the default. */
  effects: readonly Effect[];
  /** Whether the rule runs when a framework does not mention it. */
  enabledByDefault: boolean;
  /** Parameters beyond `enabled` and `effect`; parsing `{}` gives the defaults. */
  params: z.ZodType<P, unknown>;
  check(context: RuleContext<P>): RuleReport[];
}

/** Keep a rule's parameter type inside its module while the registry holds rules of every kind. */
export function defineRule<P>(rule: Rule<P>): Rule<unknown> {
  return rule as unknown as Rule<unknown>;
}
