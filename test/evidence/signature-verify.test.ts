// Every fixture is signed for real in the test: throwaway keys generated here (ECDSA P-256,
// Ed25519) or the committed TEST-ONLY RSA keys, under certificates of a made-up test CA.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PDFArray, PDFName, PDFString, rgb, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignatures } from '../../pipeline/evidence/signature/verify.js';
import { signerRole } from '../../pipeline/evidence/signature/signer-role.js';
import { applyTrust } from '../../pipeline/evidence/signature/trust.js';
import type { SignatureCheck } from '../../pipeline/model.js';
import { type Digest, issueCertificate, testKey } from '../../scripts/lib/der.js';
import { appendUpdate, signRevision, type TestSigner } from '../../scripts/lib/pdf-signing.js';
import { renderSignedDocument, testCaCertificate, testSignerCertificate } from '../../scripts/lib/signed-pdf.js';
import { letterSpec, SIGNER } from './fixtures.js';
import { X509Certificate } from 'node:crypto';

const RECORDS_OFFICE = { agency: 'Văn phòng UBND tỉnh Lào Cai', parent: 'Tỉnh Lào Cai', email: 'vp@laocai.gov.vn' };
const VALID = { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2024, 0, 1)) };

function signer(key: KeyObject | undefined, digest: Digest, who = RECORDS_OFFICE, validity = VALID): TestSigner {
  return { ...testSignerCertificate(who, 77, { ...(key ? { key } : {}), ...validity }), digest };
}

/** Sở GD&ĐT's letter 2940/SGDĐT-GDTH of 07/07/2021, signed once (RSA, SHA-256) on 07/07/2021. */
let signedOnce: Buffer;
beforeAll(async () => {
  signedOnce = await renderSignedDocument(letterSpec(), { seed: 7, signer: SIGNER, time: { hour: 14, minute: 46, second: 13 } });
});

describe('a valid single signature', () => {
  it('verifies: digest, signature, byte range, signer, signing time in validity', async () => {
    const { status, signatures } = await verifySignatures(signedOnce);
    expect(status).toBe('valid');
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({
      verdict: 'valid', problems: [], digestAlgorithm: 'SHA-256', signatureAlgorithm: 'RSA',
      digestMatches: true, signatureValid: true, coversRevision: true, bytesAfter: 0, changes: [],
      signer: { commonName: 'Sở Giáo dục và Đào tạo', organisation: 'Tỉnh Lào Cai', issuer: { commonName: 'CA thử nghiệm cchc (không dùng thật)' } },
      signingTime: { attribute: '2021-07-07T07:46:13.000Z', dictionary: '2021-07-07T07:46:13Z' },
      signingTimeInValidity: true, revocation: 'not-checked', chain: { status: 'not-checked' },
    });
  });
});

describe('RSA and ECDSA keys, SHA-1 and SHA-256 digests', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const ed = generateKeyPairSync('ed25519').privateKey;
  it.each([
    { name: 'RSA, SHA-256', key: undefined, digest: 'sha256' as const, algorithm: 'RSA', label: 'SHA-256' },
    { name: 'RSA, SHA-1', key: undefined, digest: 'sha1' as const, algorithm: 'RSA', label: 'SHA-1' },
    { name: 'ECDSA P-256, SHA-256', key: ec, digest: 'sha256' as const, algorithm: 'ECDSA', label: 'SHA-256' },
    { name: 'ECDSA P-256, SHA-1', key: ec, digest: 'sha1' as const, algorithm: 'ECDSA', label: 'SHA-1' },
    { name: 'Ed25519, no signed attributes', key: ed, digest: 'sha256' as const, algorithm: 'Ed25519', label: 'SHA-512' },
  ])('$name → valid', async ({ key, digest, algorithm, label }) => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 3, signer: SIGNER, signature: { ...(key ? { key } : {}), digest } });
    const { status, signatures } = await verifySignatures(pdf);
    expect(status).toBe('valid');
    expect(signatures[0]).toMatchObject({ verdict: 'valid', signatureAlgorithm: algorithm, digestAlgorithm: label, digestMatches: true, signatureValid: true });
  });
});

describe('incremental signatures', () => {
  it('three signatures, each a revision over the last → all valid, later revisions only add signatures', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const second = await signRevision(signedOnce, signer(ec, 'sha256'), { time: new Date('2021-07-07T09:00:00Z'), field: 'Signature2' });
    const third = await signRevision(second, signer(undefined, 'sha1', { ...RECORDS_OFFICE, agency: 'Trung tâm Công báo và Tin học' }), { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature3' });
    const { status, signatures } = await verifySignatures(third);
    expect(status).toBe('valid');
    expect(signatures.map((s) => s.verdict)).toEqual(['valid', 'valid', 'valid']);
    expect(signatures.map((s) => s.signer?.commonName)).toEqual(['Sở Giáo dục và Đào tạo', 'Văn phòng UBND tỉnh Lào Cai', 'Trung tâm Công báo và Tin học']);
    expect(signatures[2]?.bytesAfter).toBe(0);
    expect(signatures[0]?.bytesAfter).toBeGreaterThan(0);
    expect(new Set(signatures[0]?.changes.map((c) => c.kind))).toEqual(new Set(['signature', 'signature-field']));
    expect(signatures[0]?.changes.every((c) => c.allowed)).toBe(true);
  });

  it('an update that only adds a second signature → valid', async () => {
    const second = await signRevision(signedOnce, signer(undefined, 'sha256'), { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature2' });
    const { status, signatures } = await verifySignatures(second);
    expect(status).toBe('valid');
    expect(signatures[0]?.changes.length).toBeGreaterThan(0);
    expect(signatures[0]?.changes.filter((c) => !c.allowed)).toEqual([]);
  });

  it('a certification signature allowing no changes (DocMDP P=1), then a second signature → modified', async () => {
    const certified = await signRevision(await renderSignedDocument(letterSpec(), { seed: 5, signer: SIGNER, signature: false }), signer(undefined, 'sha256'), { time: new Date('2021-07-07T09:00:00Z'), field: 'Cert', docMdp: 1 });
    const after = await signRevision(certified, signer(undefined, 'sha256'), { time: new Date('2021-07-08T09:00:00Z'), field: 'Signature2' });
    const { status, signatures } = await verifySignatures(after);
    expect(signatures[0]?.docMdp).toBe(1);
    expect(signatures.map((s) => s.verdict)).toEqual(['modified', 'valid']);
    expect(status).toBe('modified');
  });
});

describe('what makes a signature fail', () => {
  it('a byte flipped inside the signed range → broken, the digest no longer matches', async () => {
    const flipped = Buffer.from(signedOnce);
    const at = flipped.indexOf('/Producer');
    flipped[at + 1] = 'p'.charCodeAt(0);
    const { status, signatures } = await verifySignatures(flipped);
    expect(status).toBe('broken');
    expect(signatures[0]).toMatchObject({ verdict: 'broken', digestMatches: false, signatureValid: true });
    expect(signatures[0]?.problems[0]).toContain('giá trị băm của nội dung được ký không khớp');
  });

  it('an incremental update rewriting the header text after signing → modified after signing, page 1', async () => {
    const rewritten = await appendUpdate(signedOnce, async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const page = doc.getPage(0);
      page.drawRectangle({ x: 95, y: 760, width: 60, height: 14, color: rgb(1, 1, 1) });
      page.drawText('30a', { x: 100, y: 763, size: 12, font });
    });
    const { status, signatures } = await verifySignatures(rewritten);
    expect(status).toBe('modified');
    expect(signatures[0]).toMatchObject({ verdict: 'modified', digestMatches: true, signatureValid: true, coversRevision: true });
    const disallowed = signatures[0]?.changes.filter((c) => !c.allowed) ?? [];
    expect(new Set(disallowed.map((c) => c.kind))).toEqual(new Set(['page', 'page-content']));
    expect(disallowed.every((c) => c.page === 1)).toBe(true);
    expect(signatures[0]?.problems).toContain('tệp bị sửa đổi sau khi ký: nội dung trang 1');
  });

  it('an annotation added after signing (no DocMDP) → allowed, listed, still valid', async () => {
    const annotated = await appendUpdate(signedOnce, (doc) => {
      // As a PDF editor adds a comment: the page's /Annots grows by one, nothing else changes.
      const note = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [10, 10, 30, 30], Contents: PDFString.of('ghi chú') }));
      doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).push(note);
    });
    const { status, signatures } = await verifySignatures(annotated);
    expect(status).toBe('valid');
    expect(signatures[0]?.changes.some((c) => c.kind === 'annotation' && c.allowed)).toBe(true);
  });

  it('a certificate expired at signing time → broken, saying so', async () => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 9, signer: SIGNER, signature: { notBefore: new Date(Date.UTC(2018, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) } });
    const { status, signatures } = await verifySignatures(pdf);
    expect(status).toBe('broken');
    expect(signatures[0]).toMatchObject({ verdict: 'broken', digestMatches: true, signatureValid: true, signingTimeInValidity: false });
    expect(signatures[0]?.problems[0]).toBe('chứng thư số của người ký đã hết hạn (2021-01-01) tại thời điểm ký (2021-07-07)');
  });

  it('a visible signing box with no signature → no signature at all', async () => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 4, signer: SIGNER, box: 'text', signature: false });
    expect(await verifySignatures(pdf)).toEqual({ signatures: [], status: 'none' });
  });

  it('a signature by a key other than the certificate\'s → broken', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const honest = signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'sha256');
    const forged = await signRevision(signedOnce, { ...honest, key: other }, { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature2' });
    const { signatures } = await verifySignatures(forged);
    expect(signatures[1]).toMatchObject({ verdict: 'broken', digestMatches: true, signatureValid: false });
  });
});

describe('timestamps (RFC 3161)', () => {
  const tsa = () => signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'sha256', { agency: 'TSA thử nghiệm', parent: 'cchc test data', email: 'tsa@test' }, { notBefore: new Date(Date.UTC(2015, 0, 1)), notAfter: new Date(Date.UTC(2040, 0, 1)) });

  it('a signature timestamp token gives the signing time, checked against the signature value', async () => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 5, signer: SIGNER, signature: false });
    const stamped = await signRevision(pdf, signer(undefined, 'sha256'), { time: new Date('2021-07-07T03:00:00Z'), field: 'S1', timestampAuthority: tsa() });
    const { status, signatures } = await verifySignatures(stamped);
    expect(status).toBe('valid');
    expect(signatures[0]).toMatchObject({ timestampValid: true, signingTime: { timestamp: '2021-07-07T03:00:00.000Z', attribute: '2021-07-07T03:00:00.000Z' } });
  });

  it('a document timestamp after a signature (PAdES) → both valid, the second a timestamp', async () => {
    const stamped = await signRevision(signedOnce, tsa(), { time: new Date('2021-07-08T03:00:00Z'), field: 'TS1', docTimeStamp: true });
    const { status, signatures } = await verifySignatures(stamped);
    expect(status).toBe('valid');
    expect(signatures.map((s) => [s.kind, s.verdict])).toEqual([['signature', 'valid'], ['timestamp', 'valid']]);
    expect(signatures[1]).toMatchObject({ timestampValid: true, signingTime: { timestamp: '2021-07-08T03:00:00.000Z' }, signer: { commonName: 'TSA thử nghiệm' } });
  });

  it('a document timestamp whose bytes changed afterwards → broken', async () => {
    const stamped = await signRevision(signedOnce, tsa(), { time: new Date('2021-07-08T03:00:00Z'), field: 'TS1', docTimeStamp: true });
    const at = stamped.lastIndexOf('/SigFlags');
    stamped.write('/SigFlagz', at, 'latin1');
    const { signatures } = await verifySignatures(stamped);
    expect(signatures[1]?.verdict).toBe('broken');
  });
});

describe('trust: only against the certificates the province provides', () => {
  it('not checked without them; trusted when the test CA is provided; untrusted against another CA', async () => {
    const { signatures } = await verifySignatures(signedOnce);
    expect(applyTrust(signatures, [])[0]?.chain.status).toBe('not-checked');
    const ca = new X509Certificate(testCaCertificate().der);
    expect(applyTrust(signatures, [ca])[0]?.chain.status).toBe('trusted');
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const other = new X509Certificate(testSignerCertificate({ agency: 'CA khác', parent: 'x', email: 'x@x' }, 5, { key: otherKey, ...VALID, issuer: { name: { commonName: 'CA khác' }, key: otherKey } }).cert.der);
    expect(applyTrust(signatures, [other])[0]?.chain.status).toBe('untrusted');
  });
});

describe('a VGCA-style signature (what the Government CA\'s signing tools make)', () => {
  // A made-up root and intermediate in the Government CA's shape, the signer a records office:
  // RSA-SHA256 named plain rsaEncryption, an ESS signing-certificate-v2 attribute, the whole chain
  // embedded, a timestamp token, the ContentInfo in BER with indefinite lengths.
  const rootName = { commonName: 'Root CA thử nghiệm kiểu Chính phủ (không dùng thật)', organisation: 'cchc test data' };
  const subName = { commonName: 'CA thử nghiệm kiểu VGCA (không dùng thật)', organisation: 'cchc test data' };
  const rootKey = testKey('ca');
  const subKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const root = issueCertificate({ subject: rootName, key: rootKey, serial: 1, notBefore: new Date(Date.UTC(2015, 0, 1)), notAfter: new Date(Date.UTC(2045, 0, 1)), issuer: { name: rootName, key: rootKey }, ca: true });
  const sub = issueCertificate({ subject: subName, key: subKey, serial: 2, notBefore: new Date(Date.UTC(2016, 0, 1)), notAfter: new Date(Date.UTC(2040, 0, 1)), issuer: { name: rootName, key: rootKey }, ca: true });
  const officeKey = testKey('signer');
  const office = issueCertificate({
    subject: { commonName: 'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN', organisation: 'UBND TỈNH HƯNG YÊN', organisationalUnit: 'Văn phòng', locality: 'Hưng Yên', state: 'Hưng Yên' },
    key: officeKey, serial: 3, notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2025, 0, 1)), issuer: { name: subName, key: subKey },
  });
  const tsa: TestSigner = signer(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'sha256', { agency: 'TSA thử nghiệm', parent: 'cchc test data', email: 'tsa@test' }, { notBefore: new Date(Date.UTC(2015, 0, 1)), notAfter: new Date(Date.UTC(2040, 0, 1)) });
  const vgca = (ess: true | 'wrongHash'): TestSigner => ({ key: officeKey, cert: office, chain: [sub.der, root.der], digest: 'sha256', vgca: { signingCertificateV2: ess, rsaEncryptionOid: true, indefiniteLength: true } });

  it('parses and verifies: signer, the embedded chain, the timestamp, trusted against the root the province provides', async () => {
    const scan = await renderSignedDocument(letterSpec(), { seed: 11, signer: SIGNER, signature: false });
    const signed = await signRevision(scan, vgca(true), { time: new Date('2021-07-08T02:15:00Z'), field: 'VGCA', timestampAuthority: tsa });
    const { status, signatures } = await verifySignatures(signed);
    expect(status).toBe('valid');
    expect(signatures[0]).toMatchObject({
      verdict: 'valid', digestAlgorithm: 'SHA-256', signatureAlgorithm: 'RSA', digestMatches: true, signatureValid: true, timestampValid: true,
      signer: { commonName: 'VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN', organisation: 'UBND TỈNH HƯNG YÊN', organisationalUnit: 'Văn phòng', locality: 'Hưng Yên', state: 'Hưng Yên', issuer: { commonName: subName.commonName } },
      signingTime: { timestamp: '2021-07-08T02:15:00.000Z', attribute: '2021-07-08T02:15:00.000Z' },
    });
    expect(signatures[0]?.chain.certificates.map((c) => c.commonName)).toEqual(['VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN', subName.commonName, rootName.commonName]);
    expect(applyTrust(signatures, [new X509Certificate(root.der)])[0]?.chain.status).toBe('trusted');
    expect(applyTrust(signatures, [new X509Certificate(testCaCertificate().der)])[0]?.chain.status).toBe('untrusted');
    expect(signerRole(signatures[0] as SignatureCheck, { issuer: ['Sở Giáo dục và Đào tạo'], parent: ['UBND TỈNH HƯNG YÊN'], issuerCode: 'SGDĐT' })).toBe('records-office');
  });

  it('a signer named by its subject key identifier (SignerInfo version 3) is found among the certificates', async () => {
    const keyId = Buffer.from('0123456789abcdef0123456789abcdef01234567', 'hex');
    const withKeyId = issueCertificate({
      subject: { commonName: 'Trung tâm Công báo và Tin học', organisation: 'Văn phòng UBND tỉnh Hưng Yên' },
      key: officeKey, serial: 4, notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2025, 0, 1)), issuer: { name: subName, key: subKey }, subjectKeyId: keyId,
    });
    const scan = await renderSignedDocument(letterSpec(), { seed: 12, signer: SIGNER, signature: false });
    const signed = await signRevision(scan, { key: officeKey, cert: withKeyId, chain: [sub.der], digest: 'sha256', vgca: { signingCertificateV2: true, sidKeyId: keyId } }, { time: new Date('2021-07-08T02:15:00Z'), field: 'VGCA' });
    const { status, signatures } = await verifySignatures(signed);
    expect(status).toBe('valid');
    expect(signatures[0]?.signer?.commonName).toBe('Trung tâm Công báo và Tin học');
  });

  it('a signing-certificate-v2 attribute naming another certificate → broken, saying so', async () => {
    const scan = await renderSignedDocument(letterSpec(), { seed: 11, signer: SIGNER, signature: false });
    const signed = await signRevision(scan, vgca('wrongHash'), { time: new Date('2021-07-08T02:15:00Z'), field: 'VGCA' });
    const { status, signatures } = await verifySignatures(signed);
    expect(status).toBe('broken');
    expect(signatures[0]).toMatchObject({ digestMatches: true, signatureValid: true });
    expect(signatures[0]?.problems).toContain('thuộc tính signing-certificate trong phần được ký không khớp với chứng thư của người ký');
  });
});
