import { noParams } from './params.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { defineRule } from './rule.js';

/**
 * Thái Nguyên 2024 §4b: a criterion whose evidence carries a number with a letter suffix
 * (`30a/KH-SXD`) scores 0. Numbers run consecutively per year (Decree 30/2020 art. 15), so a
 * suffix marks a document slipped in after the fact. Only the evidence's own number counts,
 * never the numbers it cites in its body.
 */
export const suffixedNumber = defineRule({
  id: 'suffixed-number',
  description: 'Tài liệu kiểm chứng có số văn bản kèm chữ cái (số a, b) thì tiêu chí bị chấm điểm 0',
  phase: 'evidence',
  effects: ['zero', 'review', 'exclude'],
  enabledByDefault: false,
  params: noParams,
  check({ evidence, effect }) {
    return evidence
      .filter(({ extraction: e }) => e.status === 'ok' && e.suffixed && e.number)
      .map((record) => ({
        effect,
        basis: ['number' as const],
        reason: `${capitalise(evidenceLabel(record))} có số văn bản kèm chữ cái (số a, b), trái với nguyên tắc số văn bản được đánh liên tục trong năm (Nghị định số 30/2020/NĐ-CP, Điều 15); ${effectClause(effect)}.`,
        ...aboutFile(record),
      }));
  },
});
