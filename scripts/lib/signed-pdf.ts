// Turns a Decree 30 document into what an e-office system issues: the text layer carries a blank
// number and day (`Số:      /SGDĐT-GDTH`, `ngày      tháng 7 năm 2021`) because the number and the
// day are stamped at signing time in an overlay (a FreeText annotation, or a stamp annotation whose
// appearance alone shows them); a visible signature box (`Ký bởi … Cơ quan … Thời gian ký …`); and
// a real PDF signature (detached CMS with signed attributes; by default RSA/SHA-256 with the
// committed throwaway test key, under a certificate issued by the made-up test CA), so the reader
// verifies it. Deterministic for a given seed.
import type { KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { PDFArray, PDFDocument, type PDFEmbeddedPage, PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef, StandardFonts } from 'pdf-lib';
import PDFKitDocument from 'pdfkit';
import { composeDocument, type DocumentSpec, finish, headerSpots, PAGE, SIGNATURE_BOX, type Spot } from './decree30-pdf.js';
import { type Certificate, type Der, type Digest, issueCertificate, TEST_CA, testKey } from './der.js';
import { CONTENTS_HEX_LENGTH, cmsOf, fillSignature } from './pdf-signing.js';
import { createRandom } from './random.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
GlobalFonts.registerFromPath(path.join(FONT_DIR, 'DejaVuSans.ttf'), 'Signature Box');

export interface SignedOptions {
  seed: number;
  /**
   * How the number and the day, blank in the text layer, were stamped at signing time:
   * `freetext`: a FreeText annotation with its text in /Contents and in its appearance;
   * `stamp`: a Stamp annotation whose appearance alone draws them as text;
   * `stamp-image`: a Stamp annotation whose appearance is a picture of them (only OCR reads it);
   * `sig-widgets`: what a provincial records system does (described in real-headers/README.md, T1/T2):
   *   each of the number and the day is the appearance of its own signature-field widget
   *   (`/FT /Sig`, `/F 132`) laid over its blank, drawn through `/FRM` → `/n0` (`% DSBlank`) and
   *   `/n2` (13 pt digits after leading spaces, 2 pt in and 5.3 pt up); the number's widget is
   *   198 × 29 pt and runs on past the symbol; a third widget at the top right holds the
   *   publishing centre's dated stamp. The text is drawn in an embedded subset of DejaVu Serif
   *   (Type0/CIDFontType2, Identity-H, ToUnicode), as the original's subset TimesNewRomanPSMT;
   * `none`: not stamped: the document stays an unnumbered draft.
   */
  overlay?: 'freetext' | 'stamp' | 'stamp-image' | 'sig-widgets' | 'none';
  /** Which blanks the overlay fills (default both). */
  stampNumber?: boolean;
  stampDay?: boolean;
  /** The visible signature box: drawn in page 1's content (`text`), as the signature field's appearance (`image`), or none. */
  box?: 'text' | 'image' | 'none';
  /** Whose certificate signs: the issuing agency and its parent. */
  signer: { agency: string; parent: string; email: string };
  /** Signing time on the document's date; default a seeded office hour. */
  time?: { hour: number; minute: number; second: number };
  /**
   * The signature itself: false draws the box (and stamps) with no signature dictionary at all;
   * otherwise the key (default the committed RSA test key), digest (default SHA-256) and the
   * signer certificate's validity (default 1 January of the year before, for three years).
   */
  signature?: false | { key?: KeyObject; digest?: Digest; notBefore?: Date; notAfter?: Date; chain?: Der[]; issuer?: { name: typeof TEST_CA; key: KeyObject } };
}

const BYTE_RANGE_PLACEHOLDER = [0, 9_999_999_999, 9_999_999_999, 9_999_999_999];

/** The made-up test CA's certificate (self-signed, committed test key): what a batch's `trust:` folder would hold. */
export function testCaCertificate(): Certificate {
  const key = testKey('ca');
  return issueCertificate({ subject: TEST_CA, key, serial: 1, notBefore: new Date(Date.UTC(2015, 0, 1)), notAfter: new Date(Date.UTC(2045, 0, 1)), ca: true });
}

/** A signer certificate the test CA issues (or `issuer`, or self-signed with `key`'s own name when `issuer` is null). */
export function testSignerCertificate(signer: SignedOptions['signer'], serial: number, options: { key?: KeyObject; notBefore: Date; notAfter: Date; issuer?: { name: typeof TEST_CA; key: KeyObject } }): { key: KeyObject; cert: Certificate } {
  const key = options.key ?? testKey('signer');
  const cert = issueCertificate({
    subject: { commonName: signer.agency, organisation: signer.parent, email: signer.email },
    key, serial, notBefore: options.notBefore, notAfter: options.notAfter, issuer: options.issuer ?? { name: TEST_CA, key: testKey('ca') },
  });
  return { key, cert };
}

/** Issue `spec` as a digitally signed electronic document; returns the PDF bytes. */
export async function renderSignedDocument(spec: DocumentSpec, options: SignedOptions): Promise<Buffer> {
  const random = createRandom(options.seed);
  const overlay = options.overlay ?? 'freetext';
  const stampNumber = overlay !== 'none' && (options.stampNumber ?? true) && spec.numeral !== null;
  const stampDay = overlay !== 'none' && (options.stampDay ?? true) && spec.date.day !== null;
  const time = options.time ?? { hour: random.int(7, 17), minute: random.int(0, 59), second: random.int(0, 59) };
  const { year, month } = spec.date;
  const day = spec.date.day ?? 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const signedAtText = `${pad(day)}.${pad(month ?? 1)}.${year} ${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)} +07:00`;
  const signedAt = new Date(Date.UTC(year, (month ?? 1) - 1, day, time.hour - 7, time.minute, time.second));
  const boxLines = [`Ký bởi: ${options.signer.agency}`, `Email: ${options.signer.email}`, `Cơ quan: ${options.signer.parent}`, `Thời gian ký: ${signedAtText}`];

  // In the text layer the number and the day are blank: the e-office system fills them at signing.
  const printed: DocumentSpec = {
    ...spec,
    numeral: overlay === 'none' ? null : stampNumber ? ' '.repeat(Math.max(6, 2 * (spec.numeral ?? '').length + 2)) : spec.numeral,
    date: stampDay || overlay === 'none' ? { ...spec.date, day: null } : spec.date,
    ...(options.box === 'text' ? { signatureBox: boxLines } : {}),
    created: signedAt,
  };
  const { doc, layout } = composeDocument(printed);
  const spots = headerSpots(doc, printed, layout);
  const pdf = await PDFDocument.load(await finish(doc), { updateMetadata: false });
  const page = pdf.getPage(0);
  const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
  const ink: [number, number, number] = random.pick([[0.1, 0.2, 0.75], [0.75, 0.1, 0.1]] as const).slice() as [number, number, number];

  const overlayAnnotation = async (spot: Spot, text: string): Promise<PDFRef> => {
    const width = Math.max(spot.width, helvetica.widthOfTextAtSize(text, 12) + 4);
    const height = 15;
    const x = spot.x + spot.width / 2 - width / 2;
    const y = PAGE.height - spot.y - spot.height + 1;
    const textX = (width - helvetica.widthOfTextAtSize(text, 12)) / 2;
    let appearance: PDFRef;
    if (overlay === 'stamp-image') {
      const picture = await pdf.embedPng(stampImage(text, width, height, ink));
      appearance = pdf.context.register(pdf.context.stream(`q ${width.toFixed(2)} 0 0 ${height} 0 0 cm /Im0 Do Q`, {
        Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { XObject: { Im0: picture.ref } },
      }));
    } else {
      const content = `q ${ink.join(' ')} rg BT /Helv 12 Tf ${textX.toFixed(2)} 3.5 Td (${text}) Tj ET Q`;
      appearance = pdf.context.register(pdf.context.stream(content, {
        Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: { Font: { Helv: helvetica.ref } },
      }));
    }
    const annotation = pdf.context.obj({
      Type: 'Annot',
      Subtype: overlay === 'freetext' ? 'FreeText' : 'Stamp',
      Rect: [x, y, x + width, y + height],
      F: 4,
      Border: [0, 0, 0],
      AP: { N: appearance },
      ...(overlay === 'freetext' ? { Contents: PDFString.of(text), DA: PDFString.of(`/Helv 12 Tf ${ink.join(' ')} rg`) } : { Name: 'Approved' }),
    });
    return pdf.context.register(annotation);
  };

  const annotations: PDFRef[] = [];
  const widgetFields: PDFRef[] = [];
  if (overlay === 'sig-widgets') {
    const form = (content: string, width: number, height: number, resources: Record<string, PDFRef | Record<string, PDFRef>>) => pdf.context.register(pdf.context.stream(content, {
      Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: resources,
    }));
    const top = (spot: Spot) => PAGE.height - spot.y - spot.height;
    const published = `${pad(day)}.${pad(month ?? 1)}.${year} ${pad(Math.min(time.hour + 1, 23))}:${pad(time.minute)}:${pad(time.second)} +07:00`;
    const widgets: WidgetText[] = [];
    if (stampNumber && spec.numeral) {
      const y = top(spots.numeral) - 1;
      widgets.push({ name: 'SoVanBan', rect: [spots.numeral.x - 2, y, spots.numeral.x + 196, y + 29], lines: [`   ${spec.numeral}`], italic: false, size: 13 });
    }
    if (stampDay && spec.date.day !== null) {
      const y = top(spots.day) - 1;
      widgets.push({ name: 'NgayVanBan', rect: [spots.day.x - 2, y, spots.day.x + 43, y + 29], lines: [` ${pad(spec.date.day)}`], italic: true, size: 13 });
    }
    widgets.push({ name: 'CongBao', rect: [PAGE.width - 200, PAGE.height - 62, PAGE.width - 30, PAGE.height - 12], lines: ['TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', options.signer.email, published], italic: false, size: 7 });
    // Each widget's text layer (`/n2`) is a form drawing its text in an embedded subset TrueType
    // font (Type0, Identity-H, with a ToUnicode map), as records systems' signing software writes it.
    const layers = await pdf.embedPdf(await widgetTextPages(widgets), widgets.map((_, k) => k));
    widgets.forEach((w, k) => {
      const width = w.rect[2] - w.rect[0];
      const height = w.rect[3] - w.rect[1];
      const n0 = form('% DSBlank\n', width, height, {});
      const n2 = (layers[k] as PDFEmbeddedPage).ref;
      const frm = form('q 1 0 0 1 0 0 cm /n0 Do Q\nq 1 0 0 1 0 0 cm /n2 Do Q\n', width, height, { XObject: { n0, n2 } });
      const appearance = form('q 1 0 0 1 0 0 cm /FRM Do Q\n', width, height, { XObject: { FRM: frm } });
      const ref = pdf.context.register(pdf.context.obj({
        Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFString.of(w.name), F: 132, P: page.ref, Rect: w.rect, AP: { N: appearance },
      }));
      widgetFields.push(ref);
      annotations.push(ref);
    });
  } else {
    if (stampNumber && spec.numeral) annotations.push(await overlayAnnotation(spots.numeral, spec.numeral));
    if (stampDay && spec.date.day !== null) annotations.push(await overlayAnnotation(spots.day, pad(spec.date.day)));
  }

  // The signature field: its widget shows the box (image variant) at the top right; its value is the signature dictionary.
  const signing = options.signature === false ? null : options.signature ?? {};
  const signature = signing === null ? null : pdf.context.register(pdf.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: BYTE_RANGE_PLACEHOLDER,
    Contents: PDFHexString.of('0'.repeat(CONTENTS_HEX_LENGTH)),
    M: PDFString.fromDate(signedAt),
    Reason: PDFHexString.fromText('Ký số văn bản điện tử'),
    Location: PDFHexString.fromText(options.signer.parent),
  }));
  const boxHeight = boxLines.length * SIGNATURE_BOX.fontSize * 1.25 + 6;
  const boxX = PAGE.width - SIGNATURE_BOX.right - SIGNATURE_BOX.width;
  const boxY = PAGE.height - SIGNATURE_BOX.top - boxHeight;
  let widgetAppearance: PDFRef | null = null;
  if (options.box === 'image') {
    const png = await pdf.embedPng(signatureBoxImage(boxLines, SIGNATURE_BOX.width, boxHeight));
    widgetAppearance = pdf.context.register(pdf.context.stream(`q ${SIGNATURE_BOX.width} 0 0 ${boxHeight.toFixed(2)} 0 0 cm /Im0 Do Q`, {
      Type: 'XObject', Subtype: 'Form', BBox: [0, 0, SIGNATURE_BOX.width, boxHeight], Resources: { XObject: { Im0: png.ref } },
    }));
  }
  const widget = pdf.context.register(pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of('Signature1'),
    ...(signature ? { V: signature } : {}),
    F: 132,
    P: page.ref,
    Rect: widgetAppearance ? [boxX, boxY, boxX + SIGNATURE_BOX.width, boxY + boxHeight] : [0, 0, 0, 0],
    ...(widgetAppearance ? { AP: { N: widgetAppearance } } : {}),
  }));
  annotations.push(widget);
  const existing = page.node.lookup(PDFName.of('Annots'));
  const annots = existing instanceof PDFArray ? existing : pdf.context.obj([]);
  for (const ref of annotations) annots.push(ref);
  page.node.set(PDFName.of('Annots'), annots);
  pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.obj({ Fields: [widget, ...widgetFields], SigFlags: PDFNumber.of(3) }));

  const unsigned = Buffer.from(await pdf.save({ useObjectStreams: false, updateFieldAppearances: false }));
  if (signing === null) return unsigned;
  const signer = testSignerCertificate(options.signer, 0x1000 + (options.seed % 0xffff), {
    ...(signing.key ? { key: signing.key } : {}),
    ...(signing.issuer ? { issuer: signing.issuer } : {}),
    notBefore: signing.notBefore ?? new Date(Date.UTC(year - 1, 0, 1)),
    notAfter: signing.notAfter ?? new Date(Date.UTC(year + 2, 0, 1)),
  });
  return fillSignature(unsigned, (content) => cmsOf(content, { ...signer, chain: signing.chain ?? [], digest: signing.digest ?? 'sha256' }, signedAt));
}

/** The visible box as signing software draws it, as an image (its text is not in any text layer). */
function signatureBoxImage(lines: string[], width: number, height: number): Buffer {
  const scale = 4;
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#1f3fae';
  ctx.lineWidth = 0.8 * scale;
  ctx.strokeRect(ctx.lineWidth / 2, ctx.lineWidth / 2, canvas.width - ctx.lineWidth, canvas.height - ctx.lineWidth);
  ctx.fillStyle = '#1f3fae';
  ctx.font = `${SIGNATURE_BOX.fontSize * scale}px "Signature Box"`;
  ctx.textBaseline = 'top';
  lines.forEach((line, k) => ctx.fillText(line, 4 * scale, (3 + k * SIGNATURE_BOX.fontSize * 1.25) * scale));
  return canvas.toBuffer('image/png');
}

/** The stamped numeral or day as a picture, as some signing systems draw it. */
function stampImage(text: string, width: number, height: number, ink: [number, number, number]): Buffer {
  const scale = 4;
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${ink.map((c) => Math.round(c * 255)).join(', ')})`;
  ctx.font = `${12 * scale}px "Signature Box"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(text, canvas.width / 2, canvas.height - 3.5 * scale);
  return canvas.toBuffer('image/png');
}

/** The text of one signature-field widget a records system stamps: its rectangle (PDF user space) and lines. */
interface WidgetText {
  name: string;
  rect: [number, number, number, number];
  lines: string[];
  italic: boolean;
  size: number;
}

/**
 * One page per widget, the size of its rectangle, its lines drawn 2 pt in from the left, the last
 * line's baseline 5.3 pt above the bottom, in DejaVu Serif (italic for the day): pdfkit embeds the
 * glyphs used as a Type0 font with a CIDFontType2 subset, Identity-H and a ToUnicode map.
 */
async function widgetTextPages(widgets: WidgetText[]): Promise<Buffer> {
  const doc = new PDFKitDocument({ autoFirstPage: false, compress: true, info: { Producer: 'cchc test generator', CreationDate: new Date(Date.UTC(2020, 0, 1)) } });
  for (const w of widgets) {
    const width = w.rect[2] - w.rect[0];
    const height = w.rect[3] - w.rect[1];
    doc.addPage({ size: [width, height], margin: 0 });
    doc.font(path.join(FONT_DIR, w.italic ? 'DejaVuSerif-Italic.ttf' : 'DejaVuSerif.ttf')).fontSize(w.size).fillColor('black');
    // pdfkit places a line by the top of its box; its baseline sits the font's ascent below.
    const ascent = (doc as unknown as { _font: { ascender: number } })._font.ascender * w.size / 1000;
    w.lines.forEach((line, k) => {
      const baseline = height - 5.3 - (w.lines.length - 1 - k) * w.size * 1.15;
      doc.text(line, 2, baseline - ascent, { lineBreak: false });
    });
  }
  return finish(doc);
}
