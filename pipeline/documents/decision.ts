// Quyết định công bố Chỉ số CCHC, with its annex of ranking tables per group. Code lays out the
// Decree 30 header, "Nơi nhận", the signature block and the annex tables; the prose comes from
// templates/quyet-dinh-cong-bo.hbs.
import type { Paragraph, Table } from 'docx';
import type { Framework, UnitGroup, UnitResult } from '../model.js';
import { formatScore } from '../util/text.js';
import { TEMPLATE_FILES, type OutputContext } from './context.js';
import {
  BODY, contentWidth, DRAFT_COLOR, gridTable, headerTable, layoutTable, packDocx, para, paras, punctuateBases, recipientsBlock,
  rule, section, signatureBlock, SIZE, titleBlock, type GridCell,
} from './decree30-docx.js';
import { groupUnits, provisionalFacts, provisionalMark, ratingFacts, tieBreakCriteria, ties, unappraisedReason } from './facts.js';
import { documentTimestamp } from './ooxml.js';
import { loadTemplate, plainText, templatePath, type DocumentTemplate } from './template.js';
import { blankDate, longDate, placeDateLine, roman, upper } from './vn-format.js';

export const DECISION_TEMPLATE = TEMPLATE_FILES.decision;
export const DECISION_SECTIONS = [
  'ten-loai', 'trich-yeu', 'tham-quyen', 'can-cu', 'quyet-dinh', 'dieu-khoan',
  'phu-luc-tieu-de', 'phu-luc-nhom', 'phu-luc-ghi-chu', 'phu-luc-chua-tham-dinh',
] as const;

/** The year printed in a blank date: the decision is published the year after the assessed year. */
function issueYear(ctx: OutputContext): number {
  return ctx.batch.decision.date ? Number(ctx.batch.decision.date.slice(0, 4)) : ctx.result.year + 1;
}

export async function renderDecision(ctx: OutputContext): Promise<Buffer> {
  const template = await loadTemplate(templatePath(DECISION_TEMPLATE, ctx.batch.templates), DECISION_SECTIONS);
  return buildDecision(ctx, template);
}

export async function buildDecision(ctx: OutputContext, template: DocumentTemplate): Promise<Buffer> {
  const { decision } = ctx.batch;
  const view = decisionView(ctx);
  const width = contentWidth();
  const typeName = template.render('ten-loai', view);
  const summary = template.render('trich-yeu', view);

  const body: Array<Paragraph | Table> = [
    ...draftMark(ctx),
    headerTable({
      ...(decision.parentBody ? { parentBody: decision.parentBody } : {}),
      body: decision.issuingBody,
      number: `Số: ${view.soQuyetDinh}`,
      placeDate: placeDateLine(decision.place, decision.date, issueYear(ctx)),
    }),
    ...titleBlock(typeName, summary, width),
    ...paras(template.render('tham-quyen', view), { align: 'center', size: SIZE.body, bold: true, before: 120, after: 240 }),
    ...paras(punctuateBases(template.render('can-cu', view)), { ...BODY, italic: true }),
    ...paras(template.render('quyet-dinh', view), { align: 'center', size: SIZE.body, bold: true, before: 120, after: 240 }),
    ...paras(template.render('dieu-khoan', view), BODY, 2),
    closing(ctx, width),
  ];

  const annex = annexChildren(ctx, template, view);
  return packDocx({
    title: plainText([...typeName, ...summary]),
    sections: [
      section({ children: body }),
      section({ children: annex.children, landscape: annex.landscape, restartNumbering: true }),
    ],
    timestamp: documentTimestamp(decision.date ?? ctx.batch.council.meetingDate),
  });
}

/** Everything the decision template can print, by Vietnamese name (see templates/README.md). */
export function decisionView(ctx: OutputContext) {
  const { decision } = ctx.batch;
  const groups = presentGroups(ctx);
  const all = groups.map((g) => groupUnits(ctx.result, g));
  return {
    nam: ctx.result.year,
    namSau: ctx.result.year + 1,
    tinh: ctx.result.province,
    coQuan: {
      chuQuan: decision.parentBody ?? '',
      banHanh: decision.issuingBody,
      thamQuyen: decision.authority,
      diaDanh: decision.place,
    },
    soQuyetDinh: `     /${decision.symbol}`,
    ngayQuyetDinh: decision.date ? longDate(decision.date) : blankDate(issueYear(ctx)),
    canCu: decision.bases,
    deNghi: decision.proposal ?? '',
    thucHien: decision.executors,
    doiTuong: groups.map((g) => `các ${lowerFirst(g.name)}`).join('; '),
    soDonVi: all.reduce((s, g) => s + g.ranked.length + g.unappraised.length, 0),
    soDaThamDinh: all.reduce((s, g) => s + g.ranked.length, 0),
    chuaThamDinh: all.flatMap((g) => g.unappraised).map((u) => ({ ma: u.code, ten: u.name, lyDo: unappraisedReason(u) })),
  };
}

type DecisionView = ReturnType<typeof decisionView>;

function presentGroups(ctx: OutputContext): UnitGroup[] {
  return ctx.result.groups.filter((g) => ctx.result.units.some((u) => u.group === g.code));
}

/**
 * While anything awaits the council or a batch input could not be read, the draft says so above its
 * header, with the count, and names each missing input ("chưa có kết quả điều tra xã hội học: tệp …
 * không đọc được"): a draft that looks final is the mistake to prevent.
 */
function draftMark(ctx: OutputContext): Paragraph[] {
  const facts = provisionalFacts(ctx.result);
  const mark = provisionalMark(facts);
  if (!mark) return [];
  return [
    para(mark, { align: 'center', size: SIZE.table, bold: true, color: DRAFT_COLOR, after: facts.inputErrors.length > 0 ? 0 : 120 }),
    ...facts.inputErrors.map((e, i) => para(`(${upperFirst(e.reason)})`, {
      align: 'center', size: SIZE.table, italic: true, color: DRAFT_COLOR, after: i === facts.inputErrors.length - 1 ? 120 : 0,
    })),
  ];
}

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);
}

/** `Sở, ban, ngành` → `sở, ban, ngành`; an abbreviation (`UBND cấp huyện`) keeps its case. */
function lowerFirst(name: string): string {
  const first = name.split(/\s/u)[0] ?? '';
  if (first.length > 1 && first === upper(first)) return name;
  return name.charAt(0).toLocaleLowerCase('vi-VN') + name.slice(1);
}

/** "Nơi nhận" bottom left, the signature block bottom right. */
function closing(ctx: OutputContext, width: number): Table {
  const { signer, recipients } = ctx.batch.decision;
  const left = Math.round(width * 0.47);
  return layoutTable([left, width - left], [[
    [para('', { before: 120 }), ...recipientsBlock(recipients)],
    [para('', { before: 120 }), ...signatureBlock({ heading: [...signer.prefixes, signer.title], name: signer.name }, width - left)],
  ]]);
}

interface AnnexLayout {
  children: Array<Paragraph | Table>;
  landscape: boolean;
}

// Column widths of the annex table in twips.
const STT = 620;
const UNIT_MIN = 2800;
const SCORE = 1000;
const AREA = 720;
const RATING = 1150;
const RANK = 850;

function annexChildren(ctx: OutputContext, template: DocumentTemplate, view: DecisionView): AnnexLayout {
  const groups = presentGroups(ctx);
  const areaCount = (g: UnitGroup) => frameworkOf(ctx, g)?.areas.length ?? 0;
  const needed = Math.max(...groups.map((g) => STT + UNIT_MIN + 2 * SCORE + areaCount(g) * AREA + RATING + RANK));
  const landscape = needed > contentWidth(false);
  const width = contentWidth(landscape);
  const children: Array<Paragraph | Table> = [
    ...draftMark(ctx),
    ...paras(template.render('phu-luc-tieu-de', view), { align: 'center', size: SIZE.body, keepNext: true }),
    rule(1700, width, 240),
  ];
  groups.forEach((group, i) => {
    const framework = frameworkOf(ctx, group);
    const { ranked, unappraised } = groupUnits(ctx.result, group);
    const heading = template.render('phu-luc-nhom', { soLaMa: roman(i + 1), so: i + 1, ten: group.name, ma: group.code });
    children.push(...paras(heading, { size: SIZE.body, bold: true, before: i === 0 ? 0 : 240, after: 120, keepNext: true }));
    children.push(rankingTable(ranked, unappraised, framework, width, template));
    children.push(...paras(template.render('phu-luc-ghi-chu', annexNotes(ranked, framework)), {
      align: 'justify', size: SIZE.table, before: 60, after: 0,
    }));
  });
  return { children, landscape };
}

function frameworkOf(ctx: OutputContext, group: UnitGroup): Framework | undefined {
  const unit = ctx.result.units.find((u) => u.group === group.code);
  return unit ? ctx.frameworks.get(unit.framework) : undefined;
}

/** STT, unit, total score, index %, the area indexes, rating, rank. Unappraised units last, unranked. */
function rankingTable(
  ranked: UnitResult[], unappraised: UnitResult[], framework: Framework | undefined, width: number, template: DocumentTemplate,
): Table {
  const areas = framework?.areas ?? [];
  const unitWidth = width - STT - 2 * SCORE - areas.length * AREA - RATING - RANK;
  const widths = [STT, unitWidth, SCORE, SCORE, ...areas.map(() => AREA), RATING, RANK];
  const span = areas.length > 0 ? 2 : 1;
  const header: GridCell[][] = [[
    { text: 'STT', rowSpan: span },
    { text: 'Cơ quan, đơn vị', rowSpan: span },
    { text: 'Tổng điểm', rowSpan: span },
    { text: 'Chỉ số CCHC (%)', rowSpan: span },
    ...(areas.length > 0 ? [{ text: 'Chỉ số thành phần theo lĩnh vực (%)', colSpan: areas.length }] : []),
    { text: 'Xếp loại', rowSpan: span },
    { text: 'Xếp hạng', rowSpan: span },
  ]];
  if (areas.length > 0) header.push(areas.map((a) => ({ text: `(${a.code})` })));
  const body: GridCell[][] = ranked.map((u, i) => [
    { text: String(i + 1), align: 'center' },
    { text: u.name },
    { text: formatScore(u.appraisedTotal), align: 'center' },
    { text: formatScore(u.index), align: 'center', bold: true },
    ...areas.map((a): GridCell => {
      const result = u.areas.find((r) => r.code === a.code);
      return { text: result && result.max > 0 ? formatScore(result.index) : '-', align: 'center' };
    }),
    { text: u.rating, align: 'center' },
    { text: u.rank === null ? '' : String(u.rank), align: 'center', bold: true },
  ]);
  unappraised.forEach((u, i) => {
    body.push([
      { text: String(ranked.length + i + 1), align: 'center' },
      { text: u.name },
      { text: template.render('phu-luc-chua-tham-dinh', { ten: u.name, lyDo: unappraisedReason(u) }), italic: true, colSpan: widths.length - 2 },
    ]);
  });
  return gridTable(widths, header, body, SIZE.table);
}

/** What the notes under a group's table explain: the area legend, ties, downgraded ratings. */
function annexNotes(ranked: UnitResult[], framework: Framework | undefined) {
  const tieCriteria = tieBreakCriteria(framework);
  const codes = tieCriteria.map((c) => c.code);
  const areas = framework?.areas ?? [];
  const tied = ties(ranked, codes);
  const downgraded = ranked.map((u) => ({ u, r: ratingFacts(u, framework) })).filter(({ r }) => r.downgraded);
  return {
    coGhiChu: areas.length + tied.length + downgraded.length > 0,
    linhVuc: areas.map((a) => ({ ma: a.code, ten: a.title })),
    tieuChiPhanHang: tieCriteria.map((c) => ({ ma: c.code, ten: c.title })),
    dongDiem: tied.map((t) => ({
      chiSo: formatScore(t.index),
      phanHang: t.broken,
      donVi: t.units.map((u, k) => ({ ten: u.name, hang: u.rank ?? '', diemPhanHang: formatScore(t.tiePoints[k] ?? 0) })),
    })),
    nguong: formatScore(framework?.scoring.downgrade?.areaBelow ?? 0),
    haBac: downgraded.map(({ u, r }) => ({
        ten: u.name,
        chiSo: formatScore(u.index),
        xepLoai: u.rating,
        xepLoaiTheoChiSo: r.band,
        linhVuc: r.weakAreas.map((a) => ({ ma: a.code, ten: a.title, chiSo: formatScore(a.index) })),
      })),
  };
}
