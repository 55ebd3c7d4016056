import { foldVietnamese } from '../util/text.js';
import { noParams } from './params.js';
import { defineRule, type RuleReport } from './rule.js';

/** Files the report lists should be in the criterion's folder; files there but unlisted are noted. */
export const listedEvidence = defineRule({
  id: 'listed-evidence',
  description: 'Tài liệu kiểm chứng kê trong báo cáo tự đánh giá phải có trong thư mục của tiêu chí',
  phase: 'criterion',
  effects: ['info', 'review'],
  enabledByDefault: true,
  params: noParams,
  check({ claim, evidence, excluded, unit, criterion, effect }) {
    if (!claim || claim.notApplicable) return [];
    const all = [...evidence, ...excluded];
    const key = (name: string) => foldVietnamese(name).replace(/\.pdf$/u, '');
    const present = new Set(all.map((e) => key(e.file.name)));
    const listed = new Set(claim.evidenceFiles.map(key));
    const reports: RuleReport[] = claim.evidenceFiles
      .filter((name) => !present.has(key(name)))
      .map((name) => ({
        effect,
        reason: `Báo cáo tự đánh giá kê tài liệu "${name}" cho tiêu chí ${criterion.code}, nhưng thư mục units/${unit.code}/evidence/${criterion.code}/ không có tệp này; ${effect === 'info' ? 'tài liệu không được xem xét' : 'đề nghị Hội đồng thẩm định xem xét'}.`,
      }));
    for (const e of all) {
      if (!listed.has(key(e.file.name))) {
        reports.push({
          effect: 'info',
          reason: `Tệp "${e.file.name}" có trong thư mục của tiêu chí ${criterion.code} nhưng không được kê trong báo cáo tự đánh giá; tệp vẫn được xem xét.`,
          file: e.file.relPath,
        });
      }
    }
    return reports;
  },
});
