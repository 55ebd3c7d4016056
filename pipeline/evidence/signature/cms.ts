// One CMS (PKCS#7) SignedData, as PDF signatures carry it in /Contents (RFC 5652; ISO 32000-1
// §12.8.3.3): parsed with asn1js (BER/DER) and read by walking its nodes (PKI.js's schema matching
// of a whole SignedData costs some 2–3 ms per signature; PKI.js still reads RSASSA-PSS parameters
// and timestamp TSTInfo), checked with Node's crypto. Checks that the signed
// messageDigest attribute equals the digest of the signed content, and that the signature over the
// signed attributes (or over the content, when there are none) verifies with the signer
// certificate's public key: RSA (PKCS#1 v1.5 and PSS), ECDSA, Ed25519.
import { constants, createHash, createVerify, type KeyObject, verify, X509Certificate } from 'node:crypto';
import type * as Asn1js from 'asn1js';
import { asn1js, pkijs } from './pki-libs.js';

/** The signed content, hashed only with the algorithm the signer used. */
export interface SignedContent {
  /** Digest with a Node hash name (`sha256`). */
  digest(hash: string): Buffer;
  /** The content itself, in pieces (for signatures without signed attributes). */
  pieces(): Buffer[];
}

/** A certificate's fields, read from its DER (RFC 5280 §4.1): what reports and chain building need. */
export interface CertificateFields {
  /** Attribute type OID → values, in order, for the subject and the issuer. */
  subject: Array<{ type: string; value: string }>;
  issuer: Array<{ type: string; value: string }>;
  /** The issuer Name's DER (to match a SignerInfo's IssuerAndSerialNumber). */
  issuerDer: Buffer;
  /** The serial number's content octets. */
  serial: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** The subject key identifier extension's key id, when present. */
  subjectKeyId: Buffer | null;
}

export interface CmsCertificate {
  der: Buffer;
  x509: X509Certificate;
  parsed: CertificateFields;
}

export interface CmsCheck {
  /** `SHA-256`, `SHA-1`… as the signer info names it; null when unknown. */
  digestAlgorithm: string | null;
  /** `RSA`, `RSA-PSS`, `ECDSA`, `Ed25519`; null when unknown. */
  signatureAlgorithm: string | null;
  /** The messageDigest attribute equals the digest of the content; null when not checked. */
  digestMatches: boolean | null;
  /** The signature verifies with the signer certificate's key; null when it could not be checked. */
  signatureValid: boolean | null;
  /**
   * The signed ESS signing-certificate(-v2) attribute names the signer certificate (RFC 2634 §5.4,
   * RFC 5035: its hash); null when there is no such attribute (it is optional outside PAdES).
   */
  signingCertificateMatches: boolean | null;
  signer: CmsCertificate | null;
  certificates: CmsCertificate[];
  /** The signingTime signed attribute. */
  signingTime: Date | null;
  /** The encapsulated content (a TSTInfo in a timestamp token, a digest for adbe.pkcs7.sha1). */
  content: Buffer | null;
  /** The signer info's signature value (what a signature timestamp stamps). */
  signatureValue: Buffer | null;
  /** A signature timestamp token (id-aa-signatureTimeStampToken unsigned attribute), DER. */
  timestampToken: Buffer | null;
  /** Vietnamese, what went wrong. */
  problems: string[];
}

const HASHES: Record<string, { node: string; label: string }> = {
  '1.3.14.3.2.26': { node: 'sha1', label: 'SHA-1' },
  '2.16.840.1.101.3.4.2.4': { node: 'sha224', label: 'SHA-224' },
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', label: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', label: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', label: 'SHA-512' },
};

/** Signature algorithms: key kind and, when the OID names it, the hash. */
const SIGNATURES: Record<string, { kind: 'RSA' | 'RSA-PSS' | 'ECDSA' | 'Ed25519'; hash?: string }> = {
  '1.2.840.113549.1.1.1': { kind: 'RSA' },
  '1.2.840.113549.1.1.5': { kind: 'RSA', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'RSA', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'RSA', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'RSA', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'RSA', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { kind: 'RSA-PSS' },
  '1.2.840.10045.2.1': { kind: 'ECDSA' },
  '1.2.840.10045.4.1': { kind: 'ECDSA', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { kind: 'ECDSA', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { kind: 'ECDSA', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ECDSA', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ECDSA', hash: 'sha512' },
  '1.3.101.112': { kind: 'Ed25519' },
};

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  timestampToken: '1.2.840.113549.1.9.16.2.14',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  subjectKeyIdentifier: '2.5.29.14',
};

/** Node's hash name for a digest algorithm OID; null when unsupported. */
export function hashOf(oid: string): { node: string; label: string } | null {
  return HASHES[oid] ?? null;
}

type Node = Asn1js.AsnType;

const isContext = (node: Node | undefined, tag: number): boolean => node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;
const children = (node: Node | undefined): Node[] => (node && Array.isArray((node.valueBlock as { value?: unknown }).value) ? (node.valueBlock as unknown as { value: Node[] }).value : []);
const bytesOf = (node: Node): Buffer => Buffer.from(node.valueBeforeDecodeView);
const contentOf = (node: Node | undefined): Buffer => Buffer.from((node?.valueBlock as { valueHexView?: Uint8Array } | undefined)?.valueHexView ?? new Uint8Array());
const oidOf = (node: Node | undefined): string | null => (node instanceof asn1js.ObjectIdentifier ? node.getValue() : null);

interface Attribute {
  type: string;
  values: Node[];
}

function attributes(node: Node | undefined): Attribute[] {
  return children(node).flatMap((attribute) => {
    const [type, values] = children(attribute);
    const oid = oidOf(type);
    return oid ? [{ type: oid, values: children(values) }] : [];
  });
}

/** An AlgorithmIdentifier: its OID and parameters node. */
function algorithmOf(node: Node | undefined): { oid: string; params: Node | undefined } {
  const [oid, params] = children(node);
  return { oid: oidOf(oid) ?? '?', params };
}

function nameOf(node: Node | undefined): Array<{ type: string; value: string }> {
  return children(node).flatMap((rdn) => children(rdn).flatMap((pair) => {
    const [type, value] = children(pair);
    const oid = oidOf(type);
    const text = (value?.valueBlock as { value?: unknown } | undefined)?.value;
    return oid && typeof text === 'string' ? [{ type: oid, value: text }] : [];
  }));
}

function timeOf(node: Node | undefined): Date {
  if (node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime) return node.toDate();
  throw new Error('bad certificate validity');
}

/** The fields of a certificate node (Certificate ::= SEQUENCE { tbsCertificate, … }). */
export function certificateFields(node: Node): CertificateFields {
  let tbs = children(children(node)[0]);
  if (isContext(tbs[0], 0)) tbs = tbs.slice(1);
  const [serial, , issuer, validity, subject] = tbs;
  if (!serial || !issuer || !validity || !subject) throw new Error('bad certificate');
  const [notBefore, notAfter] = children(validity);
  let subjectKeyId: Buffer | null = null;
  const extensions = tbs.find((n) => isContext(n, 3));
  for (const extension of children(children(extensions)[0])) {
    const parts = children(extension);
    if (oidOf(parts[0]) !== OID.subjectKeyIdentifier) continue;
    const value = parts.at(-1);
    const inner = value ? asn1js.fromBER(contentOf(value)) : null;
    if (inner && inner.offset !== -1 && inner.result instanceof asn1js.OctetString) subjectKeyId = contentOf(inner.result);
  }
  return { subject: nameOf(subject), issuer: nameOf(issuer), issuerDer: bytesOf(issuer), serial: contentOf(serial), notBefore: timeOf(notBefore), notAfter: timeOf(notAfter), subjectKeyId };
}

/**
 * Parse `der` (a ContentInfo holding SignedData) and check its first signer against `content`.
 * Never throws: what cannot be parsed or checked is in `problems`.
 */
export function checkCms(der: Buffer, content: SignedContent | ((encapsulated: Buffer | null) => SignedContent)): CmsCheck {
  const result: CmsCheck = {
    digestAlgorithm: null, signatureAlgorithm: null, digestMatches: null, signatureValid: null, signingCertificateMatches: null,
    signer: null, certificates: [], signingTime: null, content: null, signatureValue: null, timestampToken: null, problems: [],
  };
  let signedData: Node[];
  try {
    const asn = asn1js.fromBER(new Uint8Array(der.buffer, der.byteOffset, der.byteLength));
    if (asn.offset === -1) throw new Error(asn.result.error);
    const [type, wrapped] = children(asn.result);
    const contentType = oidOf(type);
    if (contentType !== OID.signedData) throw new Error(`contentType ${contentType ?? '?'}`);
    signedData = children(children(wrapped)[0]);
    if (signedData.length < 4) throw new Error('SignedData thiếu thành phần');
  } catch (error) {
    result.problems.push(`không đọc được khối chữ ký CMS (${(error as Error).message})`);
    return result;
  }
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos }
  const encapContentInfo = signedData[2];
  const certificateSet = signedData.find((n) => isContext(n, 0));
  result.certificates = children(certificateSet).flatMap((node) => {
    try {
      const bytes = bytesOf(node);
      return [{ der: bytes, x509: new X509Certificate(bytes), parsed: certificateFields(node) }];
    } catch {
      return [];
    }
  });
  const signerInfo = children(signedData.at(-1))[0];
  if (!signerInfo || !(signerInfo instanceof asn1js.Sequence)) {
    result.problems.push('khối chữ ký CMS không có thông tin người ký (SignerInfo)');
    return result;
  }
  const eContent = children(children(encapContentInfo).find((n) => isContext(n, 0)))[0];
  const encapsulated = eContent instanceof asn1js.OctetString ? Buffer.from(eContent.getValue()) : null;
  result.content = encapsulated;
  const source = typeof content === 'function' ? content(encapsulated) : content;
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs }
  const fields = children(signerInfo);
  const sid = fields[1];
  const signedAttrsNode = fields.find((n, k) => k >= 3 && isContext(n, 0));
  const unsignedAttrs = attributes(fields.find((n, k) => k >= 4 && isContext(n, 1)));
  const afterAttrs = fields.slice(signedAttrsNode ? fields.indexOf(signedAttrsNode) + 1 : 3);
  const digestAlgorithm = algorithmOf(fields[2]);
  const signatureAlgorithm = algorithmOf(afterAttrs[0]);
  const signatureNode = afterAttrs[1];
  const signedAttrs = signedAttrsNode ? attributes(signedAttrsNode) : null;
  result.signatureValue = contentOf(signatureNode);
  const hash = hashOf(digestAlgorithm.oid);
  const algorithm = SIGNATURES[signatureAlgorithm.oid];
  result.digestAlgorithm = hash?.label ?? digestAlgorithm.oid;
  result.signatureAlgorithm = algorithm?.kind ?? signatureAlgorithm.oid;
  result.signer = findSigner(sid, result.certificates);
  const token = unsignedAttrs.find((a) => a.type === OID.timestampToken)?.values[0];
  if (token) result.timestampToken = bytesOf(token);
  const time = signedAttrs?.find((a) => a.type === OID.signingTime)?.values[0];
  if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime) result.signingTime = time.toDate();

  if (!hash) result.problems.push(`thuật toán băm ${digestAlgorithm.oid} không được hỗ trợ`);
  if (!algorithm) result.problems.push(`thuật toán ký ${signatureAlgorithm.oid} không được hỗ trợ`);
  if (!result.signer) result.problems.push('khối chữ ký không chứa chứng thư của người ký');
  if (!hash || !algorithm) return result;

  let signedBytes: Buffer[];
  if (signedAttrs && signedAttrsNode) {
    const digest = signedAttrs.find((a) => a.type === OID.messageDigest)?.values[0];
    if (!(digest instanceof asn1js.OctetString)) {
      result.problems.push('thiếu thuộc tính messageDigest trong phần được ký');
      result.digestMatches = false;
    } else {
      result.digestMatches = contentOf(digest).equals(source.digest(hash.node));
      if (!result.digestMatches) result.problems.push('giá trị băm của nội dung được ký không khớp với giá trị đã ký (nội dung đã bị thay đổi sau khi ký)');
    }
    if (result.signer) {
      result.signingCertificateMatches = essCertificateMatches(signedAttrs, result.signer.der);
      if (result.signingCertificateMatches === false) result.problems.push('thuộc tính signing-certificate trong phần được ký không khớp với chứng thư của người ký');
    }
    // The signature is over the DER of the attributes with their SET OF tag (RFC 5652 §5.4).
    const encoded = bytesOf(signedAttrsNode);
    encoded[0] = 0x31;
    signedBytes = [encoded];
  } else {
    signedBytes = source.pieces();
  }
  if (!result.signer) return result;
  try {
    result.signatureValid = verifySignature(algorithm, signatureAlgorithm.params, hash.node, signedBytes, result.signer.x509.publicKey, result.signatureValue);
  } catch (error) {
    result.problems.push(`không kiểm tra được chữ ký (${(error as Error).message})`);
    return result;
  }
  if (!result.signatureValid) result.problems.push('chữ ký không khớp với khóa công khai trong chứng thư của người ký');
  if (!signedAttrs) result.digestMatches = result.signatureValid;
  return result;
}

function verifySignature(algorithm: { kind: string; hash?: string }, params: Node | undefined, digestHash: string, data: Buffer[], key: KeyObject, signature: Buffer): boolean {
  if (algorithm.kind === 'Ed25519') return verify(null, Buffer.concat(data), key, signature);
  let hash = algorithm.hash ?? digestHash;
  let options: { padding?: number; saltLength?: number } = {};
  if (algorithm.kind === 'RSA-PSS') {
    const pss = params instanceof asn1js.Sequence ? new (pkijs().RSASSAPSSParams)({ schema: params }) : null;
    hash = (pss && hashOf(pss.hashAlgorithm.algorithmId)?.node) ?? 'sha1';
    options = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss?.saltLength ?? 20 };
  }
  const verifier = createVerify(hash);
  for (const piece of data) verifier.update(piece);
  return verifier.verify({ key, ...options }, signature);
}

/**
 * The first ESSCertID(v2) of a signing-certificate(-v2) signed attribute against the signer
 * certificate's DER: v2 hashes with its hashAlgorithm (default SHA-256), v1 with SHA-1. Null when
 * neither attribute is there or it cannot be read.
 */
function essCertificateMatches(signedAttrs: Attribute[], signerDer: Buffer): boolean | null {
  for (const [type, defaultHash] of [[OID.signingCertificateV2, 'sha256'], [OID.signingCertificate, 'sha1']] as const) {
    const value = signedAttrs.find((a) => a.type === type)?.values[0];
    if (!value) continue;
    const first = children(children(value)[0])[0];
    const [head, next] = children(first);
    let hash: string = defaultHash;
    let certHash = head;
    if (type === OID.signingCertificateV2 && head instanceof asn1js.Sequence) {
      const named = hashOf(algorithmOf(head).oid);
      if (!named) return null;
      hash = named.node;
      certHash = next;
    }
    if (!(certHash instanceof asn1js.OctetString)) return null;
    return contentOf(certHash).equals(createHash(hash).update(signerDer).digest());
  }
  return null;
}

/** The certificate a SignerInfo's sid names: IssuerAndSerialNumber, or [0] SubjectKeyIdentifier. */
function findSigner(sid: Node | undefined, certificates: CmsCertificate[]): CmsCertificate | null {
  if (sid instanceof asn1js.Sequence) {
    const [issuer, serial] = children(sid);
    if (!issuer || !serial) return null;
    const issuerDer = bytesOf(issuer);
    const serialBytes = contentOf(serial);
    return certificates.find((c) => c.parsed.issuerDer.equals(issuerDer) && c.parsed.serial.equals(serialBytes)) ?? null;
  }
  if (!isContext(sid, 0)) return null;
  const keyId = contentOf(sid);
  if (keyId.length === 0) return null;
  return certificates.find((c) => c.parsed.subjectKeyId?.equals(keyId) ?? false) ?? null;
}
