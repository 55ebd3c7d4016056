// Biên bản thẩm định: one DOCX per appraised unit. Code lays out the Decree 30 header, the score
// table and the signatures; the prose comes from templates/bien-ban-tham-dinh.hbs.
import type { Paragraph, Table } from 'docx';
import type { CriterionResult, Extraction, Framework, UnitResult } from '../model.js';
import { foldVietnamese, formatScore, roundScore } from '../util/text.js';
import { TEMPLATE_FILES, type OutputContext } from './context.js';
import {
  BODY, contentWidth, DRAFT_COLOR, gridTable, headerTable, layoutTable, packDocx, para, paras, section, signatureBlock, signatureHeadingLines, SIZE,
  titleBlock, type GridCell,
} from './decree30-docx.js';
import {
  criteriaPoints, criterionFindings, extractionOf, fileName, needsReview, pointsLost, provisionalFacts, provisionalMark, ratingFacts,
  requestedCriteria, unitLevelFindings,
} from './facts.js';
import { documentTimestamp } from './ooxml.js';
import { loadTemplate, plainText, templatePath, type DocumentTemplate, type Line } from './template.js';
import { documentNumeral, placeDateLine } from './vn-format.js';
import { unsureMark } from '../rules/describe.js';
import { DEFAULT_MIN_CONFIDENCE } from '../rules/unreadable-evidence.js';

export const MINUTES_TEMPLATE = TEMPLATE_FILES.minutes;
export const MINUTES_SECTIONS = [
  'ten-loai', 'trich-yeu', 'mo-dau', 'sau-bang', 'o-tai-lieu', 'o-hoi-dong', 'o-dieu-tra', 'o-khong-ap-dung', 'o-linh-vuc',
] as const;

/** The minutes' number in the council's own series: `01/BB-TTĐ`. */
export function minutesNumber(ctx: OutputContext, sequence: number): string {
  return `${documentNumeral(ctx.batch.council.minutesStart + sequence)}/${ctx.batch.council.minutesSymbol}`;
}

/** The batch's minutes template (its own, or the bundled one), read and checked. */
export function loadMinutesTemplate(ctx: OutputContext): Promise<DocumentTemplate> {
  return loadTemplate(templatePath(MINUTES_TEMPLATE, ctx.batch.templates), MINUTES_SECTIONS);
}

export async function renderMinutes(ctx: OutputContext, unit: UnitResult, sequence: number): Promise<Buffer> {
  return buildMinutes(ctx, unit, sequence, await loadMinutesTemplate(ctx));
}

export async function buildMinutes(ctx: OutputContext, unit: UnitResult, sequence: number, template: DocumentTemplate): Promise<Buffer> {
  const { council } = ctx.batch;
  const framework = ctx.frameworks.get(unit.framework);
  const view = minutesView(ctx, unit, framework);
  const width = contentWidth();
  const typeName = template.render('ten-loai', view);
  const summary = template.render('trich-yeu', view);

  const children: Array<Paragraph | Table> = [
    ...(view.duThao ? [para(view.duThao, { align: 'center', size: SIZE.table, bold: true, color: DRAFT_COLOR, after: 120 })] : []),
    headerTable({
      parentBody: council.parentBody,
      body: council.body,
      number: `Số: ${minutesNumber(ctx, sequence)}`,
      placeDate: placeDateLine(council.place, council.meetingDate, ctx.result.year),
    }),
    ...titleBlock(typeName, summary, width),
    ...paras(template.render('mo-dau', view), BODY),
    scoreTable(unit, framework, template, view),
    para('', { after: 120 }),
    ...paras(template.render('sau-bang', view), BODY, 2),
    signatures(ctx, unit, width),
  ];
  return packDocx({
    title: plainText([...typeName, ...summary]),
    subject: `${unit.code} ${unit.name}`,
    sections: [section({ children })],
    timestamp: documentTimestamp(council.meetingDate),
  });
}

/** Everything the minutes template can print, by Vietnamese name (see templates/README.md). */
export function minutesView(ctx: OutputContext, unit: UnitResult, framework: Framework | undefined) {
  const { council } = ctx.batch;
  const rating = ratingFacts(unit, framework);
  const leaves = unit.criteria.filter((c) => c.leaf);
  const decided = leaves.filter((c) => c.council);
  const withFindings = leaves.map((c) => ({ c, findings: criterionFindings(unit, c) }));
  const pending = withFindings.filter(({ c, findings }) => needsReview(c, findings));
  const lost = leaves.filter((c) => pointsLost(c) > 0);
  const otherIssues = [
    ...(ctx.result.inputErrors ?? []).map((e) => `${capitalise(e.reason)}; kết quả thẩm định chưa phải là kết quả cuối cùng.`),
    ...unitLevelFindings(unit).map((f) => withoutPaths(f.reason, unit)),
  ];
  const toSupplement = requestedCriteria(unit);
  const pendingHere = provisionalFacts(ctx.result, [unit]);
  return {
    nam: ctx.result.year,
    namSau: ctx.result.year + 1,
    tinh: ctx.result.province,
    boChiSo: publishedName(framework?.name ?? unit.framework),
    duThao: provisionalMark(pendingHere) ?? '',
    yeuCauTaiLieu: evidenceRequirement(framework),
    chotSoLieu: { tu: ctx.result.dataWindow.from, den: ctx.result.dataWindow.to },
    hoiDong: {
      ten: council.name,
      loai: councilKind(council.name),
      coQuanChuQuan: council.parentBody,
      coQuan: council.body,
      diaDiemHop: council.meetingPlace,
      ngayHop: council.meetingDate,
      gioHop: meetingTime(council.meetingTime),
      thanhVien: council.members.map((m) => ({ ten: m.name, chucVu: m.title, vaiTro: m.role })),
    },
    donVi: { ma: unit.code, ten: unit.name, nhom: ctx.result.groups.find((g) => g.code === unit.group)?.name ?? unit.group },
    hoSo: {
      soTieuChi: leaves.length,
      soTaiLieu: unit.evidence.length,
      soTaiLieuKhongDoc: unit.evidence.filter((e) => e.status !== 'ok').length,
    },
    ketQua: {
      tuDanhGia: formatScore(unit.selfTotal),
      thamDinh: formatScore(unit.appraisedTotal),
      diemTieuChi: formatScore(criteriaPoints(unit)),
      diemDieuTra: formatScore(unit.surveyPoints),
      coDiemThuong: unit.bonus > 0,
      diemThuong: formatScore(unit.bonus),
      coDiemTru: unit.penalty > 0,
      diemTru: formatScore(unit.penalty),
      diemToiDa: formatScore(unit.maxApplicable),
      chiSo: formatScore(unit.index),
      xepLoai: unit.rating,
      xepLoaiTheoChiSo: rating.band,
      haBac: rating.downgraded,
      nguongHaBac: rating.threshold === null ? '' : formatScore(rating.threshold),
      linhVucDuoiNguong: rating.weakAreas.map((a) => ({ ma: a.code, ten: a.title, chiSo: formatScore(a.index) })),
    },
    quyetDinhHoiDong: decided.map((c) => ({
      ma: c.code, ten: c.title, deXuat: formatScore(c.proposed), thamDinh: formatScore(c.appraised), ghiChu: c.council?.note ?? '',
    })),
    tieuChiChoXem: pending.map(({ c, findings }) => ({
      ma: c.code,
      ten: c.title,
      thamDinh: formatScore(c.appraised),
      lyDo: findings.filter((f) => f.effect === 'review').map((f) => withoutPaths(f.reason, unit)).join(' '),
    })),
    vanDeKhac: otherIssues,
    coNoiDungXemXet: decided.length + pending.length + otherIssues.length > 0,
    tieuChiBiTru: lost.map((c) => ({ ma: c.code, ten: c.title, giam: formatScore(pointsLost(c)) })),
    tieuChiCanBoSung: toSupplement.map((c) => ({ ma: c.code, ten: c.title })),
  };
}

type MinutesView = ReturnType<typeof minutesView>;

/**
 * The council's kind as its own name gives it (`Hội đồng thẩm định…` → `Hội đồng thẩm định`,
 * `Tổ thẩm định…` → `Tổ thẩm định`, `Đoàn…` → `Đoàn thẩm định`): the minutes never call a Hội đồng a Tổ.
 */
export function councilKind(name: string): string {
  const folded = foldVietnamese(name);
  if (folded.startsWith('hoi dong')) return 'Hội đồng thẩm định';
  if (folded.startsWith('doan')) return 'Đoàn thẩm định';
  return 'Tổ thẩm định';
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);
}

/** A bundled framework's name without its "(mẫu)" marker: the minutes cite the framework, not our sample of it. */
export function publishedName(name: string): string {
  return name.replace(/,\s*mẫu\s*\)/u, ')').replace(/\s*\(\s*mẫu\s*\)/u, '').trim();
}

/**
 * What valid evidence is, as the framework's `unsigned-evidence` settings say (Lào Cai §2: a scan or
 * a digitally signed document; Thái Nguyên 2024 §4a: digitally signed only), and the suffixed-number
 * rule when it is on. Without the unsigned-evidence rule, only what every framework asks.
 */
export function evidenceRequirement(framework: Framework | undefined): string {
  const unsigned = framework?.rules['unsigned-evidence'];
  const accept = unsigned?.enabled ? ((unsigned.accept as string[] | undefined) ?? ['scan', 'signature']) : null;
  const kinds = accept?.map((a) => (a === 'scan' ? 'bản chụp (scan) văn bản giấy' : 'văn bản điện tử có chữ ký số'));
  const what = kinds ? `Tài liệu kiểm chứng phải là ${kinds.join(' hoặc ')}` : 'Tài liệu kiểm chứng phải là văn bản đã ban hành, có đủ số, ký hiệu và ngày ban hành';
  const suffixed = framework?.rules['suffixed-number']?.enabled ? ', không dùng số có chữ cái kèm theo' : '';
  return `${what}; số, ký hiệu văn bản theo đúng quy định tại Nghị định số 30/2020/NĐ-CP${suffixed}.`;
}

/** `08:30` → `08 giờ 30`; dotted blanks for the secretary to fill when batch.yaml has no time. */
function meetingTime(time: string | undefined): string {
  const match = time ? /^(\d{1,2}):(\d{2})$/u.exec(time) : null;
  return match ? `${match[1]!.padStart(2, '0')} giờ ${match[2]}` : '...... giờ ......';
}

// Column widths in twips: code, title, max, self, appraised, difference, reason (the reason takes the rest).
const COLUMNS = [700, 2350, 700, 760, 800, 860];

function scoreTable(unit: UnitResult, framework: Framework | undefined, template: DocumentTemplate, view: MinutesView): Table {
  const widths = [...COLUMNS, contentWidth() - COLUMNS.reduce((s, w) => s + w, 0)];
  const header: GridCell[][] = [
    [
      { text: 'Mã', rowSpan: 2 }, { text: 'Tiêu chí, tiêu chí thành phần', rowSpan: 2 }, { text: 'Điểm', colSpan: 4 },
      { text: 'Lý do, tài liệu kiểm chứng', rowSpan: 2 },
    ],
    [{ text: 'Tối đa' }, { text: 'Tự đánh giá' }, { text: 'Thẩm định' }, { text: 'Chênh lệch' }],
  ];
  const num = (value: number | null) => (value === null ? '' : formatScore(value));
  const diff = (self: number | null, appraised: number) => {
    if (self === null) return '';
    const d = roundScore(appraised - self);
    return d === 0 ? '' : `${d > 0 ? '+' : ''}${formatScore(d)}`;
  };
  const threshold = framework?.scoring.downgrade?.areaBelow ?? null;
  const body: GridCell[][] = [];
  for (const area of unit.areas) {
    const areaReason = template.render('o-linh-vuc', {
      chiSo: formatScore(area.index),
      duoiNguong: area.kind === 'content' && threshold !== null && area.max > 0 && area.index < threshold,
      nguong: threshold === null ? '' : formatScore(threshold),
    });
    const survey = area.kind === 'survey';
    body.push([
      { text: area.code, bold: true, align: 'center' },
      { text: area.title, bold: true },
      { text: num(area.max), bold: true, align: 'center' },
      { text: survey ? '' : num(area.self), bold: true, align: 'center' },
      { text: num(area.appraised), bold: true, align: 'center' },
      { text: survey ? '' : diff(area.self, area.appraised), bold: true, align: 'center' },
      { text: areaReason, italic: true },
    ]);
    for (const c of unit.criteria.filter((k) => k.area === area.code)) {
      const reason = c.leaf ? criterionReason(unit, c, template, view.hoiDong.loai) : [];
      // A score the council has still to settle is provisional, in the table too (section 4 says why).
      const provisional = c.leaf && !c.notApplicable && needsReview(c, criterionFindings(unit, c));
      body.push([
        { text: c.code, align: 'center', italic: !c.leaf },
        { text: c.title, italic: !c.leaf },
        { text: num(c.max), align: 'center', italic: !c.leaf },
        { text: c.notApplicable ? '-' : num(c.self), align: 'center', italic: !c.leaf },
        { text: c.notApplicable ? '-' : `${num(c.appraised)}${provisional ? ' (tạm tính)' : ''}`, align: 'center', bold: c.leaf && c.appraised !== c.self && c.self !== null, italic: !c.leaf },
        { text: c.notApplicable ? '' : diff(c.self, c.appraised), align: 'center', italic: !c.leaf },
        { text: reason },
      ]);
    }
  }
  const total = (label: string, self: string, appraised: string): GridCell[] => [
    { text: label, bold: true, colSpan: 2 }, { text: '' }, { text: self, bold: true, align: 'center' },
    { text: appraised, bold: true, align: 'center' }, { text: '' }, { text: '' },
  ];
  if (unit.bonus > 0) body.push(total('Điểm thưởng', '', `+${formatScore(unit.bonus)}`));
  if (unit.penalty > 0) body.push(total('Điểm trừ', '', `-${formatScore(unit.penalty)}`));
  body.push([
    { text: 'TỔNG CỘNG', bold: true, colSpan: 2 },
    { text: formatScore(unit.maxApplicable), bold: true, align: 'center' },
    { text: view.ketQua.tuDanhGia, bold: true, align: 'center' },
    { text: view.ketQua.thamDinh, bold: true, align: 'center' },
    { text: '' },
    { text: `Chỉ số: ${view.ketQua.chiSo}%; xếp loại đề xuất: ${view.ketQua.xepLoai}.`, bold: true },
  ]);
  return gridTable(widths, header, body, SIZE.table);
}

/** The reason cell: each finding's sentence, the council's decision, then the evidence files read. */
export function criterionReason(unit: UnitResult, c: CriterionResult, template: DocumentTemplate, councilKindName = 'Tổ thẩm định'): Array<string | Line> {
  if (c.notApplicable) {
    // Whose word took it off the scale (the unit's explained waiver, the council's KAD), when said.
    const said = criterionFindings(unit, c).map((f) => withoutPaths(f.reason, unit));
    return said.length > 0 ? said : template.render('o-khong-ap-dung', {});
  }
  const lines: Array<string | Line> = [];
  const findings = criterionFindings(unit, c);
  for (const f of findings) lines.push(withoutPaths(f.reason, unit));
  if (c.council) {
    lines.push(...template.render('o-hoi-dong', {
      thamDinh: formatScore(c.appraised), deXuat: formatScore(c.proposed), ghiChu: c.council.note, loai: councilKindName,
    }));
  }
  if (c.survey) lines.push(...template.render('o-dieu-tra', {}));
  const quoted = new Set(findings.map((f) => f.file).filter(Boolean));
  for (const file of c.evidence) {
    const e = extractionOf(unit, file);
    const hand = handwrittenSources(e);
    // A file a finding already quotes is listed again only to say where a handwritten value came from.
    if (quoted.has(file) && !hand) continue;
    lines.push(...template.render('o-tai-lieu', {
      tep: fileName(file),
      // A value read with low confidence is the reader's guess: the minutes say so (rules' default 0.8).
      so: e?.number ? `${e.number}${unsureMark(e.numberConfidence)}` : '',
      soTrong: e?.blankNumber ?? false,
      ngay: e?.date ?? '',
      ngayChuaChac: !!e?.date && e.dateConfidence < DEFAULT_MIN_CONFIDENCE,
      khongDoc: e ? e.status !== 'ok' : false,
      vietTay: hand,
    }));
  }
  return lines;
}

/**
 * Where the handwritten values taken for a file came from, for the minutes ("số 1975 viết tay, khớp
 * với giải trình của đơn vị; ngày 2 viết tay, …"); empty when none was taken from handwriting.
 */
export function handwrittenSources(e: Extraction | undefined): string {
  const parts = e?.parts;
  if (!parts) return '';
  return [parts.numeral, parts.day, parts.month]
    .filter((p) => p.status === 'read' && p.handwriting && p.note)
    .map((p) => p.note as string)
    .join('; ');
}

/**
 * A finding's sentence as the unit reads it in the minutes: batch-relative paths
 * (`units/STP/evidence/1.2/Kế hoạch.pdf`) become the file's own name, the unit's folder is dropped
 * (`evidence/1.2/`), and no `units/` prefix remains.
 */
export function withoutPaths(reason: string, unit: UnitResult): string {
  let out = reason;
  const files = [...new Set([...unit.evidence.map((e) => e.file), ...unit.criteria.flatMap((c) => c.evidence)])].sort((a, b) => b.length - a.length);
  for (const file of files) out = out.split(file).join(fileName(file));
  const folders = new Set<string>();
  for (const f of [...files, ...unit.findings.map((x) => x.file ?? ''), ...unit.criteria.flatMap((c) => c.findings.map((x) => x.file ?? ''))]) {
    const parts = f.split('/');
    if (parts[0] === 'units' && parts[1]) folders.add(`units/${parts[1]}`);
  }
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) out = out.split(`${folder}/`).join('');
  return out.replace(/\bunits\//gu, '');
}

/** Unit representative, secretary and chair sign; the chair on the right as Decree 30 places the chủ tọa. */
export function signatures(ctx: OutputContext, unit: UnitResult, width: number): Table {
  const members = ctx.batch.council.members;
  const role = (pattern: RegExp) => members.find((m) => pattern.test(foldVietnamese(m.role)));
  const chair = role(/^(to truong|chu tich|truong doan)/u) ?? members[0];
  const secretary = role(/thu ky/u);
  const blocks = [
    { heading: [`Đại diện ${unit.name}`], name: '' },
    ...(secretary ? [{ heading: [secretary.role], name: secretary.name }] : []),
    ...(chair ? [{ heading: [chair.role], name: chair.name }] : []),
  ];
  const col = Math.floor(width / blocks.length);
  const widths = blocks.map((_, i) => (i === blocks.length - 1 ? width - col * (blocks.length - 1) : col));
  const lines = Math.max(...blocks.map((b, i) => signatureHeadingLines(b, widths[i]!)));
  return layoutTable(widths, [blocks.map((b, i) => [para('', { before: 240 }), ...signatureBlock({ ...b, lines }, widths[i]!)])]);
}
