import { foldVietnamese } from '../util/text.js';
import type { Rule, RuleReport } from './rule.js';

/** Files the report lists must be in the criterion's folder; files there but unlisted are noted. */
export const listedEvidence: Rule = {
  id: 'listed-evidence',
  description: 'Tài liệu kiểm chứng kê trong báo cáo phải có trong thư mục của tiêu chí',
  check({ claim, evidence, unit, criterion }) {
    if (!claim) return [];
    const key = (name: string) => foldVietnamese(name).replace(/\.pdf$/u, '');
    const present = new Map(evidence.map((e) => [key(e.file.name), e]));
    const listed = new Set(claim.evidenceFiles.map(key));
    const reports: RuleReport[] = claim.evidenceFiles
      .filter((name) => !present.has(key(name)))
      .map((name) => ({
        effect: 'info',
        reason: `Báo cáo kê tài liệu "${name}" nhưng không có tệp này trong thư mục units/${unit.code}/evidence/${criterion.code}/.`,
      }));
    for (const e of evidence) {
      if (!listed.has(key(e.file.name))) {
        reports.push({ effect: 'info', reason: `Tệp "${e.file.name}" có trong thư mục nhưng không được kê trong báo cáo tự đánh giá.`, file: e.file.relPath });
      }
    }
    return reports;
  },
};
