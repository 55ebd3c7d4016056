// "Signed" means verified. For every signature dictionary in a PDF: the CMS in /Contents holds
// (digest over /ByteRange = signed messageDigest; signature verifies with the signer certificate's
// key), /ByteRange covers the file up to the end of the signature's revision, and what later
// revisions change is allowed (DocMDP/FieldMDP); then who signed, when, and the chain the CMS carries.
// Legal basis: Decree 130/2018/NĐ-CP art. 9 (a digital signature is secure when the certificate is
// valid at signing time and the data has not changed since); evidence rules Lào Cai 2021 §2,
// Thái Nguyên 2024 §4a.
import { createHash, type Hash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import type { SignatureChange, SignatureCheck, SignatureStatus } from '../../model.js';
import { changesAfter, drawsOverHeader, type Permissions } from './changes.js';
import { certificateInfo, embeddedChain, selfSigned } from './certificate.js';
import { checkCms, type CmsCheck, hashOf, type SignedContent } from './cms.js';
import { type LocatedSignature, locateSignatures } from './locate.js';
import { PdfObjects } from './pdf-objects.js';
import { pkijs } from './pki-libs.js';

export interface SignatureVerification {
  signatures: SignatureCheck[];
  status: SignatureStatus;
  /** The file is signed but too large to verify: its signatures were not checked (status `unverifiable`). */
  tooLarge?: boolean;
}

const PDF_EOF = Buffer.from('%%EOF', 'latin1');

/** Verify every signature of the PDF in `bytes` (the whole file). Never throws. */
export async function verifySignatures(bytes: Buffer): Promise<SignatureVerification> {
  const located = locateSignatures(bytes);
  if (located.length === 0) return { signatures: [], status: 'none' };
  const digests = new RangeDigests(bytes);
  const revisions = new Revisions(bytes);
  const certification = located.find((s) => s.docMdp !== null);
  const signatures: SignatureCheck[] = [];
  for (const [k, signature] of located.entries()) {
    const permissions: Permissions = {
      docMdp: certification && located.indexOf(certification) <= k ? certification.docMdp : null,
      locks: located.slice(0, k + 1).flatMap((s) => (s.fieldLock ? [s.fieldLock] : [])),
    };
    signatures.push(await checkOne(bytes, signature, k + 1, digests, revisions, permissions));
  }
  judgeChanges(signatures);
  return { signatures, status: statusOf(signatures) };
}

/**
 * What the changes after each signature make of it (mutates `signatures`). A change its
 * permissions do not allow makes an intact signature `modified`. So does an annotation drawn over
 * page 1's header after the last signature (not a document timestamp), whatever DocMDP says: with
 * no certification, ISO 32000-1 §12.8.2.2 and Adobe treat annotations as allowed changes, but a
 * FreeText or Stamp there can show a number or date nobody signed, and the reader reads annotations
 * over the header. The same annotation added before a later signature is covered by that signature:
 * allowed, and said in `notes`, as is any annotation or form change elsewhere.
 */
export function judgeChanges(signatures: SignatureCheck[]): void {
  const last = signatures.findLast((s) => s.kind === 'signature');
  const afterLast = new Set((last?.changes ?? []).filter(drawsOverHeader).map((c) => c.object));
  for (const check of signatures) {
    for (const change of check.changes) if (change.allowed && drawsOverHeader(change) && afterLast.has(change.object)) change.allowed = false;
    const disallowed = check.changes.filter((change) => !change.allowed);
    if (disallowed.length > 0) {
      check.problems.push(describeChanges(disallowed));
      if (check.verdict === 'valid') check.verdict = 'modified';
    }
    const noted = check.changes.filter((c) => c.allowed && (c.kind === 'annotation' || c.kind === 'form-field' || drawsOverHeader(c)));
    if (noted.length > 0) check.notes = noteChanges(noted);
  }
}

/** The file's verdict: broken beats modified beats unverifiable beats valid. */
export function statusOf(signatures: SignatureCheck[]): SignatureStatus {
  if (signatures.length === 0) return 'none';
  for (const verdict of ['broken', 'modified', 'unverifiable'] as const) if (signatures.some((s) => s.verdict === verdict)) return verdict;
  return 'valid';
}

async function checkOne(bytes: Buffer, located: LocatedSignature, index: number, digests: RangeDigests, revisions: Revisions, permissions: Permissions): Promise<SignatureCheck> {
  const check: SignatureCheck = {
    index, kind: located.type === 'DocTimeStamp' ? 'timestamp' : 'signature', subFilter: located.subFilter,
    verdict: 'valid', problems: [], digestAlgorithm: null, signatureAlgorithm: null, digestMatches: null, signatureValid: null,
    coversRevision: false, bytesAfter: 0, changes: [], docMdp: permissions.docMdp,
    signer: null, signingTime: { attribute: null, dictionary: located.signedAt, timestamp: null },
    timestampValid: null, signingTimeInValidity: null, reason: located.reason, location: located.location, name: located.name,
    chain: { status: 'not-checked', certificates: [], problems: [] }, revocation: 'not-checked',
  };
  const range = located.byteRange;
  const [a = -1, b = -1, c = -1, d = -1] = range ?? [];
  const inFile = range !== null && a === 0 && b >= 0 && c >= b && d >= 0 && c + d <= bytes.length;
  if (!inFile) {
    check.problems.push(range ? `/ByteRange [${range.join(' ')}] không hợp lệ với tệp` : 'từ điển chữ ký không có /ByteRange');
    check.verdict = 'broken';
    return check;
  }
  const end = c + d;
  const holeIsContents = b === located.contentsStart && c === located.contentsEnd;
  const atEof = revisions.endsRevision(end);
  check.coversRevision = holeIsContents && atEof;
  if (!holeIsContents) check.problems.push('vùng được ký (/ByteRange) chừa ra một đoạn khác với giá trị chữ ký /Contents');
  if (!atEof) check.problems.push('vùng được ký (/ByteRange) không phủ hết phiên bản của tệp tại thời điểm ký');
  check.bytesAfter = revisions.contentAfter(end);

  const subFilter = located.subFilter ?? '';
  let cms: CmsCheck;
  if (subFilter === 'adbe.x509.rsa_sha1') {
    check.problems.push('định dạng chữ ký adbe.x509.rsa_sha1 (PKCS#1) chưa được hỗ trợ kiểm tra');
    check.verdict = 'unverifiable';
    return check;
  }
  const rangeContent = (hash: string) => digests.digest(hash, a, b, c, d);
  if (check.kind === 'timestamp') {
    cms = checkCms(located.contents, (encapsulated) => bufferContent(encapsulated));
    const imprint = tstImprint(cms.content);
    if (imprint) {
      const matches = imprint.hashed.equals(rangeContent(imprint.hash));
      if (!matches) cms.problems.push('dấu thời gian không khớp với nội dung được ký (nội dung đã bị thay đổi)');
      cms.digestMatches = cms.digestMatches !== false && matches;
      check.signingTime.timestamp = imprint.time.toISOString();
      check.timestampValid = cms.digestMatches && cms.signatureValid === true;
    }
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    // The CMS signs the SHA-1 digest of the byte range, carried as its encapsulated content.
    cms = checkCms(located.contents, (encapsulated) => bufferContent(encapsulated));
    if (cms.content) {
      const matches = cms.content.equals(rangeContent('sha1'));
      if (!matches) cms.problems.push('giá trị băm của nội dung được ký không khớp với giá trị đã ký (nội dung đã bị thay đổi sau khi ký)');
      cms.digestMatches = cms.digestMatches !== false && matches;
    }
  } else {
    cms = checkCms(located.contents, {
      digest: rangeContent,
      pieces: () => [bytes.subarray(a, a + b), bytes.subarray(c, c + d)],
    });
  }
  check.digestAlgorithm = cms.digestAlgorithm;
  check.signatureAlgorithm = cms.signatureAlgorithm;
  check.digestMatches = cms.digestMatches;
  check.signatureValid = cms.signatureValid;
  check.problems.push(...cms.problems);
  check.signingTime.attribute = cms.signingTime?.toISOString() ?? null;
  if (cms.signer) {
    check.signer = certificateInfo(cms.signer);
    const chain = embeddedChain(cms.signer, cms.certificates);
    check.chain.certificates = chain.map(certificateInfo);
    const top = chain.at(-1);
    if (top && !selfSigned(top.x509)) check.chainTop = top.der.toString('base64');
  }
  if (cms.timestampToken && cms.signatureValue) {
    const token = checkTimestampToken(cms.timestampToken, cms.signatureValue);
    check.timestampValid = token.valid;
    check.signingTime.timestamp = token.time;
    if (!token.valid) check.problems.push('dấu thời gian (timestamp) kèm chữ ký không hợp lệ');
  }
  const when = (check.timestampValid ? check.signingTime.timestamp : null) ?? check.signingTime.attribute ?? check.signingTime.dictionary;
  if (check.signer && when) {
    const time = Date.parse(when);
    check.signingTimeInValidity = time >= Date.parse(check.signer.validFrom) && time <= Date.parse(check.signer.validTo);
    if (!check.signingTimeInValidity) {
      check.problems.push(time > Date.parse(check.signer.validTo)
        ? `chứng thư số của người ký đã hết hạn (${check.signer.validTo.slice(0, 10)}) tại thời điểm ký (${when.slice(0, 10)})`
        : `chứng thư số của người ký chưa có hiệu lực (từ ${check.signer.validFrom.slice(0, 10)}) tại thời điểm ký (${when.slice(0, 10)})`);
    }
  }

  const holds = check.coversRevision && cms.digestMatches === true && cms.signatureValid === true && cms.signingCertificateMatches !== false
    && check.signingTimeInValidity !== false && check.timestampValid !== false;
  const undecided = cms.digestMatches === null || cms.signatureValid === null;
  check.verdict = holds ? 'valid' : undecided && check.coversRevision && cms.digestMatches !== false ? 'unverifiable' : 'broken';
  if (check.bytesAfter > 0) {
    try {
      check.changes = revisions.changesAfter(end, permissions);
    } catch (error) {
      check.problems.push(`không phân tích được các lần sửa đổi sau khi ký (${(error as Error).message})`);
      if (check.verdict === 'valid') check.verdict = 'unverifiable';
    }
  }
  return check;
}

const CHANGE_LABEL: Record<SignatureCheck['changes'][number]['kind'], string> = {
  'signature': 'thêm chữ ký', 'signature-field': 'trường chữ ký', 'form-field': 'trường biểu mẫu', 'annotation': 'chú thích (annotation)',
  'metadata': 'thông tin tài liệu', 'dss': 'dữ liệu kiểm tra chữ ký', 'page-content': 'nội dung trang', 'page': 'nội dung trang',
  'pages': 'thêm/bớt trang', 'other': 'đối tượng khác',
};

/** Where a change is: `trang 1`, or nothing. */
function where(change: SignatureChange, label: string): string {
  if (change.page === null) return label;
  return label.endsWith(' trang') ? `${label} ${change.page}` : `${label} trên trang ${change.page}`;
}

function annotationLabel(change: SignatureChange): string {
  return `chú thích${change.subtype ? ` (${change.subtype})` : ''}`;
}

/** What is drawn over the header: a form field, a signature field holding no signature, or an annotation. */
function overLabel(change: SignatureChange): string {
  if (change.kind === 'form-field') return 'trường biểu mẫu';
  if (change.kind === 'signature-field') return 'trường chữ ký chưa ký';
  return annotationLabel(change);
}

/**
 * `tệp bị sửa đổi sau khi ký: nội dung trang 1, chú thích (FreeText) đè lên phần đầu văn bản ở
 * trang 1 (nơi ghi số, ngày văn bản)` (what changed, and where).
 */
export function describeChanges(changes: SignatureChange[]): string {
  const parts = [...new Set(changes.map((c) => {
    if (drawsOverHeader(c)) return `${overLabel(c)} đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)`;
    return where(c, c.kind === 'annotation' ? annotationLabel(c) : CHANGE_LABEL[c.kind]);
  }))];
  return `tệp bị sửa đổi sau khi ký: ${parts.join(', ')}`;
}

/** Allowed annotation and form changes, said: `sau khi ký có thêm hoặc sửa chú thích (Text) trên trang 2 (thay đổi được phép)`. */
function noteChanges(changes: SignatureChange[]): string[] {
  const covered = changes.filter(drawsOverHeader);
  const elsewhere = changes.filter((c) => !drawsOverHeader(c));
  const notes: string[] = [];
  if (elsewhere.length > 0) {
    const parts = [...new Set(elsewhere.map((c) => where(c, c.kind === 'annotation' ? annotationLabel(c) : CHANGE_LABEL[c.kind])))];
    notes.push(`sau khi ký có thêm hoặc sửa ${parts.join(', ')} (thay đổi được phép, không thuộc phần đầu văn bản)`);
  }
  if (covered.length > 0) {
    const parts = [...new Set(covered.map(overLabel))];
    notes.push(`sau khi ký có thêm ${parts.join(', ')} đè lên phần đầu văn bản ở trang 1, trước một chữ ký số sau: chữ ký sau bảo đảm nội dung này`);
  }
  return notes;
}

function bufferContent(content: Buffer | null): SignedContent {
  const bytes = content ?? Buffer.alloc(0);
  return { digest: (hash) => createHash(hash).update(bytes).digest(), pieces: () => [bytes] };
}

function tstImprint(content: Buffer | null): { hash: string; hashed: Buffer; time: Date } | null {
  if (!content) return null;
  try {
    const info = pkijs().TSTInfo.fromBER(content);
    const hash = hashOf(info.messageImprint.hashAlgorithm.algorithmId);
    if (!hash) return null;
    return { hash: hash.node, hashed: Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView), time: info.genTime };
  } catch {
    return null;
  }
}

/** An RFC 3161 timestamp token over a signature value: its own CMS holds and its imprint is the signature's digest. */
function checkTimestampToken(token: Buffer, signatureValue: Buffer): { valid: boolean; time: string | null } {
  const cms = checkCms(token, (encapsulated) => bufferContent(encapsulated));
  const imprint = tstImprint(cms.content);
  if (!imprint) return { valid: false, time: null };
  const matches = imprint.hashed.equals(createHash(imprint.hash).update(signatureValue).digest());
  return { valid: matches && cms.digestMatches === true && cms.signatureValid === true, time: imprint.time.toISOString() };
}

/**
 * Digests of byte ranges [0, b) + [c, c + d), sharing work: signatures of one file all start at 0,
 * so the digest state at the shortest prefix is kept and copied.
 */
class RangeDigests {
  private readonly prefixes = new Map<string, { length: number; state: Hash }>();
  constructor(private readonly bytes: Buffer) {}

  digest(hash: string, a: number, b: number, c: number, d: number): Buffer {
    const key = `${hash}:${a}:${b}:${c}:${d}`;
    const cached = this.done.get(key);
    if (cached) return cached;
    let prefix = this.prefixes.get(hash);
    if (!prefix || prefix.length > b) {
      prefix = { length: b, state: createHash(hash).update(this.bytes.subarray(a, a + b)) };
      this.prefixes.set(hash, prefix);
    }
    const state = prefix.state.copy().update(this.bytes.subarray(a + prefix.length, a + b)).update(this.bytes.subarray(c, c + d));
    const digest = state.digest();
    this.done.set(key, digest);
    return digest;
  }

  private readonly done = new Map<string, Buffer>();
}

/** The file's revisions: where each ends (`%%EOF`), and what the later ones change, from the appended objects only. */
class Revisions {
  private readonly objects: PdfObjects;
  /** Just after the file's last `%%EOF` (the end of its last revision). */
  private readonly lastEnd: number;

  constructor(private readonly bytes: Buffer) {
    this.objects = new PdfObjects(bytes);
    const last = bytes.lastIndexOf(PDF_EOF);
    this.lastEnd = last >= 0 ? last + PDF_EOF.length : bytes.length;
  }

  /** `end` is the end of a revision: right after a `%%EOF`, give or take its end-of-line (looked at in place, no scan). */
  endsRevision(end: number): boolean {
    let k = end;
    while (k > 0 && end - k < 2 && (this.bytes[k - 1] === 0x0a || this.bytes[k - 1] === 0x0d)) k -= 1;
    return k >= PDF_EOF.length && this.bytes.subarray(k - PDF_EOF.length, k).equals(PDF_EOF);
  }

  /** Bytes after `end` that are more than whitespace and end-of-line markers. */
  contentAfter(end: number): number {
    let last = this.bytes.length;
    while (last > end && /\s|\0/u.test(String.fromCharCode(this.bytes[last - 1] ?? 0))) last -= 1;
    return last - end;
  }

  changesAfter(end: number, permissions: Permissions): SignatureChange[] {
    return changesAfter(this.objects, end, this.lastEnd, permissions);
  }
}

/** Files above this size are not read whole to verify their signatures: a signed one is reported unverifiable. */
const MAX_VERIFIED_BYTES = 64 * 1024 * 1024;
const BYTE_RANGE = Buffer.from('/ByteRange', 'latin1');
const CHUNK = 1 << 20;

/**
 * Verify the signatures of the PDF at `file`: reads it whole (a 5 MB file costs a few ms). A file
 * over 64 MB is only searched for a signature dictionary, chunk by chunk: when it has one, it is
 * `tooLarge` (not verified). Never throws on content; I/O errors propagate.
 */
export async function verifyFileSignatures(file: string): Promise<SignatureVerification> {
  const { size } = await stat(file);
  if (size > MAX_VERIFIED_BYTES) {
    return (await containsSignature(file, size)) ? { signatures: [], status: 'unverifiable', tooLarge: true } : { signatures: [], status: 'none' };
  }
  // One pass over the bytes finds the signature dictionaries, or that there are none.
  return verifySignatures(await readFile(file));
}

async function containsSignature(file: string, size: number): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK + BYTE_RANGE.length);
    for (let offset = 0; offset < size; offset += CHUNK) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      if (buffer.subarray(0, bytesRead).indexOf(BYTE_RANGE) >= 0) return true;
    }
    return false;
  } finally {
    await handle.close();
  }
}
