// Every rule the appraisal knows. A framework turns rules on and sets their parameters by id.
import { listedEvidence } from './listed-evidence.js';
import { noEvidence } from './no-evidence.js';
import { overMaximum } from './over-maximum.js';
import type { Rule } from './rule.js';
import { suffixedNumber } from './suffixed-number.js';
import { unreadableEvidence } from './unreadable-evidence.js';

export const RULES: readonly Rule[] = [overMaximum, noEvidence, listedEvidence, unreadableEvidence, suffixedNumber];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
