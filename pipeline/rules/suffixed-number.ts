import type { Rule } from './rule.js';

/** Thái Nguyên 2024 §4b: evidence whose own number carries a letter suffix (`30a/KH-SXD`) scores zero. */
export const suffixedNumber: Rule = {
  id: 'suffixed-number',
  description: 'Tài liệu kiểm chứng có số văn bản kèm chữ (a, b…) bị chấm điểm 0',
  check({ evidence }) {
    return evidence
      .filter(({ extraction }) => extraction.status === 'ok' && extraction.suffixed && extraction.number)
      .map(({ file, extraction }) => ({
        effect: 'zero' as const,
        reason: `Tài liệu kiểm chứng "${file.name}" có số văn bản ${extraction.number} kèm chữ cái (số văn bản a, b): chấm điểm 0.`,
        file: file.relPath,
        ...(extraction.headerPage ? { page: extraction.headerPage } : {}),
      }));
  },
};
