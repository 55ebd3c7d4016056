// Generate the bundled sample batch (fixtures/sample-batch): Hưng Yên 2021, provincial departments,
// with problems of every kind the rules catch planted in it. Deterministic: the same code gives the
// same bytes, so the committed fixtures only change when this script does.
//
//   npm run sample            (writes fixtures/sample-batch, replacing it)
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { PDFDocument, PDFName, PDFHexString, PDFNumber, rgb } from 'pdf-lib';
import { reportWorkbookBuffer } from '../pipeline/batch/report-template.js';
import { leafCriteria, loadFramework } from '../pipeline/framework/load-framework.js';
import type { Claim, Criterion, Framework } from '../pipeline/model.js';
import { normaliseZip } from '../pipeline/util/zip.js';
import { truncatedPdf } from './lib/bad-pdf.js';
import { renderDocument, type DocumentSpec } from './lib/decree30-pdf.js';
import { renderLegacyFontDocument } from './lib/legacy-font-pdf.js';
import { createRandom } from './lib/random.js';
import { renderScannedDocument } from './lib/scan-pdf.js';
import { appendUpdate } from './lib/pdf-signing.js';
import { renderSignedDocument, testCaCertificate } from './lib/signed-pdf.js';
import { bodyFor, DOC_TEMPLATES, fill, TYPE_NAMES, TYPE_TITLES, type DocTemplate, type DocType, type Organisation } from './sample/documents.js';
import { writeRounds } from './sample/rounds.js';
import { ADJUSTMENTS, COUNCIL_DECISIONS, UNITS, type BadFile, type EvidenceForm, type UnitProfile } from './sample/units.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'fixtures', 'sample-batch');
const YEAR = 2021;
const PROVINCE = 'Hưng Yên';
const PARENT = 'UBND TỈNH HƯNG YÊN';
const FRAMEWORK = 'hung-yen-2021-so';
const FIXED = new Date(Date.UTC(YEAR, 11, 1));

/** Plans that a report follows, so the report's body cites the unit's own plan. */
const PLAN_OF: Record<string, string> = {
  '1.1.2': '1.1.1', '1.3.2': '1.3.1', '1.4.2': '1.4.1', '2.2.2': '2.2.1', '2.2.3': '2.2.1',
  '2.3.2': '2.3.1', '3.1.2': '3.1.1', '5.4.2': '5.4.1', '7.5.2': '7.5.1', '7.5.3': '7.5.1',
};

const SECTION: Record<DocType, string> = { KH: 'Mục II', BC: 'Mục I', QĐ: 'Điều 1', TB: 'Mục I', TTr: 'Mục I', BB: 'Mục I' };

const PROVINCE_DATA_NOTE: Record<string, string> = {
  '2.1': 'Đã tham mưu UBND tỉnh ban hành 03/03 văn bản QPPL theo Chương trình năm 2021; Sở Tư pháp theo dõi.',
  '3.2.1': 'Đã tham mưu công bố danh mục TTHC đúng thời hạn; Văn phòng UBND tỉnh theo dõi trên Cơ sở dữ liệu quốc gia về TTHC.',
  '3.2.2': '100% TTHC được công khai trên Cổng Dịch vụ công của tỉnh và tại Bộ phận Một cửa.',
  '3.3.1': 'Tỷ lệ hồ sơ giải quyết đúng hạn theo Hệ thống thông tin giải quyết TTHC của tỉnh.',
  '3.4': 'Không có phản ánh, kiến nghị quá hạn trên Hệ thống tiếp nhận phản ánh, kiến nghị của tỉnh.',
  '4.2': 'Số lượng lãnh đạo cấp phòng đúng quy định; Sở Nội vụ theo dõi.',
  '4.3': 'Sử dụng biên chế trong số được giao; Sở Nội vụ theo dõi.',
  '5.2': 'Tuyển dụng, bổ nhiệm đúng quy định; hồ sơ đã gửi Sở Nội vụ.',
  '5.3': 'Đánh giá, xếp loại CBCCVC năm 2021 đúng quy định; kết quả đã gửi Sở Nội vụ.',
  '6.1': 'Quản lý, sử dụng kinh phí đúng quy định; Sở Tài chính theo dõi.',
  '6.3': 'Công khai dự toán, quyết toán ngân sách đúng thời hạn trên Cổng thông tin điện tử của Sở.',
  '6.4': 'Giải ngân vốn đầu tư công theo số liệu của Sở Kế hoạch và Đầu tư.',
  '7.1.3': 'Tỷ lệ văn bản điện tử ký số theo số liệu Hệ thống quản lý văn bản và điều hành của tỉnh.',
  '7.1.4': 'Cập nhật đầy đủ thông tin trên Cổng thông tin điện tử của Sở.',
  '7.1.5': 'Thực hiện đầy đủ báo cáo trên Hệ thống thông tin báo cáo của tỉnh.',
  '7.2.1': 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến mức độ 3, 4 theo Cổng Dịch vụ công của tỉnh.',
  '7.2.2': 'Tỷ lệ hồ sơ tiếp nhận trực tuyến theo Cổng Dịch vụ công của tỉnh.',
  '7.3': 'Tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích theo số liệu của Bưu điện tỉnh.',
  '7.4': 'Duy trì, cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015; Sở Khoa học và Công nghệ theo dõi.',
};

interface PlannedDoc {
  criterion: string;
  template: DocTemplate;
  type: DocType;
  iso: string;
  date: { day: number | null; month: number | null; year: number };
  numeral: string | null;
  otherIssuer: boolean;
  fileName: string;
  bad?: BadFile;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: { day: number | null; month: number | null; year: number }) =>
  `${d.year}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`;
const vnDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${Number(d) < 10 ? d : Number(d)}/${Number(m) <= 2 ? m : Number(m)}/${y}`;
};

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 60)
    .replace(/-$/u, '');
}

function planDocuments(profile: UnitProfile, framework: Framework): { docs: PlannedDoc[]; explainOnly: Set<string> } {
  const random = createRandom(profile.seed).next;
  const leaves = leafCriteria(framework).map((e) => e.criterion);
  const skip = new Set([...(profile.notApplicable ?? []), ...Object.keys(profile.explainOnly ?? {}), ...(profile.nothing ?? [])]);
  const needing = leaves.filter((c) => !c.survey && c.evidence?.required !== false && !skip.has(c.code));
  const budget = profile.maxFiles ?? 30;
  const explainOnly = new Set<string>();
  // Over budget: the last criteria are explained instead (the council reviews them).
  while (needing.length > budget) explainOnly.add(needing.pop()!.code);

  const docs: PlannedDoc[] = needing.map((c) => {
    const template = DOC_TEMPLATES[c.code];
    if (!template) throw new Error(`no document template for ${c.code}`);
    const month = template.month === 0 ? 12 : template.month;
    const year = template.month === 0 ? YEAR - 1 : YEAR;
    const day = c.code === '1.1.1' ? 4 + Math.floor(random() * 9) : 3 + Math.floor(random() * 23);
    const date = profile.dates?.[c.code] ?? { day, month, year };
    const type = profile.wrongType?.[c.code] ?? template.type;
    return {
      criterion: c.code,
      template: type === template.type ? template : { ...template, type, summary: 'Tình hình ứng dụng công nghệ thông tin, chuyển đổi số năm {year}' },
      type,
      iso: isoOf(date),
      date,
      numeral: '',
      otherIssuer: profile.otherIssuer?.includes(c.code) ?? false,
      fileName: '',
      ...(profile.badFiles?.[c.code] ? { bad: profile.badFiles[c.code] } : {}),
    };
  });

  // Numbers run consecutively through the year in date order, with other documents in between.
  const byDate = [...docs].filter((d) => !d.otherIssuer).sort((a, b) => a.iso.localeCompare(b.iso) || a.criterion.localeCompare(b.criterion));
  let n = 2 + Math.floor(random() * 6);
  let year = 0;
  for (const d of byDate) {
    if (d.date.year !== year) {
      year = d.date.year;
      n = 2 + Math.floor(random() * 6);
    }
    d.numeral = pad(n);
    n += 1 + Math.floor(random() * 14);
  }
  for (const d of docs) {
    if (d.otherIssuer) d.numeral = '58';
    if (profile.numerals && d.criterion in profile.numerals) d.numeral = profile.numerals[d.criterion] ?? null;
  }
  if (profile.duplicateNumber) {
    const [a, b] = profile.duplicateNumber;
    const first = docs.find((d) => d.criterion === a);
    const second = docs.find((d) => d.criterion === b);
    if (first && second) second.numeral = first.numeral;
  }
  for (const d of docs) d.fileName = fileNameFor(profile, d);
  return { docs, explainOnly };
}

function symbolOf(profile: UnitProfile, d: PlannedDoc): string {
  return d.otherIssuer ? `${d.type}-UBND` : `${d.type}-${profile.org.symbol}`;
}

function numberText(profile: UnitProfile, d: PlannedDoc): string {
  return `${d.numeral ?? ''}/${symbolOf(profile, d)}`;
}

function fileNameFor(profile: UnitProfile, d: PlannedDoc): string {
  const summary = fill(d.template.summary, profile.org, YEAR);
  if (profile.naming === 'vietnamese' && d.numeral) return `${TYPE_NAMES[d.type]} ${d.numeral}-${symbolOf(profile, d)}.pdf`;
  return `${slug(`${TYPE_NAMES[d.type]} ${summary}`)}.pdf`;
}

function specFor(profile: UnitProfile, d: PlannedDoc, plans: Map<string, PlannedDoc>): DocumentSpec {
  const org = profile.org;
  const summary = fill(d.template.summary, org, YEAR);
  const planDoc = PLAN_OF[d.criterion] ? plans.get(PLAN_OF[d.criterion]!) : undefined;
  const plan = planDoc && planDoc.numeral && !planDoc.otherIssuer
    ? { number: numberText(profile, planDoc), date: vnDate(planDoc.iso) }
    : undefined;
  if (d.otherIssuer) {
    const provinceOrg: Organisation = { code: 'UBND', name: 'UBND tỉnh', symbol: 'UBND', director: '', deputy: '' };
    return {
      issuingBody: 'ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN',
      numeral: d.numeral,
      symbol: symbolOf(profile, d),
      place: PROVINCE,
      date: d.date,
      kind: TYPE_TITLES[d.type],
      summary: summary.replace(' năm', ' của các sở, ban, ngành năm'),
      body: bodyFor({ template: d.template, org: provinceOrg, year: YEAR, iso: d.iso }),
      recipients: ['Các sở, ban, ngành tỉnh;', 'UBND các huyện, thị xã, thành phố;', 'Lưu: VT, NC.'],
      signer: { prefixes: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Phong' },
      created: new Date(`${d.iso}T08:00:00Z`),
    };
  }
  const deputySigns = d.type !== 'QĐ' && d.numeral !== null && Number.parseInt(d.numeral, 10) % 2 === 0;
  return {
    parentBody: PARENT,
    issuingBody: org.name.toUpperCase(),
    numeral: d.numeral,
    symbol: symbolOf(profile, d),
    place: PROVINCE,
    date: d.date,
    kind: TYPE_TITLES[d.type],
    summary,
    body: bodyFor({ template: d.template, org, year: YEAR, iso: d.iso, ...(plan ? { plan } : {}) }),
    recipients: d.type === 'BC' ? ['UBND tỉnh (b/c);', 'Sở Nội vụ;', 'Lưu: VT, VP.'] : ['Các phòng, đơn vị thuộc Sở;', 'Sở Nội vụ;', 'Lưu: VT, VP.'],
    signer: deputySigns
      ? { prefixes: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC', name: org.deputy }
      : { prefixes: [], title: 'GIÁM ĐỐC', name: org.director },
    created: new Date(`${d.iso}T08:00:00Z`),
  };
}

function explanationFor(profile: UnitProfile, d: PlannedDoc): string {
  const org = profile.org;
  const summary = fill(d.template.summary, org, YEAR);
  const numeral = profile.explanationCites?.[d.criterion] ?? d.numeral;
  const cited = numeral === null
    ? `${TYPE_NAMES[d.type]} ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`
    : `${TYPE_NAMES[d.type]} số ${numeral}/${symbolOf(profile, d)} ngày ${vnDate(d.iso)}${d.otherIssuer ? ' của UBND tỉnh' : ''}`;
  const section = profile.noSection?.includes(d.criterion) ? '' : ` (${SECTION[d.type]})`;
  const detail = fill(d.template.detail, org, YEAR);
  return `${cited}: ${detail}${section}.`;
}

function claimsFor(profile: UnitProfile, framework: Framework, docs: PlannedDoc[], explainOnly: Set<string>) {
  const random = createRandom(profile.seed * 7 + 1).next;
  const leaves = leafCriteria(framework).map((e) => e.criterion);
  const claims = new Map<string, Partial<Omit<Claim, 'criterion' | 'row'>>>();
  const scorable = leaves.filter((c) => !c.survey);
  const partial = new Set<string>();
  while (partial.size < profile.partials) {
    const c = scorable[Math.floor(random() * scorable.length)] as Criterion;
    if (c.max >= 1) partial.add(c.code);
  }
  for (const c of leaves) {
    if (c.survey) {
      const own = profile.surveySelf?.[c.code];
      if (own !== undefined) claims.set(c.code, { self: own, explanation: 'Đơn vị tự đánh giá theo kết quả khảo sát nội bộ.' });
      continue;
    }
    if (profile.notApplicable?.includes(c.code)) {
      claims.set(c.code, { self: null, notApplicable: true, explanation: 'Tiêu chí không áp dụng đối với đơn vị (không có đối tượng thực hiện).' });
      continue;
    }
    let self = profile.selfScores?.[c.code] ?? (partial.has(c.code) ? c.max - 0.5 : c.max);
    const docsHere = docs.filter((d) => d.criterion === c.code);
    let explanation: string;
    if (profile.nothing?.includes(c.code)) explanation = '';
    else if (profile.explainOnly?.[c.code]) explanation = profile.explainOnly[c.code]!;
    else if (explainOnly.has(c.code)) explanation = `Tài liệu kiểm chứng đã gửi kèm báo cáo tự đánh giá bản giấy; ${fill(DOC_TEMPLATES[c.code]?.detail ?? 'đã thực hiện đầy đủ', profile.org, YEAR)}.`;
    else if (docsHere.length > 0) explanation = docsHere.map((d) => explanationFor(profile, d)).join(' ');
    else explanation = PROVINCE_DATA_NOTE[c.code] ?? 'Theo số liệu theo dõi của cơ quan chuyên môn.';
    const files = docsHere.map((d) => d.fileName);
    if (profile.listedMissing?.[c.code]) files.push(profile.listedMissing[c.code]!);
    self = Math.max(0, self);
    claims.set(c.code, { self, evidenceFiles: files, explanation });
  }
  for (const code of Object.keys(profile.textScores ?? {})) {
    const claim = claims.get(code);
    if (claim) claims.set(code, { ...claim, self: null });
  }
  return claims;
}

/** Evidence as it reaches the secretariat: scanned paper, a signed electronic document, a legacy-font file. */
function renderForm(spec: DocumentSpec, form: EvidenceForm, profile: UnitProfile, d: PlannedDoc): Promise<Buffer> {
  const seed = profile.seed * 100 + Number.parseInt(d.criterion.replaceAll('.', ''), 10);
  switch (form.kind) {
    case 'scan':
      return renderScannedDocument(spec, {
        seed,
        dpi: form.dpi ?? 200,
        maxPages: 1,
        jpegQuality: 50,
        ...(form.skewDegrees !== undefined ? { skewDegrees: form.skewDegrees } : {}),
        ...(form.noise !== undefined ? { noise: form.noise } : {}),
        ...(form.upsideDown ? { upsideDown: true } : {}),
        ...(form.encoding ? { encoding: form.encoding } : {}),
        ...(form.stampNumber ? { stamp: { number: true, ink: 'blue' as const, style: 'numbering-stamp' as const } } : {}),
      });
    case 'signed': {
      const signed = renderSignedDocument(spec, {
        seed,
        overlay: form.overlay,
        box: form.box ?? 'text',
        signer: { agency: profile.org.name, parent: 'UBND tỉnh Hưng Yên', email: `${profile.org.code.toLowerCase()}@hungyen.gov.vn` },
      });
      // An incremental update after signing that paints over part of page 1's header.
      return form.modifiedAfterSigning
        ? signed.then((pdf) => appendUpdate(pdf, (doc) => doc.getPage(0).drawRectangle({ x: 60, y: 700, width: 150, height: 12, color: rgb(1, 1, 1) })))
        : signed;
    }
    case 'legacy':
      return renderLegacyFontDocument(spec, form.encoding);
  }
}

async function badBytes(kind: BadFile, good: Buffer): Promise<Buffer> {
  switch (kind) {
    case 'empty':
      return Buffer.alloc(0);
    case 'truncated':
      return truncatedPdf(good, 0.45);
    case 'not-pdf':
      return Buffer.from(
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Hệ thống quản lý văn bản và điều hành</title></head>\n' +
          '<body><p>Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại để tải văn bản.</p></body></html>\n',
        'utf8',
      );
    case 'encrypted':
      return encrypt(good);
  }
}

/** Add a Standard security handler whose user password is not empty: readers need a password. */
async function encrypt(good: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(good, { updateMetadata: false });
  const ctx = doc.context;
  const filler = (c: string) => PDFHexString.of(c.repeat(64));
  const encryptDict = ctx.obj({
    Filter: PDFName.of('Standard'),
    V: PDFNumber.of(1),
    R: PDFNumber.of(2),
    O: filler('7a'),
    U: filler('3c'),
    P: PDFNumber.of(-44),
  });
  ctx.trailerInfo.Encrypt = ctx.register(encryptDict);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')]);
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

async function writeXlsx(file: string, sheet: string, header: string[], rows: Array<Array<string | number>>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cchc';
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 22));
  await writeFile(file, normaliseZip(new Uint8Array(await wb.xlsx.writeBuffer())));
}

async function writeUnit(profile: UnitProfile, framework: Framework): Promise<number> {
  if (profile.absent) return 0;
  const dir = path.join(OUT, 'units', profile.org.code);
  const { docs, explainOnly } = planDocuments(profile, framework);
  const plans = new Map(docs.map((d) => [d.criterion, d]));
  let count = 0;
  for (const d of docs) {
    const folder = path.join(dir, 'evidence', d.criterion);
    await mkdir(folder, { recursive: true });
    const spec = specFor(profile, d, plans);
    const form = profile.forms?.[d.criterion];
    const good = form ? await renderForm(spec, form, profile, d) : await renderDocument(spec);
    await writeFile(path.join(folder, d.fileName), d.bad ? await badBytes(d.bad, good) : good);
    count++;
  }
  for (const [code, name] of Object.entries(profile.unlisted ?? {})) {
    const d = docs.find((x) => x.criterion === code);
    if (!d) continue;
    const draft = { ...d, numeral: null, date: { ...d.date, day: null } };
    await writeFile(path.join(dir, 'evidence', code, name), await renderDocument(specFor(profile, draft, plans)));
    count++;
  }

  const claims = claimsFor(profile, framework, docs, explainOnly);
  const unit = { code: profile.org.code, name: profile.org.name, group: 'so' };
  let report = await reportWorkbookBuffer(framework, { unit, year: YEAR, claims, created: FIXED });
  const textScores = Object.entries(profile.textScores ?? {});
  if (textScores.length > 0) {
    // Re-open to type text where a number belongs, as people do.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.eachRow((row) => {
      const code = String(row.getCell(2).value ?? '');
      const text = profile.textScores?.[code];
      if (text) row.getCell(5).value = text;
    });
    report = Buffer.from(await wb.xlsx.writeBuffer());
  }
  report = normaliseZip(new Uint8Array(report));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'report.xlsx'), profile.corruptReport ? report.subarray(0, 300) : report);
  return count;
}

function batchYaml(rounds = ''): string {
  const units = UNITS.map((u) => `  - { code: ${u.org.code}, name: "${u.org.name}", group: so }`).join('\n');
  return `# Đợt thẩm định mẫu: Chỉ số CCHC năm ${YEAR} các sở, ban, ngành tỉnh ${PROVINCE}.
# Sample batch generated by scripts/make-sample-batch.ts (npm run sample): every unit, document
# and problem in it is made up to show what the rules catch.
province: ${PROVINCE}
year: ${YEAR}
title: Thẩm định kết quả tự đánh giá Chỉ số CCHC năm ${YEAR} của các sở, ban, ngành tỉnh
framework: ${FRAMEWORK}

# Hưng Yên art. 6.1: data from 01/12 of the previous year to 30/11 of the assessed year.
dataWindow: { from: ${YEAR - 1}-12-01, to: ${YEAR}-11-30 }
cutoff: ${YEAR}-11-30

groups:
  - { code: so, name: "Sở, ban, ngành" }

council:
  name: Tổ thẩm định Chỉ số cải cách hành chính tỉnh
  parentBody: UBND TỈNH HƯNG YÊN
  body: TỔ THẨM ĐỊNH CHỈ SỐ CCHC
  minutesSymbol: BB-TTĐ
  minutesStart: 1
  place: ${PROVINCE}
  meetingPlace: Phòng họp tầng 3, trụ sở Sở Nội vụ tỉnh Hưng Yên
  meetingDate: ${YEAR}-12-20
  members:
    - { name: "Nguyễn Thị Thu Hà", title: "Phó Giám đốc Sở Nội vụ", role: Tổ trưởng}
    - { name: "Trần Văn Quang", title: "Phó Chánh Văn phòng UBND tỉnh", role: Tổ phó}
    - { name: "Lê Thị Minh", title: "Trưởng phòng Xây dựng và kiểm tra văn bản - Sở Tư pháp", role: Thành viên}
    - { name: "Phạm Quốc Bảo", title: "Phó Trưởng phòng Quản lý ngân sách - Sở Tài chính", role: Thành viên}
    - { name: "Hoàng Văn Đức", title: "Trưởng phòng Bưu chính, Viễn thông và CNTT - Sở Thông tin và Truyền thông", role: Thành viên}
    - { name: "Vũ Thị Hạnh", title: "Chuyên viên phòng Cải cách hành chính - Sở Nội vụ", role: Thư ký}

decision:
  issuingBody: ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN
  symbol: QĐ-UBND
  place: ${PROVINCE}
  authority: ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN
  bases:
    - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019
    - Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030
    - Căn cứ Quyết định số 1708/QĐ-UBND ngày 14 tháng 7 năm 2021 của UBND tỉnh ban hành Quy định về xác định Chỉ số cải cách hành chính và Bộ Chỉ số đánh giá kết quả cải cách hành chính của các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố và UBND các xã, phường, thị trấn trên địa bàn tỉnh Hưng Yên
  proposal: Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số      /TTr-SNV ngày      tháng 01 năm ${YEAR + 1}.
  executors: Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; Thủ trưởng các sở, ban, ngành tỉnh và các cơ quan, đơn vị có liên quan
  recipients:
    - Như Điều 3;
    - Bộ Nội vụ (b/c);
    - Thường trực Tỉnh ủy (b/c);
    - Thường trực HĐND tỉnh (b/c);
    - Chủ tịch, các Phó Chủ tịch UBND tỉnh;
    - Cổng thông tin điện tử tỉnh;
    - "Lưu: VT, NC."
  signer:
    prefixes: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]
    title: PHÓ CHỦ TỊCH
    name: Nguyễn Văn Phong

units:
${units}
${rounds ? `
# The calendar (Lào Cai 2021 §4, in this province's dates) and the snapshots taken at each deadline,
# carried with the batch: see scripts/sample/rounds.ts.
${rounds}` : ''}
inputs:
  survey: dieu-tra-xa-hoi-hoc.xlsx
  adjustments: diem-thuong-diem-tru.xlsx
  councilDecisions: ket-luan-to-tham-dinh.xlsx

# Certificates the province trusts for digital signature chains (PEM/DER). The sample's signed
# evidence is signed under a made-up test CA, whose certificate is all this folder holds.
trust: chung-thu
`;
}

async function main(): Promise<void> {
  const framework = await loadFramework(FRAMEWORK, ROOT);
  if (existsSync(OUT)) await rm(OUT, { recursive: true });
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, 'batch.yaml'), batchYaml());
  await mkdir(path.join(OUT, 'chung-thu'));
  const ca = testCaCertificate().der.toString('base64').replace(/.{1,64}/gu, '$&\n');
  await writeFile(path.join(OUT, 'chung-thu', 'ca-thu-nghiem-cchc.pem'), `-----BEGIN CERTIFICATE-----\n${ca}-----END CERTIFICATE-----\n`);

  let files = 0;
  for (const profile of UNITS) {
    const n = await writeUnit(profile, framework);
    files += n;
    process.stdout.write(`${profile.org.code}: ${n} tệp tài liệu kiểm chứng\n`);
  }

  await writeFile(path.join(OUT, 'batch.yaml'), batchYaml(await writeRounds(OUT, framework)));

  const surveyCriteria = leafCriteria(framework).map((e) => e.criterion).filter((c) => c.survey);
  const surveyRows: Array<Array<string | number>> = [];
  for (const profile of UNITS) {
    const random = createRandom(profile.seed * 13 + 5).next;
    for (const c of surveyCriteria) {
      const rate = Math.min(1, profile.surveyRate + (profile.org.code === 'STTTT' || profile.org.code === 'SCT' ? 0 : (random() - 0.5) * 0.06));
      surveyRows.push([profile.org.code, c.code, Math.round(c.max * rate * 100) / 100]);
    }
  }
  await writeXlsx(path.join(OUT, 'dieu-tra-xa-hoi-hoc.xlsx'), 'Điều tra XHH', ['Mã đơn vị', 'Mã tiêu chí', 'Điểm'], surveyRows);
  await writeXlsx(path.join(OUT, 'diem-thuong-diem-tru.xlsx'), 'Thưởng, trừ', ['Mã đơn vị', 'Loại', 'Điểm', 'Lý do'],
    ADJUSTMENTS.map((a) => [a.unit, a.kind, a.points, a.reason]));
  await writeXlsx(path.join(OUT, 'ket-luan-to-tham-dinh.xlsx'), 'Kết luận', ['Mã đơn vị', 'Mã tiêu chí', 'Điểm thẩm định', 'Ghi chú'],
    COUNCIL_DECISIONS.map((d) => [d.unit, d.criterion, d.score, d.note]));
  process.stdout.write(`Đã tạo đợt mẫu ${path.relative(ROOT, OUT)}: ${UNITS.length} đơn vị, ${files} tệp tài liệu kiểm chứng.\n`);
}

await main();
