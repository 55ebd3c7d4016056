// What the audit page says about a file's digital signatures: the verdict of the verification
// (issue "Signed means verified"), not merely that a signature box was seen.
import type { Extraction } from '../model.js';

const CHAIN: Record<string, string> = {
  trusted: 'chuỗi chứng thư tin cậy',
  untrusted: 'chuỗi chứng thư không dẫn tới chứng thư tin cậy của tỉnh',
  'not-checked': 'chưa kiểm tra chuỗi chứng thư (chưa có chứng thư gốc của tỉnh)',
};

/**
 * One Vietnamese sentence on the file's signatures, from `signatureStatus` and `signatures`
 * (Lào Cai 2021 §2, Thái Nguyên 2024 §4a: electronic evidence counts only when digitally signed):
 * the verdict, what is wrong, the signer, signing time and role, the chain, changes after signing that
 * are allowed but said (`notes`), and that revocation cannot be checked offline. Readings older than reader-4.1 carry no verification: only what was seen is said.
 */
export function signatureVerdict(e: Pick<Extraction, 'signed' | 'signer' | 'signedAt' | 'signatures' | 'signatureStatus'>): string {
  const signerText = `${e.signer ? `: ${e.signer}` : ''}${e.signedAt ? `, lúc ${e.signedAt}` : ''}`;
  if (!e.signatureStatus) return e.signed ? `thấy chữ ký số${signerText} (chưa xác minh)` : 'không thấy chữ ký số';
  const problems = [...new Set((e.signatures ?? []).flatMap((s) => s.problems))].join('; ');
  const withProblems = (text: string) => (problems ? `${text}: ${problems}` : text);
  switch (e.signatureStatus) {
    case 'none':
      return e.signed ? 'chỉ có khung chữ ký hiển thị, không có chữ ký số' : 'không thấy chữ ký số';
    case 'broken':
      return withProblems('chữ ký số không hợp lệ');
    case 'modified': {
      const what = problems.replaceAll('tệp bị sửa đổi sau khi ký: ', '');
      return what ? `tệp bị sửa đổi sau khi ký: ${what}` : 'tệp bị sửa đổi sau khi ký';
    }
    case 'unverifiable':
      return withProblems('không kiểm tra được chữ ký số');
    case 'valid': {
      const last = e.signatures?.[e.signatures.length - 1];
      const office = e.signatures?.some((s) => s.role === 'records-office') ? ' (văn thư ký số bản quét, là bình thường)'
        : e.signatures?.some((s) => s.role === 'issuer') ? ' (cơ quan ban hành ký)' : '';
      const chain = last ? `; ${CHAIN[last.chain.status] ?? last.chain.status}` : '';
      const notes = [...new Set((e.signatures ?? []).flatMap((s) => s.notes ?? []))].map((n) => `; ${n}`).join('');
      return `chữ ký số hợp lệ${signerText}${office}${chain}${notes}; chưa kiểm tra thu hồi chứng thư (không có mạng)`;
    }
  }
}
