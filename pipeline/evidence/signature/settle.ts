// What the batch knows and the cached reading does not: the province's trust anchors and the unit
// whose evidence it is. Applied after reading (the reading is cached by file hash, these are not).
import type { X509Certificate } from 'node:crypto';
import type { Extraction } from '../../model.js';
import { signerRole } from './signer-role.js';
import { applyTrust } from './trust.js';

/** `extraction` with each signature's chain checked against `anchors` and its signer's role relative to `issuingBodies`. */
export function settleSignatures(extraction: Extraction, anchors: X509Certificate[], issuingBodies: string[]): Extraction {
  if (!extraction.signatures || extraction.signatures.length === 0) return extraction;
  const signatures = applyTrust(extraction.signatures, anchors).map((s) => {
    const role = signerRole(s, issuingBodies);
    return role ? { ...s, role } : s;
  });
  return { ...extraction, signatures };
}
