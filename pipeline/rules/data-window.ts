import { z } from 'zod';
import { formatDateVn } from '../util/text.js';
import { aboutFile, capitalise, effectClause, evidenceLabel } from './describe.js';
import { criterionCodes } from './params.js';
import { placeInWindow, signingDay } from './reading-parts.js';
import { defineRule, type RuleReport } from './rule.js';

/**
 * Evidence must fall in the evaluation period: from `dataWindow.from` to the cut-off (chốt số liệu):
 * Hưng Yên art. 6.1 (01/12 of the previous year to 30/11), Thái Nguyên 2024 §5 (20/11/2024).
 * Criteria whose tasks have their own timing are exempt (Hưng Yên art. 6.1 "trừ các nhiệm vụ có
 * quy định cụ thể thời gian"; Thái Nguyên §5: reports not yet due by the cut-off).
 * A date whose day was not read with confidence is decided on its month and year when that month
 * lies wholly inside or outside the period, or on the signing day (a document is dated on or before
 * it is signed); otherwise the date's own confidence sends it to the council.
 */
export const dataWindow = defineRule({
  id: 'data-window',
  description: 'Tài liệu kiểm chứng ban hành ngoài thời gian chốt số liệu của kỳ đánh giá',
  phase: 'evidence',
  effects: ['review', 'exclude', 'zero'],
  enabledByDefault: true,
  params: z.object({ exempt: criterionCodes }).strict(),
  check({ evidence, batch, criterion, effect, params, trusted }) {
    if (params.exempt.includes(criterion.code)) return [];
    const period = `từ ngày ${formatDateVn(batch.dataWindow.from)} đến ngày ${formatDateVn(batch.cutoff)}`;
    const reports: RuleReport[] = [];
    for (const record of evidence) {
      const e = record.extraction;
      if (e.status !== 'ok') continue;
      // Decided on what is known: the date; else its month and year (issue 9: a handwritten day
      // does not stop a decision its month already makes); else the signing day that bounds it.
      const where = placeInWindow(e, batch.dataWindow.from, batch.cutoff, (basis) => trusted(e, basis));
      if (where.place === 'inside') continue;
      if (where.place === 'unknown') {
        // The date as read, untrusted: outside the period, the report goes to the council (its
        // basis is weak); inside, nothing. A date not read at all is unreadable-evidence's.
        if (!e.date || (e.date >= batch.dataWindow.from && e.date <= batch.cutoff)) continue;
        reports.push({
          effect,
          basis: ['date'],
          reason: `${capitalise(evidenceLabel(record))} ban hành ${e.date < batch.dataWindow.from ? 'trước' : 'sau'} thời gian chốt số liệu của kỳ đánh giá (${period}); ${effectClause(effect)}.`,
          ...aboutFile(record),
        });
        continue;
      }
      const when = where.place === 'before' ? 'trước' : 'sau';
      const how = where.on === 'month'
        ? ` (ngày ban hành chưa đọc được chắc chắn; căn cứ tháng ${e.parts?.month.value}/${e.parts?.year.value})`
        : where.on === 'signing' ? ` (căn cứ thời điểm ký số ngày ${formatDateVn(signingDay(e) ?? '')}; văn bản ban hành không muộn hơn ngày ký)` : '';
      reports.push({
        effect,
        // The signing day comes from the signature, not from reading the page: nothing read to doubt.
        basis: where.on === 'signing' ? [] : [where.on === 'month' ? 'month' : 'date'],
        reason: `${capitalise(evidenceLabel(record))} ban hành ${when} thời gian chốt số liệu của kỳ đánh giá (${period})${how}; ${effectClause(effect)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});
