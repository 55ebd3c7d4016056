// Just enough DER (ASN.1) to build an X.509 certificate and a detached CMS signature, so generated
// "digitally signed" documents carry a real signature dictionary. Ed25519 keys derived from a seed
// keep the output deterministic. Test data only: the certificates are issued by a made-up test CA.
import { createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';

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
  locality: '2.5.4.7',
  country: '2.5.4.6',
  email: '1.2.840.113549.1.9.1',
  ed25519: '1.3.101.112',
  sha512: '2.16.840.1.101.3.4.2.3',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
};

export interface DistinguishedName {
  commonName: string;
  organisation?: string;
  locality?: string;
  email?: string;
}

function name(dn: DistinguishedName): Der {
  const rdn = (type: string, value: Der) => set(seq(oid(type), value));
  return seq(
    rdn(OID.country, printable('VN')),
    ...(dn.locality ? [rdn(OID.locality, utf8(dn.locality))] : []),
    ...(dn.organisation ? [rdn(OID.organisation, utf8(dn.organisation))] : []),
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
  issuer: Der;
  serial: Der;
}

/** An X.509 v3 certificate for `subject`, signed with the same key (the test CA is not real). */
export function certificate(subject: DistinguishedName, key: KeyObject, serial: number, notBefore: Date): Certificate {
  const algorithm = seq(oid(OID.ed25519));
  const issuer = name(TEST_CA);
  const serialDer = integer(serial);
  const notAfter = new Date(notBefore.getTime() + 3 * 365 * 86_400_000);
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  const tbs = seq(explicit(0, integer(2)), serialDer, algorithm, issuer, seq(utcTime(notBefore), utcTime(notAfter)), name(subject), spki);
  const signature = sign(null, tbs, key);
  return { der: seq(tbs, algorithm, bits(signature)), issuer, serial: serialDer };
}

/** A detached CMS SignedData (PKCS#7) over `content`, as `/SubFilter /adbe.pkcs7.detached` expects. */
export function detachedSignature(content: Buffer, key: KeyObject, cert: Certificate): Der {
  const signerInfo = seq(
    integer(1),
    seq(cert.issuer, cert.serial),
    seq(oid(OID.sha512)),
    seq(oid(OID.ed25519)),
    octets(sign(null, content, key)),
  );
  const signedData = seq(
    integer(1),
    set(seq(oid(OID.sha512))),
    seq(oid(OID.data)),
    explicit(0, cert.der),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
