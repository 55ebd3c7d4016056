import { aboutFile, capitalise, effectClause, fileLabel } from './describe.js';
import { noParams } from './params.js';
import { defineRule } from './rule.js';

/**
 * A handwritten numeral, day or month the second recognizer reads clearly, and that is not what the
 * unit says it is (its explanation, the evidence name it listed, the file's name), means the file
 * may not be the document the unit names: the council looks (issue 10; the claim is never copied
 * into the reading). The check itself is made where the reading meets the report
 * (pipeline/evidence/handwriting/resolve.ts); this rule reports it.
 */
export const handwrittenClaim = defineRule({
  id: 'handwritten-claim',
  description: 'Số, ngày viết tay trên tài liệu kiểm chứng khác với thông tin đơn vị nêu (giải trình, tên tài liệu, tên tệp)',
  phase: 'evidence',
  effects: ['review', 'info', 'exclude'],
  enabledByDefault: true,
  params: noParams,
  check({ evidence, effect }) {
    return evidence.flatMap((record) => {
      const parts = record.extraction.parts;
      if (!parts) return [];
      const contradicted = [parts.numeral, parts.day, parts.month].filter((p) => p.claimCheck?.outcome === 'contradicted');
      if (contradicted.length === 0) return [];
      const what = contradicted.map((p) => p.claimCheck?.reason ?? '').join('; ');
      return [{
        effect,
        reason: `${capitalise(fileLabel(record))}: ${what}; tài liệu có thể không phải văn bản đơn vị nêu; ${effectClause(effect)}.`,
        ...aboutFile(record),
      }];
    });
  },
});
