import { z } from 'zod';
import type { Extraction } from '../model.js';
import { aboutFile, capitalise, effectClause, evidenceLabel, fileLabel } from './describe.js';
import { defineRule } from './rule.js';

const ACCEPTED = {
  scan: 'bản chụp (scan) của văn bản giấy',
  signature: 'văn bản điện tử có chữ ký số',
} as const;

/**
 * What the file's digital signature amounts to: `verified` every signature holds and nothing
 * after signing changed the pages; `none` no signature (a visible box alone is not one);
 * `broken`/`modified` a signature that does not hold, or pages changed after signing, with the
 * reader's Vietnamese reason; `unverifiable` could not be checked. Readings older than reader-4.1
 * carry no verification: their `signed` is taken as it is.
 */
export function signatureState(e: Extraction): { state: 'verified' | 'none' | 'broken' | 'modified' | 'unverifiable'; problem: string | null } {
  const status = e.signatureStatus;
  if (status === undefined) return { state: e.signed ? 'verified' : 'none', problem: null };
  if (status === 'valid') return { state: 'verified', problem: null };
  if (status === 'none') return { state: 'none', problem: null };
  const failing = (e.signatures ?? []).find((s) => s.verdict === status) ?? (e.signatures ?? []).find((s) => s.verdict !== 'valid');
  return { state: status, problem: failing?.problems[0] ?? null };
}

/**
 * Valid evidence is a scan of the paper document or an electronic document with a digital
 * signature (Lào Cai §2); Thái Nguyên 2024 §4a accepts only digitally signed documents.
 * An unsigned text-only PDF (a Word export) is neither. "Signed" means verified (Decree
 * 130/2018/NĐ-CP art. 9): a signature that does not verify, or a file whose pages changed after
 * signing, is not signed; a visible signature box without a signature is not one either. A scan
 * whose signature fails is still a scan: it goes to the council (`review`) rather than out.
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
      const { state, problem } = signatureState(e);
      const scanAccepted = params.accept.includes('scan') && e.scanned;
      if (state === 'broken' || state === 'modified' || state === 'unverifiable') {
        const failure = state === 'unverifiable'
          ? `có chữ ký số nhưng không kiểm tra được chữ ký${problem ? ` (${problem})` : ''}`
          : `có chữ ký số nhưng ${state === 'modified' ? 'chữ ký không còn giá trị' : 'chữ ký không hợp lệ'}${problem ? ` (${problem})` : ''}`;
        const chosen = scanAccepted || state === 'unverifiable' ? 'review' : effect;
        const outcome = scanAccepted
          ? 'là bản chụp nhưng nội dung không còn được chữ ký số bảo đảm'
          : state === 'unverifiable' ? 'chưa xác định được là văn bản có chữ ký số hợp lệ' : 'không được coi là văn bản có chữ ký số';
        return [{
          effect: chosen,
          reason: `${capitalise(evidenceLabel(record))} ${failure}, nên ${outcome}; ${effectClause(chosen)}.`,
          ...aboutFile(record),
        }];
      }
      if (params.accept.includes('signature') && state === 'verified') return [];
      if (scanAccepted) return [];
      const boxOnly = state === 'none' && e.signed;
      const what = e.scanned
        ? 'là bản chụp nhưng không có chữ ký số'
        : state === 'verified' ? 'có chữ ký số nhưng không phải bản chụp văn bản giấy'
          : boxOnly ? 'chỉ có khung chữ ký hiển thị trên trang, không có chữ ký số, và không phải bản chụp văn bản giấy'
            : 'là bản điện tử không có chữ ký số và không phải bản chụp văn bản giấy';
      return [{
        effect,
        reason: `${capitalise(fileLabel(record))} ${what}, trong khi tài liệu kiểm chứng phải là ${required}; ${effectClause(effect)}.`,
        ...aboutFile(record),
      }];
    });
  },
});
