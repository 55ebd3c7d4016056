// The shape every appraisal rule has: an id, a Vietnamese description, and a check that
// reports findings for one criterion of one unit. Rules never change scores themselves:
// the appraisal applies the effects they report.
import type {
  Area, Batch, Claim, Criterion, Effect, EvidenceFile, Extraction, Framework, RuleSetting, Unit,
} from '../model.js';

export interface EvidenceRecord {
  file: EvidenceFile;
  extraction: Extraction;
}

export interface RuleContext {
  unit: Unit;
  batch: Batch;
  framework: Framework;
  area: Area;
  criterion: Criterion;
  /** The unit's row for this criterion; null when the report has none. */
  claim: Claim | null;
  /** Evidence filed under this criterion. */
  evidence: EvidenceRecord[];
  /** All the unit's evidence, for checks across criteria. */
  unitEvidence: EvidenceRecord[];
  /** This rule's settings from the framework. */
  settings: RuleSetting;
}

export interface RuleReport {
  effect: Effect;
  reason: string;
  /** Evidence path relative to the batch folder. */
  file?: string;
  page?: number;
  cap?: number;
}

export interface Rule {
  id: string;
  /** One line, Vietnamese: what the rule checks. */
  description: string;
  check(context: RuleContext): RuleReport[];
}
