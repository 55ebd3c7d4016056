import { noParams } from './params.js';
import { aboutFile, capitalise, effectClause, fileLabel } from './describe.js';
import { defineRule, type RuleReport } from './rule.js';

/**
 * A document whose number or day is left blank (`Số:      /SNV-CCHC`, `ngày    tháng 10 năm 2024`)
 * was never issued: it is not evidence. A digitally signed file is the exception to check by eye:
 * the records system stamps number and day at signing, often outside the text layer.
 */
export const unissuedDraft = defineRule({
  id: 'unissued-draft',
  description: 'Văn bản để trống số hoặc ngày ban hành là dự thảo chưa ban hành, không phải tài liệu kiểm chứng hợp lệ',
  phase: 'evidence',
  effects: ['exclude', 'zero', 'review'],
  enabledByDefault: true,
  params: noParams,
  check({ evidence, effect }) {
    const reports: RuleReport[] = [];
    for (const record of evidence) {
      const e = record.extraction;
      if (e.status !== 'ok' || (!e.blankNumber && !e.blankDate)) continue;
      const symbol = e.issuerCode ? `/${e.typeCode ? `${e.typeCode}-` : ''}${e.issuerCode}` : '';
      const blanks = [
        e.blankNumber ? `để trống số văn bản${symbol ? ` ("Số:      ${symbol}")` : ''}` : '',
        e.blankDate ? 'để trống ngày ban hành' : '',
      ].filter(Boolean).join(' và ');
      const basis: RuleReport['basis'] = [...(e.blankNumber ? ['number' as const] : []), ...(e.blankDate ? ['date' as const] : [])];
      if (e.signed) {
        reports.push({
          effect: 'review',
          basis,
          reason: `${capitalise(fileLabel(record))} ${blanks} trong nội dung văn bản nhưng có chữ ký số${e.signer ? ` của ${e.signer}` : ''}; số và ngày có thể được cấp khi ký số. Đề nghị Hội đồng thẩm định đối chiếu trên bản hiển thị của văn bản.`,
          ...aboutFile(record),
        });
        continue;
      }
      reports.push({
        effect,
        basis,
        reason: `${capitalise(fileLabel(record))} ${blanks}, là dự thảo chưa được ban hành; ${effectClause(effect)}.`,
        ...aboutFile(record),
      });
    }
    return reports;
  },
});

