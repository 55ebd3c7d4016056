// Every rule the appraisal knows, in the order their findings appear. A framework turns rules on
// and off, chooses their effect and sets their parameters by id (ESLint style).
import { dataWindow } from './data-window.js';
import { duplicateNumber } from './duplicate-number.js';
import { evidenceType } from './evidence-type.js';
import { explanationCitation } from './explanation-citation.js';
import { explanationSection } from './explanation-section.js';
import { figureBracket } from './figure-bracket.js';
import { handwrittenClaim } from './handwritten-claim.js';
import { lateIssue } from './late-issue.js';
import { listedEvidence } from './listed-evidence.js';
import { noEvidence } from './no-evidence.js';
import { notApplicable } from './not-applicable.js';
import { overMaximum } from './over-maximum.js';
import { conflictingCorrections, personCorrection } from './person-correction.js';
import { ownIssuer } from './own-issuer.js';
import type { Rule } from './rule.js';
import { sharedEvidence } from './shared-evidence.js';
import { signatureIntegrity } from './signature-integrity.js';
import { suffixedNumber } from './suffixed-number.js';
import { surveyPoints } from './survey-points.js';
import { surveySelfScored } from './survey-self-scored.js';
import { unissuedDraft } from './unissued-draft.js';
import { unreadableEvidence } from './unreadable-evidence.js';
import { unsignedEvidence } from './unsigned-evidence.js';

export const RULES: readonly Rule[] = [
  // claim
  overMaximum, surveySelfScored, surveyPoints, notApplicable, figureBracket,
  // evidence
  personCorrection, conflictingCorrections, unreadableEvidence, handwrittenClaim, unissuedDraft, unsignedEvidence, signatureIntegrity, suffixedNumber, dataWindow, ownIssuer, duplicateNumber, sharedEvidence,
  // criterion
  noEvidence, evidenceType, lateIssue, explanationCitation, explanationSection, listedEvidence,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
