// Trust in a signer's certificate chain, checked only against certificates the province provides
// (`trust: ./chung-thu/` in batch.yaml: the Government CA of Ban Cơ yếu Chính phủ, the national
// root for public CAs, their intermediates, as PEM or DER files). Nothing is downloaded: without
// them the chain is "not checked", never guessed. Revocation (CRL/OCSP) needs the network and is
// not checked.
import { X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SignatureCheck } from '../../model.js';
import { reachesAnchor } from './certificate.js';

export interface TrustAnchors {
  certificates: X509Certificate[];
  /** Vietnamese, per file that could not be read as a certificate. */
  problems: string[];
}

const PEM = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/gu;

/** Every certificate in the PEM/DER/CRT/CER files of `dir` (not recursive). Throws when `dir` cannot be listed. */
export async function loadTrustAnchors(dir: string): Promise<TrustAnchors> {
  const anchors: TrustAnchors = { certificates: [], problems: [] };
  const names = (await readdir(dir)).filter((n) => /\.(pem|der|crt|cer)$/iu.test(n)).sort();
  for (const name of names) {
    const bytes = await readFile(path.join(dir, name));
    const text = bytes.toString('latin1');
    const blocks = text.match(PEM);
    try {
      if (blocks) anchors.certificates.push(...blocks.map((b) => new X509Certificate(b)));
      else anchors.certificates.push(new X509Certificate(bytes));
    } catch {
      anchors.problems.push(`tệp "${name}" trong thư mục chứng thư tin cậy không phải là chứng thư số (PEM/DER)`);
    }
  }
  return anchors;
}

/**
 * The signatures with their chain status set against `anchors`: `trusted` when a certificate of
 * the chain the CMS carries is an anchor or an anchor issued its last one; `untrusted` otherwise;
 * `not-checked` when no anchors are given. Pure: returns new objects.
 */
export function applyTrust(signatures: SignatureCheck[], anchors: X509Certificate[]): SignatureCheck[] {
  return signatures.map((s) => {
    if (anchors.length === 0 || s.chain.certificates.length === 0) return { ...s, chain: { ...s.chain, status: 'not-checked' } };
    const top = s.chainTop ? Buffer.from(s.chainTop, 'base64') : null;
    const trusted = reachesAnchor(s.chain.certificates.map((c) => c.fingerprint), top, anchors);
    return {
      ...s,
      chain: {
        ...s.chain,
        status: trusted ? 'trusted' : 'untrusted',
        problems: trusted ? [] : ['chuỗi chứng thư không dẫn tới chứng thư gốc nào mà tỉnh cung cấp'],
      },
    };
  });
}
