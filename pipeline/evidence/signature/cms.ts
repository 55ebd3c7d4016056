// One CMS (PKCS#7) SignedData, as PDF signatures carry it in /Contents (RFC 5652; ISO 32000-1
// §12.8.3.3): parsed with PKI.js/asn1js, checked with Node's crypto. Checks that the signed
// messageDigest attribute equals the digest of the signed content, and that the signature over the
// signed attributes (or over the content, when there are none) verifies with the signer
// certificate's public key: RSA (PKCS#1 v1.5 and PSS), ECDSA, Ed25519.
import { constants, createHash, createVerify, type KeyObject, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** The signed content, hashed only with the algorithm the signer used. */
export interface SignedContent {
  /** Digest with a Node hash name (`sha256`). */
  digest(hash: string): Buffer;
  /** The content itself, in pieces (for signatures without signed attributes). */
  pieces(): Buffer[];
}

export interface CmsCertificate {
  der: Buffer;
  x509: X509Certificate;
  parsed: pkijs.Certificate;
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

/**
 * Parse `der` (a ContentInfo holding SignedData) and check its first signer against `content`.
 * Never throws: what cannot be parsed or checked is in `problems`.
 */
export function checkCms(der: Buffer, content: SignedContent | ((encapsulated: Buffer | null) => SignedContent)): CmsCheck {
  const result: CmsCheck = {
    digestAlgorithm: null, signatureAlgorithm: null, digestMatches: null, signatureValid: null, signingCertificateMatches: null,
    signer: null, certificates: [], signingTime: null, content: null, signatureValue: null, timestampToken: null, problems: [],
  };
  let signedData: pkijs.SignedData;
  let certificateNodes: asn1js.AsnType[] = [];
  try {
    const asn = asn1js.fromBER(new Uint8Array(der.buffer, der.byteOffset, der.byteLength));
    if (asn.offset === -1) throw new Error(asn.result.error);
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) throw new Error(`contentType ${info.contentType}`);
    signedData = new pkijs.SignedData({ schema: info.content });
    const wrapper = (info.content as asn1js.Sequence).valueBlock.value.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0);
    certificateNodes = wrapper && 'value' in wrapper.valueBlock ? (wrapper.valueBlock.value as asn1js.AsnType[]) : [];
  } catch (error) {
    result.problems.push(`không đọc được khối chữ ký CMS (${(error as Error).message})`);
    return result;
  }
  // SignedData has parsed its certificates already (in the order of their DER nodes): not parsed twice.
  const parsedCertificates = signedData.certificates ?? [];
  result.certificates = certificateNodes.flatMap((node, k) => {
    try {
      const bytes = Buffer.from((node as asn1js.BaseBlock).valueBeforeDecodeView);
      const parsed = parsedCertificates[k];
      return [{ der: bytes, x509: new X509Certificate(bytes), parsed: parsed instanceof pkijs.Certificate ? parsed : pkijs.Certificate.fromBER(bytes) }];
    } catch {
      return [];
    }
  });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) {
    result.problems.push('khối chữ ký CMS không có thông tin người ký (SignerInfo)');
    return result;
  }
  const encapsulated = signedData.encapContentInfo.eContent ? Buffer.from(signedData.encapContentInfo.eContent.getValue()) : null;
  result.content = encapsulated;
  const source = typeof content === 'function' ? content(encapsulated) : content;
  result.signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const hash = hashOf(signerInfo.digestAlgorithm.algorithmId);
  const algorithm = SIGNATURES[signerInfo.signatureAlgorithm.algorithmId];
  result.digestAlgorithm = hash?.label ?? signerInfo.digestAlgorithm.algorithmId;
  result.signatureAlgorithm = algorithm?.kind ?? signerInfo.signatureAlgorithm.algorithmId;
  result.signer = findSigner(signerInfo.sid, result.certificates);
  const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === OID.timestampToken)?.values[0];
  if (token) result.timestampToken = Buffer.from(token.toBER(false));
  const time = signerInfo.signedAttrs?.attributes.find((a) => a.type === OID.signingTime)?.values[0];
  if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime) result.signingTime = time.toDate();

  if (!hash) result.problems.push(`thuật toán băm ${signerInfo.digestAlgorithm.algorithmId} không được hỗ trợ`);
  if (!algorithm) result.problems.push(`thuật toán ký ${signerInfo.signatureAlgorithm.algorithmId} không được hỗ trợ`);
  if (!result.signer) result.problems.push('khối chữ ký không chứa chứng thư của người ký');
  if (!hash || !algorithm) return result;

  let signedBytes: Buffer[];
  if (signerInfo.signedAttrs) {
    const digest = signerInfo.signedAttrs.attributes.find((a) => a.type === OID.messageDigest)?.values[0];
    if (!(digest instanceof asn1js.OctetString)) {
      result.problems.push('thiếu thuộc tính messageDigest trong phần được ký');
      result.digestMatches = false;
    } else {
      result.digestMatches = Buffer.from(digest.valueBlock.valueHexView).equals(source.digest(hash.node));
      if (!result.digestMatches) result.problems.push('giá trị băm của nội dung được ký không khớp với giá trị đã ký (nội dung đã bị thay đổi sau khi ký)');
    }
    if (result.signer) {
      result.signingCertificateMatches = essCertificateMatches(signerInfo.signedAttrs.attributes, result.signer.der);
      if (result.signingCertificateMatches === false) result.problems.push('thuộc tính signing-certificate trong phần được ký không khớp với chứng thư của người ký');
    }
    // The signature is over the DER of the attributes with their SET OF tag (RFC 5652 §5.4).
    const attributes = Buffer.from(signerInfo.signedAttrs.encodedValue);
    attributes[0] = 0x31;
    signedBytes = [attributes];
  } else {
    signedBytes = source.pieces();
  }
  if (!result.signer) return result;
  try {
    result.signatureValid = verifySignature(algorithm, signerInfo.signatureAlgorithm, hash.node, signedBytes, result.signer.x509.publicKey, result.signatureValue);
  } catch (error) {
    result.problems.push(`không kiểm tra được chữ ký (${(error as Error).message})`);
    return result;
  }
  if (!result.signatureValid) result.problems.push('chữ ký không khớp với khóa công khai trong chứng thư của người ký');
  if (!signerInfo.signedAttrs) result.digestMatches = result.signatureValid;
  return result;
}

function verifySignature(algorithm: { kind: string; hash?: string }, identifier: pkijs.AlgorithmIdentifier, digestHash: string, data: Buffer[], key: KeyObject, signature: Buffer): boolean {
  if (algorithm.kind === 'Ed25519') return verify(null, Buffer.concat(data), key, signature);
  let hash = algorithm.hash ?? digestHash;
  let options: { padding?: number; saltLength?: number } = {};
  if (algorithm.kind === 'RSA-PSS') {
    const params = identifier.algorithmParams ? new pkijs.RSASSAPSSParams({ schema: identifier.algorithmParams }) : null;
    hash = (params && hashOf(params.hashAlgorithm.algorithmId)?.node) ?? 'sha1';
    options = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params?.saltLength ?? 20 };
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
function essCertificateMatches(attributes: pkijs.Attribute[], signerDer: Buffer): boolean | null {
  for (const [type, defaultHash] of [[OID.signingCertificateV2, 'sha256'], [OID.signingCertificate, 'sha1']] as const) {
    const value = attributes.find((a) => a.type === type)?.values[0];
    if (!(value instanceof asn1js.Sequence)) continue;
    const certs = value.valueBlock.value[0];
    const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
    if (!(first instanceof asn1js.Sequence)) return null;
    const [head, next] = first.valueBlock.value;
    let hash: string = defaultHash;
    let certHash = head;
    if (type === OID.signingCertificateV2 && head instanceof asn1js.Sequence) {
      const algorithm = head.valueBlock.value[0];
      const named = algorithm instanceof asn1js.ObjectIdentifier ? hashOf(algorithm.getValue()) : null;
      if (!named) return null;
      hash = named.node;
      certHash = next;
    }
    if (!(certHash instanceof asn1js.OctetString)) return null;
    return Buffer.from(certHash.valueBlock.valueHexView).equals(createHash(hash).update(signerDer).digest());
  }
  return null;
}

function findSigner(sid: unknown, certificates: CmsCertificate[]): CmsCertificate | null {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.parsed.issuer.isEqual(sid.issuer) && c.parsed.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier: PKI.js keeps it as a constructed/primitive block holding the key id.
  const id = sid as asn1js.Primitive | undefined;
  const keyId = id?.valueBlock && 'valueHexView' in id.valueBlock ? Buffer.from(id.valueBlock.valueHexView) : null;
  if (!keyId) return null;
  return certificates.find((c) => {
    const ext = c.parsed.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
    const value = ext?.parsedValue as asn1js.OctetString | undefined;
    return value ? Buffer.from(value.valueBlock.valueHexView).equals(keyId) : false;
  }) ?? null;
}
