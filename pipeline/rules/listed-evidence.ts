import path from 'node:path';
import { foldVietnamese } from '../util/text.js';
import { noParams } from './params.js';
import { defineRule, type RuleReport } from './rule.js';

/**
 * The key a file name in the report's evidence column is matched on against the folder's files:
 * case, diacritics and a `.pdf` ending aside (`KH 15.pdf` ≡ `kh 15`).
 */
export function listingKey(name: string): string {
  return foldVietnamese(name).replace(/\.pdf$/u, '');
}

/** Unlisted files of one criterion named one by one; more are one finding naming these many. */
export const UNLISTED_NAMED = 5;

/**
 * Files the report lists should be in the criterion's folder; files there but unlisted are noted. A
 * listed file that is in the folder but not counted (a calendar round left it out: `uncounted`) is
 * said to be there, with why it does not count, never "missing".
 */
export const listedEvidence = defineRule({
  id: 'listed-evidence',
  description: 'Tài liệu kiểm chứng kê trong báo cáo tự đánh giá phải có trong thư mục của tiêu chí',
  phase: 'criterion',
  effects: ['info', 'review'],
  enabledByDefault: true,
  params: noParams,
  check({ claim, evidence, excluded, uncounted, unit, criterion, effect }) {
    if (!claim || claim.notApplicable) return [];
    const all = [...evidence, ...excluded];
    const present = new Set(all.map((e) => listingKey(e.file.name)));
    const away = new Map((uncounted ?? []).map((u) => [listingKey(path.posix.basename(u.path)), u]));
    const listed = new Set(claim.evidenceFiles.map(listingKey));
    const reports: RuleReport[] = [];
    for (const name of claim.evidenceFiles) {
      if (present.has(listingKey(name))) continue;
      const left = away.get(listingKey(name));
      // The round's calendar decided about this file (its own finding says so): nothing for the council.
      reports.push(left
        ? {
          effect: 'info',
          reason: `Báo cáo tự đánh giá kê tài liệu "${name}" cho tiêu chí ${criterion.code}; tệp có trong thư mục ${path.posix.dirname(left.path)}/ nhưng ${left.why}.`,
          file: left.path,
        }
        : {
          effect,
          reason: `Báo cáo tự đánh giá kê tài liệu "${name}" cho tiêu chí ${criterion.code}, nhưng thư mục units/${unit.code}/evidence/${criterion.code}/ không có tệp này; ${effect === 'info' ? 'tài liệu không được xem xét' : 'đề nghị Hội đồng thẩm định xem xét'}.`,
        });
    }
    const unlisted = all.filter((e) => !listed.has(listingKey(e.file.name)));
    if (unlisted.length > UNLISTED_NAMED) {
      // Hundreds of unlisted files (a folder dumped in) are one finding, not hundreds of sentences in the minutes.
      const named = unlisted.slice(0, UNLISTED_NAMED).map((e) => `"${e.file.name}"`).join(', ');
      reports.push({
        effect: 'info',
        reason: `${unlisted.length} tệp có trong thư mục của tiêu chí ${criterion.code} nhưng không được kê trong báo cáo tự đánh giá (${named} và ${unlisted.length - UNLISTED_NAMED} tệp khác, xem danh sách tài liệu); các tệp vẫn được xem xét.`,
      });
      return reports;
    }
    for (const e of unlisted) {
      reports.push({
        effect: 'info',
        reason: `Tệp "${e.file.name}" có trong thư mục của tiêu chí ${criterion.code} nhưng không được kê trong báo cáo tự đánh giá; tệp vẫn được xem xét.`,
        file: e.file.relPath,
      });
    }
    return reports;
  },
});
