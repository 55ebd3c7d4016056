// What the audit page says about a file's digital signatures: the verdict of the verification
// (issue "Signed means verified"), not merely that a signature box was seen.
import type { Extraction, SignatureCheck } from '../model.js';
import { VIETNAM_OFFSET_MINUTES } from '../rounds/calendar.js';

/** An instant with its zone (`…Z`, `…+07:00`). */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/u;

/**
 * A signing time as a clerk reads it, in Vietnam time: `2021-06-16T00:56:09Z` → `07:56:09 ngày
 * 16/06/2021`. A time without a zone, or not a time, is shown as it was read.
 */
export function formatSigningTime(value: string): string {
  if (!ZONED.test(value) || Number.isNaN(Date.parse(value))) return value;
  const t = new Date(Date.parse(value) + VIETNAM_OFFSET_MINUTES * 60_000).toISOString();
  return `${t.slice(11, 19)} ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
}

const CHAIN: Record<string, string> = {
  trusted: 'chuỗi chứng thư tin cậy',
  untrusted: 'chuỗi chứng thư không dẫn tới chứng thư tin cậy của tỉnh',
  'not-checked': 'chưa kiểm tra chuỗi chứng thư (chưa có chứng thư gốc của tỉnh)',
};

/**
 * Whether the certificate chain of a file's signatures leads to the province's trust anchors: that of
 * its last signature (the one covering the whole file), `not-checked` without trust anchors; null
 * with no verified signature.
 */
export function chainStatus(e: Pick<Extraction, 'signatures'>): SignatureCheck['chain']['status'] | null {
  return e.signatures?.[e.signatures.length - 1]?.chain.status ?? null;
}

/**
 * One Vietnamese sentence on the file's signatures, from `signatureStatus` and `signatures`
 * (Lào Cai 2021 §2, Thái Nguyên 2024 §4a: electronic evidence counts only when digitally signed):
 * the verdict, what is wrong, the signer, signing time and role, the chain, changes after signing that
 * are allowed but said (`notes`), and that revocation cannot be checked offline. Readings older than reader-4.1 carry no verification: only what was seen is said.
 */
export function signatureVerdict(e: Pick<Extraction, 'signed' | 'signer' | 'signedAt' | 'signatures' | 'signatureStatus'>): string {
  const signerText = `${e.signer ? `: ${e.signer}` : ''}${e.signedAt ? `, ký lúc ${formatSigningTime(e.signedAt)}` : ''}`;
  if (!e.signatureStatus) return e.signed ? `thấy chữ ký số${signerText} (chưa xác minh)` : 'không thấy chữ ký số';
  const problems = [...new Set((e.signatures ?? []).flatMap((s) => s.problems))].join('; ');
  const withProblems = (text: string) => (problems ? `${text}: ${problems}` : text);
  switch (e.signatureStatus) {
    case 'none':
      return e.signed ? 'chỉ có khung chữ ký hiển thị, không có chữ ký số' : 'không thấy chữ ký số';
    case 'broken':
      return withProblems(`chữ ký số không hợp lệ${signerText}`);
    case 'modified': {
      const what = problems.replaceAll('tệp bị sửa đổi sau khi ký: ', '');
      const head = `tệp bị sửa đổi sau khi ký${signerText}`;
      return what ? `${head}: ${what}` : head;
    }
    case 'unverifiable':
      return withProblems(`không kiểm tra được chữ ký số${signerText}`);
    case 'valid': {
      const status = chainStatus(e);
      const office = e.signatures?.some((s) => s.role === 'records-office') ? ' (văn thư ký số bản quét, là bình thường)'
        : e.signatures?.some((s) => s.role === 'issuer') ? ' (cơ quan ban hành ký)' : '';
      const chain = status ? `; ${CHAIN[status] ?? status}` : '';
      const notes = [...new Set((e.signatures ?? []).flatMap((s) => s.notes ?? []))].map((n) => `; ${n}`).join('');
      return `chữ ký số hợp lệ${signerText}${office}${chain}${notes}; chưa kiểm tra thu hồi chứng thư (không có mạng)`;
    }
  }
}
