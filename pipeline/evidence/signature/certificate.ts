// Who a certificate names (subject CN, O, OU, L, ST; issuer; validity) and the chain the CMS carries,
// signer first, each link checked with the issuer's key.
import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../model.js';
import type { CertificateFields, CmsCertificate } from './cms.js';

const NAME = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  locality: '2.5.4.7',
  state: '2.5.4.8',
  email: '1.2.840.113549.1.9.1',
} as const;

function nameField(name: CertificateFields['subject'], oid: string): string | null {
  const values = name
    .filter((tv) => tv.type === oid)
    .map((tv) => tv.value.normalize('NFC').trim())
    .filter((v) => v !== '');
  return values.length > 0 ? values.join(', ') : null;
}

/** Subject, issuer and validity of a certificate, as reported. */
export function certificateInfo(cert: CmsCertificate): CertificateInfo {
  const subject = cert.parsed.subject;
  return {
    commonName: nameField(subject, NAME.commonName),
    organisation: nameField(subject, NAME.organisation),
    organisationalUnit: nameField(subject, NAME.organisationalUnit),
    locality: nameField(subject, NAME.locality),
    state: nameField(subject, NAME.state),
    email: nameField(subject, NAME.email),
    issuer: { commonName: nameField(cert.parsed.issuer, NAME.commonName), organisation: nameField(cert.parsed.issuer, NAME.organisation) },
    serial: cert.x509.serialNumber,
    validFrom: cert.parsed.notBefore.toISOString(),
    validTo: cert.parsed.notAfter.toISOString(),
    fingerprint: cert.x509.fingerprint256.replace(/:/gu, '').toLowerCase(),
  };
}

/** `issuer` issued `cert`: names chain and the signature verifies with the issuer's key. */
export function issued(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function selfSigned(cert: X509Certificate): boolean {
  return issued(cert, cert);
}

/**
 * The chain from `signer` through the certificates the CMS carries, as far as it goes: each next
 * certificate issued the previous one (checked with its key). At most 8 links.
 */
export function embeddedChain(signer: CmsCertificate, pool: CmsCertificate[]): CmsCertificate[] {
  const chain = [signer];
  for (let current = signer; chain.length < 8 && !selfSigned(current.x509);) {
    const next = pool.find((c) => !chain.includes(c) && issued(c.x509, current.x509));
    if (!next) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

/**
 * Whether a chain reaches a trust anchor: one of its certificates is an anchor (same fingerprint),
 * or an anchor issued its last certificate (`top`, DER). Anchors are the province's certificates
 * (root CAs and intermediates): nothing is downloaded.
 */
export function reachesAnchor(fingerprints: string[], top: Buffer | null, anchors: X509Certificate[]): boolean {
  const known = new Set(anchors.map((a) => a.fingerprint256.replace(/:/gu, '').toLowerCase()));
  if (fingerprints.some((f) => known.has(f))) return true;
  if (!top) return false;
  const last = new X509Certificate(top);
  return anchors.some((anchor) => issued(anchor, last));
}
