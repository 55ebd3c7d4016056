import { z } from 'zod';
import { formatDateVn } from '../util/text.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { criterionCodes } from './params.js';
import { defineRule, type RuleReport } from './rule.js';

/**
 * Evidence must fall in the evaluation period: from `dataWindow.from` to the cut-off (chốt số liệu):
 * Hưng Yên art. 6.1 (01/12 of the previous year to 30/11), Thái Nguyên 2024 §5 (20/11/2024).
 * Criteria whose tasks have their own timing are exempt (Hưng Yên art. 6.1 "trừ các nhiệm vụ có
 * quy định cụ thể thời gian"; Thái Nguyên §5: reports not yet due by the cut-off).
 */
export const dataWindow = defineRule({
  id: 'data-window',
  description: 'Tài liệu kiểm chứng ban hành ngoài thời gian chốt số liệu của kỳ đánh giá',
  phase: 'evidence',
  effects: ['review', 'exclude', 'zero'],
  enabledByDefault: true,
  params: z.object({ exempt: criterionCodes }).strict(),
  check({ evidence, batch, criterion, effect, params }) {
    if (params.exempt.includes(criterion.code)) return [];
    const period = `từ ngày ${formatDateVn(batch.dataWindow.from)} đến ngày ${formatDateVn(batch.cutoff)}`;
    const reports: RuleReport[] = [];
    for (const record of evidence) {
      const { status, date } = record.extraction;
      if (status !== 'ok' || !date) continue;
      let when: string | null = null;
      if (date < batch.dataWindow.from) when = 'trước';
      else if (date > batch.cutoff) when = 'sau';
      if (!when) continue;
      reports.push({
        effect,
        basis: ['date'],
        reason: `${capitalise(evidenceLabel(record))} ban hành ${when} thời gian chốt số liệu của kỳ đánh giá (${period}); ${effectClause(effect)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});
