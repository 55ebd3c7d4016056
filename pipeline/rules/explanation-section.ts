import { nfc } from '../util/text.js';
import { effectClause } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

// "Mục I", "Khoản 11", "Điều 5", "Phụ lục 01", "Trang 3", "Phần II", "Biểu số 2"; "Điểm a" (a letter:
// "điểm" alone is also the word for a score). Look-aheads instead of \b: \b is ASCII-only.
const SECTION = /(?:\b|^)(?:mục|khoản|điều|phụ lục|trang|phần|biểu(?: số)?|bảng(?: số)?|tiểu mục)\s+(?:số\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+)(?![\p{L}\p{N}])|(?:\b|^)điểm\s+[a-zđ](?![\p{L}\p{N}])/iu;

/** Whether an explanation names the section of the evidence it relies on. */
export function namesSection(explanation: string): boolean {
  return SECTION.test(nfc(explanation));
}

/**
 * Thái Nguyên 2024 §4b–c: the explanation must say in which Mục, Khoản, Điểm of the evidence the
 * figures and results are; an explanation that does not scores 0.
 */
export const explanationSection = defineRule({
  id: 'explanation-section',
  description: 'Giải trình phải nêu rõ số liệu, kết quả tại Mục, Khoản, Điểm nào của tài liệu kiểm chứng',
  phase: 'criterion',
  effects: ['zero', 'review', 'info'],
  enabledByDefault: false,
  params: noParams,
  check({ criterion, claim, evidence, effect }) {
    if (!claim || criterion.survey || criterion.evidence?.required === false || evidence.length === 0) return [];
    const explanation = claim.explanation.trim();
    if (namesSection(explanation)) return [];
    const head = explanation === ''
      ? `Đơn vị không giải trình tiêu chí ${criterion.code}`
      : `Giải trình của tiêu chí ${criterion.code} không nêu rõ số liệu, kết quả được minh chứng tại Mục, Khoản, Điểm nào của tài liệu kiểm chứng`;
    return [{ effect, reason: `${head}; ${effectClause(effect)}.` }];
  },
});
