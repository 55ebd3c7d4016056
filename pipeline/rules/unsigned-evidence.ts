import { z } from 'zod';
import { aboutFile, capitalise, effectClause, fileLabel } from './describe.js';
import { defineRule } from './rule.js';

const ACCEPTED = {
  scan: 'bản chụp (scan) của văn bản giấy',
  signature: 'văn bản điện tử có chữ ký số',
} as const;

/**
 * Valid evidence is a scan of the paper document or an electronic document with a digital
 * signature (Lào Cai §2); Thái Nguyên 2024 §4a accepts only digitally signed documents.
 * An unsigned text-only PDF (a Word export) is neither.
 */
export const unsignedEvidence = defineRule({
  id: 'unsigned-evidence',
  description: 'Tài liệu kiểm chứng phải là bản chụp văn bản giấy hoặc văn bản điện tử có chữ ký số theo quy định của tỉnh',
  phase: 'evidence',
  effects: ['exclude', 'review', 'zero'],
  enabledByDefault: false,
  params: z
    .object({ accept: z.array(z.enum(['scan', 'signature'])).min(1).default(['scan', 'signature']) })
    .strict(),
  check({ evidence, effect, params }) {
    const required = params.accept.map((a) => ACCEPTED[a]).join(' hoặc ');
    return evidence.flatMap((record) => {
      const e = record.extraction;
      if (e.status !== 'ok') return [];
      if (params.accept.includes('signature') && e.signed) return [];
      if (params.accept.includes('scan') && e.scanned) return [];
      const what = e.scanned
        ? 'là bản chụp nhưng không có chữ ký số'
        : e.signed ? 'có chữ ký số nhưng không phải bản chụp văn bản giấy' : 'là bản điện tử không có chữ ký số và không phải bản chụp văn bản giấy';
      return [{
        effect,
        reason: `${capitalise(fileLabel(record))} ${what}, trong khi tài liệu kiểm chứng phải là ${required}; ${effectClause(effect)}.`,
        ...aboutFile(record),
      }];
    });
  },
});
