// Who signed, as a party: the issuing body of the document (or its parent), or a records office
// that scanned the paper original and signed the scan (Văn phòng UBND, "Trung tâm Công báo và Tin
// học", the VGCA signing service): normal, and said so (DOMAIN.md, "Scanned and then signed").
import type { SignatureCheck } from '../../model.js';

const RECORDS_OFFICE = /văn phòng|công báo|văn thư|lưu trữ|\bvgca\b|bộ phận một cửa|trung tâm phục vụ hành chính công/iu;

function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/gu, ' ').trim();
}

/**
 * `issuer` when the signer certificate's CN is one of `issuingBodies` (the unit's name and its
 * parent body), or it is not a records office and its CN, O or OU contains one; `records-office`
 * when it names a records office; else `other`. Null when there is no signer certificate.
 */
export function signerRole(check: SignatureCheck, issuingBodies: string[]): SignatureCheck['role'] | null {
  const signer = check.signer;
  if (!signer) return null;
  const names = [signer.commonName, signer.organisationalUnit, signer.organisation].filter((n): n is string => n !== null).map(fold);
  const bodies = issuingBodies.map(fold).filter((b) => b.length >= 4);
  // The issuing body by its exact name first: a records office's name contains its parent's.
  if (signer.commonName && bodies.includes(fold(signer.commonName))) return 'issuer';
  if (names.some((n) => RECORDS_OFFICE.test(n))) return 'records-office';
  if (names.some((n) => bodies.some((b) => n.includes(b)))) return 'issuer';
  return 'other';
}
