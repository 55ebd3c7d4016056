import type { Rule } from './rule.js';

/** An unreadable file is never silently zeroed: the council looks at it. */
export const unreadableEvidence: Rule = {
  id: 'unreadable-evidence',
  description: 'Tài liệu kiểm chứng không đọc được: chuyển Hội đồng xem xét',
  check({ evidence }) {
    return evidence
      .filter((e) => e.extraction.status === 'unreadable')
      .map((e) => ({
        effect: 'review' as const,
        reason: `Không đọc được tài liệu "${e.file.name}": ${e.extraction.error ?? 'lỗi không xác định'}. Hội đồng xem xét trực tiếp.`,
        file: e.file.relPath,
      }));
  },
};
