import { z } from 'zod';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { defineRule } from './rule.js';
import { signatureState } from './unsigned-evidence.js';

/**
 * A digitally signed file whose signature does not verify, or whose pages were changed after
 * signing (an incremental update rewriting the header: how a "30a" slips in), is not the document
 * that was signed (Decree 130/2018/NĐ-CP art. 9). Runs in every province; where the framework
 * enables `unsigned-evidence`, that rule reports it instead (as not signed), so it is said once.
 */
export const signatureIntegrity = defineRule({
  id: 'signature-integrity',
  description: 'Tài liệu kiểm chứng có chữ ký số không hợp lệ hoặc bị sửa đổi sau khi ký được đưa ra Hội đồng thẩm định xem xét',
  phase: 'evidence',
  effects: ['review', 'exclude', 'zero', 'info'],
  enabledByDefault: true,
  params: z.object({}).strict(),
  check({ evidence, effect, framework }) {
    if (framework.rules['unsigned-evidence']?.enabled) return [];
    return evidence.flatMap((record) => {
      if (record.extraction.status !== 'ok') return [];
      const { state, problem } = signatureState(record.extraction);
      if (state !== 'broken' && state !== 'modified') return [];
      const what = state === 'modified' ? 'chữ ký không còn giá trị' : 'chữ ký không hợp lệ';
      return [{
        effect,
        reason: `${capitalise(evidenceLabel(record))} có chữ ký số nhưng ${what}${problem ? ` (${problem})` : ''}; ${effectClause(effect)}.`,
        ...aboutFile(record),
      }];
    });
  },
});
