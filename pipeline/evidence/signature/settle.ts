// What the batch knows and the cached reading does not: the province's trust anchors and the unit
// whose evidence it is. Applied after reading (the reading is cached by file hash, these are not).
import type { X509Certificate } from 'node:crypto';
import type { Extraction } from '../../model.js';
import { type IssuingBodies, signerRole } from './signer-role.js';
import { applyTrust } from './trust.js';

/**
 * `extraction` with each signature's chain checked against `anchors` and its signer's role relative
 * to `bodies` (the issuer's code read from the document's symbol is added to them).
 */
export function settleSignatures(extraction: Extraction, anchors: X509Certificate[], bodies: Omit<IssuingBodies, 'issuerCode'>): Extraction {
  if (!extraction.signatures || extraction.signatures.length === 0) return extraction;
  const withCode: IssuingBodies = { ...bodies, issuerCode: extraction.issuerCode };
  const signatures = applyTrust(extraction.signatures, anchors).map((s) => {
    const role = signerRole(s, withCode);
    return role ? { ...s, role } : s;
  });
  return { ...extraction, signatures };
}
