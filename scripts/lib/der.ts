// Just enough DER (ASN.1) to build X.509 certificates and detached CMS signatures (RFC 5652), so
// generated "digitally signed" documents carry real, verifiable signatures: RSA (PKCS#1 v1.5),
// ECDSA or Ed25519 keys, SHA-1 or SHA-256 digests, signed attributes (contentType, signingTime,
// messageDigest). Test data only: the certificates are issued by a made-up test CA, with the
// throwaway keys in scripts/lib/test-keys/ or keys generated in the test.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Der = Buffer;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, ...content: Buffer[]): Der => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
export const seq = (...items: Der[]) => tlv(0x30, ...items);
export const set = (...items: Der[]) => tlv(0x31, ...items);
export const explicit = (n: number, ...items: Der[]) => tlv(0xa0 + n, ...items);
export const octets = (data: Buffer) => tlv(0x04, data);
export const bits = (data: Buffer) => tlv(0x03, Buffer.from([0]), data);
export const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
export const printable = (text: string) => tlv(0x13, Buffer.from(text, 'latin1'));
export const ia5 = (text: string) => tlv(0x16, Buffer.from(text, 'latin1'));

export function integer(value: number | Buffer): Der {
  const hex = typeof value === 'number' ? value.toString(16) : '';
  let bytes = typeof value === 'number' ? Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex') : value;
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(date: Date): Der {
  const s = date.toISOString().replace(/[-:T]/gu, '').slice(2, 14);
  return tlv(0x17, Buffer.from(`${s}Z`, 'latin1'));
}

export const OID = {
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  state: '2.5.4.8',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  basicConstraints: '2.5.29.19',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  timestampToken: '1.2.840.113549.1.9.16.2.14',
  locality: '2.5.4.7',
  country: '2.5.4.6',
  email: '1.2.840.113549.1.9.1',
  ed25519: '1.3.101.112',
  sha512: '2.16.840.1.101.3.4.2.3',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
};

export interface DistinguishedName {
  commonName: string;
  organisation?: string;
  organisationalUnit?: string;
  locality?: string;
  state?: string;
  email?: string;
}

function name(dn: DistinguishedName): Der {
  const rdn = (type: string, value: Der) => set(seq(oid(type), value));
  return seq(
    rdn(OID.country, printable('VN')),
    ...(dn.state ? [rdn(OID.state, utf8(dn.state))] : []),
    ...(dn.locality ? [rdn(OID.locality, utf8(dn.locality))] : []),
    ...(dn.organisation ? [rdn(OID.organisation, utf8(dn.organisation))] : []),
    ...(dn.organisationalUnit ? [rdn(OID.organisationalUnit, utf8(dn.organisationalUnit))] : []),
    rdn(OID.commonName, utf8(dn.commonName)),
    ...(dn.email ? [rdn(OID.email, ia5(dn.email))] : []),
  );
}

/** An Ed25519 key from 32 seed bytes (PKCS#8 with the seed as the private key). */
export function ed25519Key(seed: Buffer): KeyObject {
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, seed.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
}

export const TEST_CA: DistinguishedName = { commonName: 'CA thử nghiệm cchc (không dùng thật)', organisation: 'cchc test data' };

export interface Certificate {
  der: Der;
  /** The issuer's name, DER (for IssuerAndSerialNumber). */
  issuer: Der;
  serial: Der;
}

export type Digest = 'sha1' | 'sha256';

/** The throwaway RSA keys committed for deterministic fixtures (scripts/lib/test-keys/README.md). */
export function testKey(name: 'signer' | 'ca'): KeyObject {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-keys');
  return createPrivateKey(readFileSync(path.join(dir, `TEST-ONLY-${name}-rsa-2048.pem`), 'utf8'));
}

function generalTime(date: Date): Der {
  if (date.getUTCFullYear() < 2050) return utcTime(date);
  const s = date.toISOString().replace(/[-:T]/gu, '').slice(0, 14);
  return tlv(0x18, Buffer.from(`${s}Z`, 'latin1'));
}

/** AlgorithmIdentifier for signing with `key` over a `digest` hash. */
function signatureAlgorithm(key: KeyObject, digest: Digest): Der {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return seq(oid(digest === 'sha1' ? OID.sha1WithRsa : OID.sha256WithRsa), tlv(0x05));
    case 'ec':
      return seq(oid(digest === 'sha1' ? OID.ecdsaWithSha1 : OID.ecdsaWithSha256));
    case 'ed25519':
      return seq(oid(OID.ed25519));
    default:
      throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
  }
}

function signWith(key: KeyObject, digest: Digest, data: Buffer): Buffer {
  return sign(key.asymmetricKeyType === 'ed25519' ? null : digest, data, key);
}

export interface CertificateRequest {
  subject: DistinguishedName;
  /** The subject's key (its public half goes in the certificate). */
  key: KeyObject;
  serial: number;
  notBefore: Date;
  notAfter: Date;
  /** Issuer name and private key; default: the test CA signing with the subject's own key. */
  issuer?: { name: DistinguishedName; key: KeyObject };
  ca?: boolean;
  /** A subject key identifier extension with this key id. */
  subjectKeyId?: Buffer;
}

/** An X.509 v3 certificate (issued by `issuer`, by default the made-up test CA). */
export function issueCertificate(request: CertificateRequest): Certificate {
  const issuerName = request.issuer?.name ?? TEST_CA;
  const issuerKey = request.issuer?.key ?? request.key;
  const algorithm = signatureAlgorithm(issuerKey, 'sha256');
  const issuer = name(issuerName);
  const serialDer = integer(request.serial);
  const spki = createPublicKey(request.key).export({ format: 'der', type: 'spki' });
  const list = [
    ...(request.ca ? [seq(oid(OID.basicConstraints), tlv(0x01, Buffer.from([0xff])), octets(seq(tlv(0x01, Buffer.from([0xff])))))] : []),
    ...(request.subjectKeyId ? [seq(oid(OID.subjectKeyIdentifier), octets(octets(request.subjectKeyId)))] : []),
  ];
  const extensions = list.length > 0 ? [explicit(3, seq(...list))] : [];
  const tbs = seq(explicit(0, integer(2)), serialDer, algorithm, issuer, seq(generalTime(request.notBefore), generalTime(request.notAfter)), name(request.subject), spki, ...extensions);
  return { der: seq(tbs, algorithm, bits(signWith(issuerKey, 'sha256', tbs))), issuer, serial: serialDer };
}

/** An X.509 v3 certificate for `subject`, valid three years from `notBefore` (the test CA is not real). */
export function certificate(subject: DistinguishedName, key: KeyObject, serial: number, notBefore: Date): Certificate {
  return issueCertificate({ subject, key, serial, notBefore, notAfter: new Date(notBefore.getTime() + 3 * 365 * 86_400_000) });
}

export interface CmsOptions {
  key: KeyObject;
  cert: Certificate;
  /** Further certificates carried in the CMS (intermediates, root). */
  chain?: Der[];
  digest?: Digest;
  /** Sign attributes (contentType, signingTime, messageDigest): what signing software does. Default true. */
  signedAttributes?: boolean;
  signingTime?: Date;
  /** An RFC 3161 timestamp token over the signature value, added as an unsigned attribute. */
  timestamp?: (signatureValue: Buffer) => Der;
  /**
   * What the VGCA signing tools (and most PAdES signers) also do: sign an ESS signing-certificate-v2
   * attribute (RFC 5035: the SHA-256 of the signer certificate; `wrongHash` puts another one), name
   * the signature algorithm plain rsaEncryption, and encode the outer ContentInfo with BER
   * indefinite lengths.
   */
  vgca?: { signingCertificateV2?: boolean | 'wrongHash'; rsaEncryptionOid?: boolean; indefiniteLength?: boolean; sidKeyId?: Buffer };
}

/** A detached CMS SignedData over `content`, as `/SubFilter /adbe.pkcs7.detached` expects. */
export function detachedSignature(content: Buffer, key: KeyObject, cert: Certificate, options: Omit<CmsOptions, 'key' | 'cert'> = {}): Der {
  const digest = options.digest ?? 'sha256';
  const digestAlgorithm = seq(oid(digest === 'sha1' ? OID.sha1 : OID.sha256), tlv(0x05));
  const withAttributes = (options.signedAttributes ?? true) && key.asymmetricKeyType !== 'ed25519';
  let signerInfo: Der;
  if (withAttributes) {
    const essHash = createHash('sha256').update(options.vgca?.signingCertificateV2 === 'wrongHash' ? Buffer.from('another certificate') : cert.der).digest();
    const attributes = [
      seq(oid(OID.contentType), set(oid(OID.data))),
      ...(options.signingTime ? [seq(oid(OID.signingTime), set(utcTime(options.signingTime)))] : []),
      seq(oid(OID.messageDigest), set(octets(createHash(digest).update(content).digest()))),
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
      ...(options.vgca?.signingCertificateV2 ? [seq(oid(OID.signingCertificateV2), set(seq(seq(seq(octets(essHash))))))] : []),
    ];
    const signedSet = set(...attributes);
    const implicit = Buffer.from(signedSet);
    implicit[0] = 0xa0;
    const value = signWith(key, digest, signedSet);
    const unsigned = options.timestamp ? [tlv(0xa1, seq(oid(OID.timestampToken), set(options.timestamp(value))))] : [];
    const algorithm = options.vgca?.rsaEncryptionOid && key.asymmetricKeyType === 'rsa' ? seq(oid(OID.rsaEncryption), tlv(0x05)) : signatureAlgorithm(key, digest);
    // sid: IssuerAndSerialNumber (version 1), or [0] SubjectKeyIdentifier (version 3, RFC 5652 §5.3).
    const sid = options.vgca?.sidKeyId ? tlv(0x80, options.vgca.sidKeyId) : seq(cert.issuer, cert.serial);
    signerInfo = seq(integer(options.vgca?.sidKeyId ? 3 : 1), sid, digestAlgorithm, implicit, algorithm, octets(value), ...unsigned);
  } else {
    const algorithm = key.asymmetricKeyType === 'ed25519' ? seq(oid(OID.sha512)) : digestAlgorithm;
    signerInfo = seq(integer(1), seq(cert.issuer, cert.serial), algorithm, signatureAlgorithm(key, digest), octets(signWith(key, digest, content)));
  }
  const signedData = seq(
    integer(1),
    set(key.asymmetricKeyType === 'ed25519' && !withAttributes ? seq(oid(OID.sha512)) : digestAlgorithm),
    seq(oid(OID.data)),
    explicit(0, cert.der, ...(options.chain ?? [])),
    set(signerInfo),
  );
  if (options.vgca?.indefiniteLength) {
    // ContentInfo and its [0] with indefinite lengths, each closed by end-of-contents octets.
    return Buffer.concat([Buffer.from([0x30, 0x80]), oid(OID.signedData), Buffer.from([0xa0, 0x80]), signedData, Buffer.alloc(4)]);
  }
  return seq(oid(OID.signedData), explicit(0, signedData));
}

/**
 * An RFC 3161 timestamp token (CMS SignedData over a TSTInfo) stamping `data` at `genTime`, signed
 * by `tsa` with SHA-256: what a timestamp authority returns.
 */
export function timestampToken(data: Buffer, tsa: { key: KeyObject; cert: Certificate }, genTime: Date): Der {
  const sha256 = seq(oid(OID.sha256), tlv(0x05));
  const time = tlv(0x18, Buffer.from(`${genTime.toISOString().replace(/[-:T]/gu, '').slice(0, 14)}Z`, 'latin1'));
  const tstInfo = seq(integer(1), oid('1.2.3.4.1'), seq(sha256, octets(createHash('sha256').update(data).digest())), integer(42), time);
  const attributes = set(
    seq(oid(OID.contentType), set(oid(OID.tstInfo))),
    seq(oid(OID.messageDigest), set(octets(createHash('sha256').update(tstInfo).digest()))),
  );
  const implicit = Buffer.from(attributes);
  implicit[0] = 0xa0;
  const signerInfo = seq(integer(1), seq(tsa.cert.issuer, tsa.cert.serial), sha256, implicit, signatureAlgorithm(tsa.key, 'sha256'), octets(signWith(tsa.key, 'sha256', attributes)));
  const signedData = seq(integer(3), set(sha256), seq(oid(OID.tstInfo), explicit(0, octets(tstInfo))), explicit(0, tsa.cert.der), set(signerInfo));
  return seq(oid(OID.signedData), explicit(0, signedData));
}
