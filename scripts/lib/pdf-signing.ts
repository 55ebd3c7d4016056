// Signing generated PDFs for real, and changing them afterwards, the way signing software and
// editors do: every change is an incremental update appended to the file (new and redefined
// objects, an xref section, a trailer with /Prev), so earlier signatures still cover their bytes.
// Test data only (throwaway keys: scripts/lib/test-keys/ or generated in the test).
import type { KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, type PDFRef, PDFStream, PDFString } from 'pdf-lib';
import { type Certificate, type CmsOptions, detachedSignature, type Der, type Digest, timestampToken } from './der.js';

export interface TestSigner {
  key: KeyObject;
  cert: Certificate;
  /** Further certificates the CMS carries. */
  chain?: Der[];
  digest?: Digest;
  /** VGCA-style CMS details (see `CmsOptions.vgca`). */
  vgca?: CmsOptions['vgca'];
}

export const CONTENTS_HEX_LENGTH = 16384;
const BYTE_RANGE_PLACEHOLDER = [0, 9_999_999_999, 9_999_999_999, 9_999_999_999];

function bytesOf(object: PDFObject): Buffer {
  const out = Buffer.alloc(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}

/** How an incremental update is written: a classic xref table, or a cross-reference stream (PDF 1.5) with the changed dictionaries packed in an object stream. */
export interface UpdateOptions {
  xref?: 'table' | 'stream';
  /** With `xref: 'stream'`: put the changed objects that are not streams or signature dictionaries in an object stream. */
  objectStream?: boolean;
}

/**
 * Append an incremental update holding every object `edit` adds or changes (found by comparing
 * each object's bytes before and after). The original bytes are kept as they are.
 */
export async function appendUpdate(pdf: Buffer, edit: (doc: PDFDocument) => void | Promise<void>, options: UpdateOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  // pdf-lib forgets object and cross-reference streams once read: new objects must not reuse their numbers.
  const size = Number([...pdf.toString('latin1').matchAll(/\/Size\s+(\d+)/gu)].at(-1)?.[1] ?? 0);
  doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, size - 1);
  const before = new Map(doc.context.enumerateIndirectObjects().map(([ref, object]) => [ref.tag, bytesOf(object)]));
  await edit(doc);
  await doc.flush();
  const changed = doc.context.enumerateIndirectObjects()
    .filter(([ref, object]) => !before.get(ref.tag)?.equals(bytesOf(object)))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const parts: Buffer[] = [pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')])];
  let offset = parts[0]?.length ?? 0;
  const previous = [...pdf.toString('latin1').matchAll(/startxref\s+(\d+)/gu)].at(-1)?.[1];
  const trailer = doc.context.trailerInfo;
  const trailerEntries = (size: number) => [
    `/Size ${size}`,
    `/Root ${String(trailer.Root)}`,
    ...(trailer.Info ? [`/Info ${String(trailer.Info)}`] : []),
    ...(previous ? [`/Prev ${previous}`] : []),
  ];
  const write = (num: number, gen: number, body: Buffer) => {
    const at = offset;
    const whole = Buffer.concat([Buffer.from(`${num} ${gen} obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(whole);
    offset += whole.length;
    return at;
  };
  if (options.xref !== 'stream') {
    const xref: string[] = [];
    for (const [ref, object] of changed) {
      const at = write(ref.objectNumber, ref.generationNumber, bytesOf(object));
      xref.push(`${ref.objectNumber} 1\n${String(at).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n \n`);
    }
    parts.push(Buffer.from(`xref\n0 1\n0000000000 65535 f \n${xref.join('')}trailer\n<< ${trailerEntries(doc.context.largestObjectNumber + 1).join(' ')} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }
  // Cross-reference stream: rows of [type 1 byte, field 4 bytes, field 2 bytes], PNG Up predictor, deflated.
  const rows = new Map<number, [number, number, number]>();
  const packable = ([, object]: [PDFRef, PDFObject]) => options.objectStream === true && !(object instanceof PDFStream) && !bytesOf(object).includes('/ByteRange');
  const packed = changed.filter(packable);
  for (const [ref, object] of changed.filter((c) => !packable(c))) rows.set(ref.objectNumber, [1, write(ref.objectNumber, ref.generationNumber, bytesOf(object)), ref.generationNumber]);
  let next = doc.context.largestObjectNumber + 1;
  if (packed.length > 0) {
    const streamNumber = next++;
    const bodies = packed.map(([, object]) => bytesOf(object));
    let at = 0;
    const header = packed.map(([ref], k) => {
      const entry = `${ref.objectNumber} ${at}`;
      at += (bodies[k]?.length ?? 0) + 1;
      return entry;
    }).join(' ');
    const first = Buffer.byteLength(`${header}\n`, 'latin1');
    const data = deflateSync(Buffer.concat([Buffer.from(`${header}\n`, 'latin1'), ...bodies.flatMap((b) => [b, Buffer.from('\n')])]));
    const objStm = Buffer.concat([Buffer.from(`<< /Type /ObjStm /N ${packed.length} /First ${first} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
    rows.set(streamNumber, [1, write(streamNumber, 0, objStm), 0]);
    packed.forEach(([ref], k) => rows.set(ref.objectNumber, [2, streamNumber, k]));
  }
  const xrefNumber = next++;
  rows.set(xrefNumber, [1, offset, 0]);
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const raw: number[] = [];
  let above = [0, 0, 0, 0, 0, 0, 0];
  for (const num of numbers) {
    const [type, field, index] = rows.get(num) as [number, number, number];
    const row = [type, (field >>> 24) & 0xff, (field >>> 16) & 0xff, (field >>> 8) & 0xff, field & 0xff, (index >>> 8) & 0xff, index & 0xff];
    raw.push(2, ...row.map((v, k) => (v - (above[k] ?? 0)) & 0xff));
    above = row;
  }
  const data = deflateSync(Buffer.from(raw));
  const dict = [...trailerEntries(next), '/Type /XRef', '/W [1 4 2]', `/Index [${numbers.map((n) => `${n} 1`).join(' ')}]`, '/Filter /FlateDecode', '/DecodeParms << /Predictor 12 /Columns 7 >>', `/Length ${data.length}`];
  const xrefAt = write(xrefNumber, 0, Buffer.concat([Buffer.from(`<< ${dict.join(' ')} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export interface SignatureOptions {
  time: Date;
  /** The signature field's name (/T). */
  field: string;
  /** A certification signature with this DocMDP permission. */
  docMdp?: 1 | 2 | 3;
  reason?: string;
  /** Page (0-based) the signature widget sits on; default 0. */
  page?: number;
  /** A document timestamp (PAdES: /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161) instead of a signature. */
  docTimeStamp?: boolean;
  /** The widget's rectangle (default [0 0 0 0], an invisible signature). */
  rect?: [number, number, number, number];
}

/** The signature dictionary, its widget and the form entries, added to `doc`; returns the signature dictionary. */
export function addSignatureField(doc: PDFDocument, options: SignatureOptions & { location?: string }): PDFRef {
  const page = doc.getPage(options.page ?? 0);
  const signature = doc.context.register(doc.context.obj({
    Type: options.docTimeStamp ? 'DocTimeStamp' : 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: options.docTimeStamp ? 'ETSI.RFC3161' : 'adbe.pkcs7.detached',
    ByteRange: BYTE_RANGE_PLACEHOLDER,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_HEX_LENGTH)),
    M: PDFString.fromDate(options.time),
    Reason: PDFHexString.fromText(options.reason ?? 'Ký số văn bản điện tử'),
    ...(options.location ? { Location: PDFHexString.fromText(options.location) } : {}),
    ...(options.docMdp ? { Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: options.docMdp, V: '1.2' } }] } : {}),
  }));
  const widget = doc.context.register(doc.context.obj({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of(options.field), V: signature, F: 132, P: page.ref, Rect: options.rect ?? [0, 0, 0, 0],
  }));
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(widget);
  else page.node.set(PDFName.of('Annots'), doc.context.obj([widget]));
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (acroForm instanceof PDFDict) {
    const fields = acroForm.lookup(PDFName.of('Fields'));
    if (fields instanceof PDFArray) fields.push(widget);
    else acroForm.set(PDFName.of('Fields'), doc.context.obj([widget]));
    acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  } else {
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [widget], SigFlags: 3 }));
  }
  if (options.docMdp) doc.catalog.set(PDFName.of('Perms'), doc.context.obj({ DocMDP: signature }));
  return signature;
}

/**
 * Sign `pdf` again in an incremental update: a new signature field over everything so far. With
 * `docTimeStamp`, `signer` is the timestamp authority and /Contents a timestamp token over the bytes.
 */
export async function signRevision(pdf: Buffer, signer: TestSigner, options: SignatureOptions & { timestampAuthority?: TestSigner; update?: UpdateOptions }): Promise<Buffer> {
  const updated = await appendUpdate(pdf, (doc) => {
    addSignatureField(doc, options);
  }, options.update);
  if (options.docTimeStamp) return fillSignature(updated, (content) => timestampToken(content, signer, options.time));
  const tsa = options.timestampAuthority;
  return fillSignature(updated, (content) => cmsOf(content, signer, options.time, tsa ? (value) => timestampToken(value, tsa, options.time) : undefined));
}

export function cmsOf(content: Buffer, signer: TestSigner, time: Date, timestamp?: (signatureValue: Buffer) => Der): Buffer {
  return detachedSignature(content, signer.key, signer.cert, { chain: signer.chain ?? [], digest: signer.digest ?? 'sha256', signingTime: time, ...(timestamp ? { timestamp } : {}), ...(signer.vgca ? { vgca: signer.vgca } : {}) });
}

/**
 * Fill in the last signature placeholders: /ByteRange covers every byte of the file but the
 * /Contents hex string, and /Contents receives the CMS `cms` computes over those bytes.
 */
export function fillSignature(pdf: Buffer, cms: (content: Buffer) => Buffer): Buffer {
  const contentsAt = pdf.lastIndexOf(`<${'0'.repeat(CONTENTS_HEX_LENGTH)}>`, undefined, 'latin1');
  const placeholder = `[ ${BYTE_RANGE_PLACEHOLDER.join(' ')} ]`;
  const rangeAt = pdf.lastIndexOf(placeholder, undefined, 'latin1');
  if (contentsAt < 0 || rangeAt < 0) throw new Error('signature placeholders not found');
  const contentsEnd = contentsAt + CONTENTS_HEX_LENGTH + 2;
  const range = [0, contentsAt, contentsEnd, pdf.length - contentsEnd];
  pdf.write(`[ ${range.join(' ')} ]`.padEnd(placeholder.length, ' '), rangeAt, 'latin1');
  const signed = cms(Buffer.concat([pdf.subarray(0, contentsAt), pdf.subarray(contentsEnd)]));
  const hex = signed.toString('hex').toUpperCase();
  if (hex.length > CONTENTS_HEX_LENGTH) throw new Error('signature larger than its placeholder');
  pdf.write(hex.padEnd(CONTENTS_HEX_LENGTH, '0'), contentsAt + 1, 'latin1');
  return pdf;
}

/**
 * The same signed document signed again: the last signature's /Contents is replaced by the CMS `cms`
 * computes over the same /ByteRange (a new signing time, another certificate). Everything the
 * signature covers is unchanged, so the result verifies as the original does. For benchmarks that
 * need many distinct signed files of one rendering.
 */
export function resignLast(pdf: Buffer, cms: (content: Buffer) => Buffer): Buffer {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/gu)];
  const last = ranges[ranges.length - 1];
  if (!last) throw new Error('no signature to sign again');
  const [contentsAt, contentsEnd] = [Number(last[2]), Number(last[3])];
  const out = Buffer.from(pdf);
  const signed = cms(Buffer.concat([out.subarray(0, contentsAt), out.subarray(contentsEnd)]));
  const hex = signed.toString('hex').toUpperCase();
  if (hex.length > contentsEnd - contentsAt - 2) throw new Error('signature larger than its placeholder');
  out.write(hex.padEnd(contentsEnd - contentsAt - 2, '0'), contentsAt + 1, 'latin1');
  return out;
}
