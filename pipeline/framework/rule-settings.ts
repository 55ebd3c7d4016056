// The `rules:` section of a framework: each entry is checked against its rule's own schema, so a
// typo in a parameter or an effect the rule cannot have stops the load with a message naming it.
// Every rule accepts `enabled`, `effect` (one of those it allows) and `legalBasis` (the province's
// text, quoted after each of its reasons) besides its own parameters.
import type { RuleSetting } from '../model.js';
import { RULES } from '../rules/index.js';
import { formatPath } from '../util/validation.js';

/**
 * Settings for every known rule: those the framework names, validated, with their defaults filled;
 * the others as the rule's defaults (on or off by `enabledByDefault`).
 */
export function resolveRuleSettings(section: Record<string, Record<string, unknown>>, problems: string[]): Record<string, RuleSetting> {
  const known = new Set(RULES.map((r) => r.id));
  for (const id of Object.keys(section)) {
    if (!known.has(id)) problems.push(`rules.${id}: không có quy tắc này (các quy tắc: ${[...known].join(', ')})`);
  }
  const out: Record<string, RuleSetting> = {};
  for (const rule of RULES) {
    const given = section[rule.id];
    const { enabled, effect, legalBasis, ...rest } = given ?? {};
    const setting: RuleSetting = {
      enabled: given === undefined ? rule.enabledByDefault : enabled === undefined ? true : enabled === true,
      effect: rule.effects[0] ?? 'info',
    };
    if (enabled !== undefined && typeof enabled !== 'boolean') problems.push(`rules.${rule.id}.enabled: phải là true hoặc false`);
    if (effect !== undefined) {
      if (typeof effect === 'string' && (rule.effects as readonly string[]).includes(effect)) setting.effect = effect as RuleSetting['effect'];
      else problems.push(`rules.${rule.id}.effect: "${String(effect)}" không hợp lệ; quy tắc này chỉ nhận ${rule.effects.join(', ')}`);
    }
    if (legalBasis !== undefined) {
      if (typeof legalBasis === 'string' && legalBasis.trim() !== '') setting.legalBasis = legalBasis.trim();
      else problems.push(`rules.${rule.id}.legalBasis: phải là một câu nêu căn cứ`);
    }
    const parsed = rule.params.safeParse(rest);
    if (parsed.success) Object.assign(setting, parsed.data as object);
    else {
      for (const issue of parsed.error.issues) {
        const where = formatPath([...issue.path]);
        const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
        problems.push(`rules.${rule.id}${where === '(gốc)' ? '' : `.${where}`}: ${issue.message}${keys}`);
      }
    }
    out[rule.id] = setting;
  }
  return out;
}
