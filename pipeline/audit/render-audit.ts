// The audit's pages, as strings: an index of the units and one page per unit, every criterion
// with its scores and findings, and under it its evidence files with the header crop each reading
// came from. Pure: results in, HTML out; the pages work from a shared folder (no server, no
// network), with their script and style beside them.
import { createHash } from 'node:crypto';
import type { BatchResult, CriterionResult, Extraction, ExtractionParts, Finding, PartStatus, UnitResult } from '../model.js';
import { boundedName } from '../documents/context.js';
import { criterionFindings } from '../documents/facts.js';
import { ruleLabel, ruleName } from '../rules/names.js';
import { DEFAULT_MIN_CONFIDENCE } from '../rules/unreadable-evidence.js';
import { foldVietnamese, formatDateVn, formatScore, roundScore } from '../util/text.js';
import { esc, hrefOf } from './html.js';
import { OUTLINE } from './header-crop.js';
import { signatureVerdict } from './signature-verdict.js';
import { correctionPlace } from '../batch/correction-place.js';

/** Files of the audit folder, relative to it. */
export const AUDIT_FILES = {
  index: 'index.html',
  style: 'audit.css',
  script: 'audit.js',
  unitsDir: 'don-vi',
  unit: (code: string) => `don-vi/${boundedName('', fileSafe(code), '.html')}`,
  cropsDir: 'anh',
} as const;

/** Where a unit page finds things: the PDF and the crop of a file. */
export interface AuditLinks {
  /** The evidence PDF's path from a unit page (`../../../batch/units/…`), `/`-separated; `relPath` as on disk. */
  pdf(relPath: string): string;
  /** The crop of this reading, relative to the audit folder (`anh/….png`); null when there is none. */
  crop(e: Extraction): string | null;
}

export interface AuditPage {
  /** Relative to the audit folder. */
  path: string;
  html: string;
}

/** The default low-confidence line of the unreadable-evidence rule (the framework may set another). */
const LOW = DEFAULT_MIN_CONFIDENCE;

/** A unit's proposed total: the appraised total with every council decision taken back to the rules' proposal. */
export function proposedTotal(unit: UnitResult): number {
  const shift = unit.criteria.filter((c) => c.leaf && c.council).reduce((sum, c) => sum + (c.proposed - c.appraised), 0);
  return roundScore(unit.appraisedTotal + shift);
}

/** Files not read, or read below the confidence line and not confirmed by a person. */
export function unverified(e: Extraction): boolean {
  return e.status === 'ok' && e.source !== 'person' && e.confidence < LOW;
}

export function renderAudit(result: BatchResult, links: AuditLinks): AuditPage[] {
  return [
    { path: AUDIT_FILES.index, html: renderIndex(result) },
    ...result.units.map((unit) => ({ path: AUDIT_FILES.unit(unit.code), html: renderUnit(result, unit, links) })),
  ];
}

function page(title: string, depth: 0 | 1, body: string, bodyAttrs = ''): string {
  const up = depth === 0 ? '' : '../';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${up}${AUDIT_FILES.style}">
<script src="${up}${AUDIT_FILES.script}" defer></script>
</head>
<body${bodyAttrs}>
${body}
</body>
</html>
`;
}

function batchTitle(result: BatchResult): string {
  return result.title ?? `Thẩm định Chỉ số CCHC năm ${result.year}, tỉnh ${result.province}`;
}

function renderIndex(result: BatchResult): string {
  const groups = new Map(result.groups.map((g) => [g.code, g.name]));
  // Each group's units in rank order, those not ranked last: the order of the decision's annex.
  const groupOrder = new Map(result.groups.map((g, i) => [g.code, i]));
  const ordered = [...result.units].sort((a, b) => (groupOrder.get(a.group) ?? Infinity) - (groupOrder.get(b.group) ?? Infinity)
    || (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code, 'vi'));
  const rows = ordered.map((u) => {
    const unread = u.evidence.filter((e) => e.status === 'unreadable').length;
    const weak = u.evidence.filter(unverified).length;
    const provisional = u.status === 'ok' && (u.pendingReview > 0 || weak > 0 || unread > 0);
    const cells = [
      num(u.rank, u.rank === null ? '—' : String(u.rank)),
      `<td><a href="${hrefOf(AUDIT_FILES.unit(u.code))}">${esc(u.code)}</a></td>`,
      `<td>${esc(u.name)}${u.status === 'error' ? ' <span class="tag bad">không thẩm định được</span>' : ''}</td>`,
      `<td>${esc(groups.get(u.group) ?? u.group)}</td>`,
      // A unit that could not be appraised has no totals (its survey points alone are not a score).
      ...(u.status === 'ok' ? [num(u.selfTotal), num(proposedTotal(u)), num(u.appraisedTotal), num(u.index)] : [num(null), num(null), num(null), num(null)]),
      `<td>${esc(u.rating)}</td>`,
      num(u.pendingReview, String(u.pendingReview), u.pendingReview > 0 ? 'warn' : ''),
      num(unread, String(unread), unread > 0 ? 'bad' : ''),
      num(weak, String(weak), weak > 0 ? 'warn' : ''),
      `<td>${provisional ? '<span class="tag provisional">Tạm tính</span>' : ''}</td>`,
    ];
    return `<tr data-provisional="${provisional ? 1 : 0}" data-pending="${u.pendingReview > 0 ? 1 : 0}" data-text="${esc(`${u.code} ${u.name}`.toLowerCase())}">${cells.join('')}</tr>`;
  });
  const head = ['Hạng', 'Mã', 'Đơn vị', 'Nhóm', 'Tự chấm', 'Đề xuất', 'Thẩm định', 'Chỉ số', 'Xếp loại', 'Chờ Hội đồng', 'Tệp không đọc được', 'Tệp chưa xác minh', '']
    .map((h, i) => `<th data-sort="${i}" data-type="${[0, 4, 5, 6, 7, 9, 10, 11].includes(i) ? 'num' : 'text'}" tabindex="0">${esc(h)}</th>`).join('');
  const provisionalUnits = result.units.filter((u) => u.status === 'ok' && u.pendingReview > 0).length;
  const body = `<header>
<h1>Kiểm tra tài liệu kiểm chứng</h1>
<p class="sub">${esc(batchTitle(result))} — dữ liệu từ ngày ${esc(formatDateVn(result.dataWindow.from))} đến ngày ${esc(formatDateVn(result.dataWindow.to))}</p>
${provisionalUnits > 0 ? `<p class="note provisional">Kết quả tạm tính: ${provisionalUnits} đơn vị còn tiêu chí chờ Hội đồng thẩm định quyết định.</p>` : ''}
</header>
<main>
<div class="filters" role="search">
<label>Tìm đơn vị <input type="search" id="unit-search" placeholder="mã hoặc tên đơn vị"></label>
<label><input type="checkbox" id="only-provisional"> Chỉ đơn vị tạm tính</label>
<label><input type="checkbox" id="only-pending"> Chỉ đơn vị có tiêu chí chờ Hội đồng</label>
<span id="shown" aria-live="polite"></span>
</div>
<table id="units" class="sortable">
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="hint">Bấm vào tiêu đề cột để sắp xếp. “Đề xuất” là điểm theo các quy tắc trước khi Hội đồng quyết định; “Tệp chưa xác minh” là tệp có số hoặc ngày đọc được với độ tin cậy dưới ${Math.round(LOW * 100)}% và chưa được người kiểm tra xác nhận.</p>
<section class="save" id="corrections" data-file="${esc(batchCorrectionsFile(result))}" data-batch="${esc(batchTitle(result))}">
<h2>Hiệu chỉnh của cả đợt</h2>
<p>Các xác nhận và hiệu chỉnh đã nhập ở trang các đơn vị (trên trình duyệt này): <strong id="correction-count">0</strong>. Tệp tải về (<code>${esc(batchCorrectionsFile(result))}</code>) gộp tất cả; đặt vào thư mục đợt thẩm định và khai báo ở <code>inputs.corrections</code> trong batch.yaml, lần chạy sau sẽ áp dụng.</p>
<label>Người hiệu chỉnh <input type="text" id="corrector" autocomplete="name" placeholder="họ và tên"></label>
<button type="button" id="save-batch-corrections">Lưu tệp hiệu chỉnh của cả đợt</button>
<button type="button" id="clear-batch-corrections" class="secondary">Xóa các hiệu chỉnh đã nhập trong trình duyệt</button>
<p id="save-status" role="status"></p>
</section>
</main>`;
  return page(`Kiểm tra tài liệu kiểm chứng — ${batchTitle(result)}`, 0, body, ' class="index"');
}

function num(value: number | null, text = value === null ? '—' : formatScore(value), cls = ''): string {
  return `<td class="num${cls ? ` ${cls}` : ''}" data-value="${value ?? ''}">${esc(text)}</td>`;
}

function renderUnit(result: BatchResult, unit: UnitResult, links: AuditLinks): string {
  const total = (value: number) => (unit.status === 'ok' ? esc(formatScore(value)) : '—');
  const byFile = new Map(unit.evidence.map((e) => [e.file, e]));
  const leaves = unit.criteria.filter((c) => c.leaf);
  const listed = new Set(leaves.flatMap((c) => c.evidence));
  const others = unit.evidence.filter((e) => !listed.has(e.file));
  // By their Vietnamese names, as the clerk reads them; the value stays the rule's id.
  // The report's findings about a criterion (a self score not a number…) are kept on the unit and
  // shown on that criterion, as in the minutes; the header keeps the unit's own.
  const findingsOf = new Map(leaves.map((c) => [c.code, criterionFindings(unit, c)]));
  const unitOwn = unit.findings.filter((f) => !f.criterion || !findingsOf.has(f.criterion));
  const rules = [...new Set([...findingsOf.values()].flatMap((fs) => fs.map((f) => f.rule)))].sort((a, b) => ruleName(a).localeCompare(ruleName(b), 'vi'));
  const unread = unit.evidence.filter((e) => e.status === 'unreadable').length;
  const weak = unit.evidence.filter(unverified).length;
  const provisional = unit.status === 'ok' && (unit.pendingReview > 0 || weak > 0 || unread > 0);
  const criteria = unit.criteria.map((c) => (c.leaf ? criterionBlock(c, findingsOf.get(c.code) ?? c.findings, byFile, links) : parentHeading(c))).join('\n');
  const body = `<header>
<p class="crumbs"><a href="../${AUDIT_FILES.index}">← Danh sách đơn vị</a></p>
<h1>${esc(unit.name)} <span class="code">(${esc(unit.code)})</span>${provisional ? ' <span class="tag provisional">Tạm tính</span>' : ''}</h1>
<dl class="totals">
<div><dt>Tự chấm</dt><dd>${total(unit.selfTotal)}</dd></div>
<div><dt>Đề xuất</dt><dd>${total(proposedTotal(unit))}</dd></div>
<div><dt>Thẩm định</dt><dd>${total(unit.appraisedTotal)}</dd></div>
<div><dt>Chỉ số</dt><dd>${total(unit.index)}</dd></div>
<div><dt>Xếp loại</dt><dd>${esc(unit.rating)}</dd></div>
<div><dt>Xếp hạng</dt><dd>${unit.rank ?? '—'}</dd></div>
<div><dt>Chờ Hội đồng</dt><dd>${unit.pendingReview}</dd></div>
<div><dt>Tệp không đọc được</dt><dd>${unread}</dd></div>
<div><dt>Tệp chưa xác minh</dt><dd>${weak}</dd></div>
</dl>
${unitOwn.length > 0 ? `<ul class="unit-findings">${unitOwn.map((f) => `<li><span class="rule" title="${esc(f.rule)}">${esc(ruleName(f.rule))}</span> ${esc(f.reason)}</li>`).join('')}</ul>` : ''}
</header>
<main>
<div class="filters" role="search">
<label><input type="checkbox" id="f-pending"> Chờ Hội đồng</label>
<label><input type="checkbox" id="f-zeroed"> Bị chấm 0 / giảm điểm</label>
<label><input type="checkbox" id="f-low"> Độ tin cậy thấp, không đọc được</label>
<label>Quy tắc <select id="f-rule"><option value="">(tất cả)</option>${rules.map((r) => `<option value="${esc(r)}">${esc(ruleLabel(r))}</option>`).join('')}</select></label>
<label>Tìm số văn bản <input type="search" id="f-number" placeholder="ví dụ 30a/KH"></label>
<span id="shown" aria-live="polite"></span>
</div>
<p class="legend">Khung <span style="color:${OUTLINE.number}">đỏ</span>: vùng đọc số văn bản; khung <span style="color:${OUTLINE.date}">xanh</span>: vùng đọc ngày ban hành. Bấm “Xác nhận” nếu số và ngày đọc đúng, hoặc gõ số, ngày đúng rồi bấm “Lưu tệp hiệu chỉnh” ở cuối trang.</p>
${criteria}
${others.length > 0 ? `<section class="criterion others"><h2>Tài liệu không thuộc tiêu chí nào</h2>${others.map((e) => evidenceBlock(e.file, e, links)).join('\n')}</section>` : ''}
<section class="save" id="corrections" data-unit="${esc(unit.code)}">
<h2>Hiệu chỉnh</h2>
<p>Các hiệu chỉnh đã nhập: <strong id="correction-count">0</strong>. Tệp tải về (<code>hieu-chinh-${esc(fileSafe(unit.code))}.json</code>) đặt vào thư mục đợt thẩm định và khai báo ở <code>inputs.corrections</code> trong batch.yaml; lần chạy sau sẽ áp dụng. Những gì đã nhập được trình duyệt giữ lại (tải lại trang không mất); trang <a href="../${AUDIT_FILES.index}">danh sách đơn vị</a> lưu được một tệp chung cho cả đợt.</p>
<label>Người hiệu chỉnh <input type="text" id="corrector" autocomplete="name" placeholder="họ và tên"></label>
<button type="button" id="save-corrections">Lưu tệp hiệu chỉnh</button>
<p id="save-status" role="status"></p>
</section>
</main>`;
  return page(`${unit.code} ${unit.name} — kiểm tra tài liệu kiểm chứng`, 1, body, ` class="unit" data-batch-year="${result.year}"`);
}

function parentHeading(c: CriterionResult): string {
  return `<h2 class="parent depth-${c.depth}"><span class="ccode">${esc(c.code)}</span> ${esc(c.title)} <span class="scores-inline">tự chấm ${score(c.self)} · thẩm định ${score(c.appraised)} / ${esc(formatScore(c.max))}</span></h2>`;
}

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : esc(formatScore(value));
}

/** One leaf criterion's card; `all`: its findings, the rules' and the report's (criterionFindings). */
function criterionBlock(c: CriterionResult, all: Finding[], byFile: Map<string, Extraction>, links: AuditLinks): string {
  const files = c.evidence.map((rel) => byFile.get(rel));
  const zeroed = !c.notApplicable && (all.some((f) => f.effect === 'zero' || f.effect === 'cap') || ((c.self ?? 0) > 0 && c.proposed < (c.self ?? 0)));
  const low = files.some((e) => e !== undefined && (e.status === 'unreadable' || unverified(e)));
  const numbers = files.map((e) => e?.number ?? '').filter(Boolean).join(' ').toLowerCase();
  const attrs = [
    `data-pending="${c.review ? 1 : 0}"`, `data-zeroed="${zeroed ? 1 : 0}"`, `data-low="${low ? 1 : 0}"`,
    `data-rules="${esc(all.map((f) => f.rule).join(' '))}"`, `data-numbers="${esc(numbers)}"`,
  ].join(' ');
  const council = c.council ? `${score(c.council.score)}${c.council.note ? ` <span class="note-inline">(${esc(c.council.note)})</span>` : ''}` : c.review ? '<span class="tag warn">chờ quyết định</span>' : '—';
  const findings = all.length > 0
    ? `<ul class="findings">${all.map((f) => `<li class="effect-${esc(f.effect)}"><span class="rule" title="${esc(f.rule)}">${esc(ruleName(f.rule))}</span> <span class="effect">${esc(EFFECTS[f.effect] ?? f.effect)}</span> ${esc(f.reason)}</li>`).join('')}</ul>`
    : '<p class="none">Không có phát hiện.</p>';
  return `<section class="criterion" id="tc-${esc(c.code)}" ${attrs}>
<h3><span class="ccode">${esc(c.code)}</span> ${esc(c.title)}${c.review ? ' <span class="tag warn">Chờ Hội đồng</span>' : ''}${c.notApplicable ? ' <span class="tag">Không áp dụng</span>' : ''}</h3>
<table class="scores"><tr><th>Tối đa</th><th>Tự chấm</th><th>Đề xuất</th><th>Hội đồng</th><th>Cuối cùng</th></tr>
<tr><td>${score(c.max)}</td><td>${score(c.self)}</td><td>${score(c.proposed)}</td><td>${council}</td><td><strong>${score(c.appraised)}</strong></td></tr></table>
${c.explanation ? `<p class="explanation"><span class="label">Giải trình:</span> ${esc(c.explanation)}</p>` : ''}
${findings}
${c.evidence.length === 0 ? '<p class="none">Không có tài liệu kiểm chứng.</p>' : c.evidence.map((rel) => evidenceBlock(rel, byFile.get(rel), links)).join('\n')}
</section>`;
}

const EFFECTS: Record<string, string> = { zero: 'chấm 0', cap: 'giới hạn điểm', review: 'chờ Hội đồng', exclude: 'không tính tệp', info: 'ghi nhận' };
/** Where a value was read, in the words of the page's legend (short: they sit in a table column). */
const SOURCES: Record<string, string> = { text: 'lớp chữ', annotation: 'chú thích khi ký', ocr: 'OCR ảnh', 'ocr+claim': 'OCR ảnh, khớp giải trình', person: 'người kiểm tra' };

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function evidenceBlock(rel: string, e: Extraction | undefined, links: AuditLinks): string {
  const name = rel.split('/').pop() ?? rel;
  // The link follows the name as it is on disk (NFD from a Mac stays NFD); the heading shows it NFC.
  // A photo or another kind of file filed as evidence is opened as what it is.
  const pdf = `<a class="pdf" href="${hrefOf(links.pdf(e?.diskPath ?? rel))}" target="_blank" rel="noopener">${/\.pdf$/iu.test(rel) ? 'Mở PDF' : 'Mở tệp'}</a>`;
  if (!e) return `<article class="evidence missing"><h4>${esc(name)}</h4><p>Không có kết quả đọc tệp này. ${pdf}</p></article>`;
  const cropPath = e.status === 'ok' ? links.crop(e) : null;
  const crop = cropPath
    ? `<img class="crop" loading="lazy" decoding="async" src="../${hrefOf(cropPath)}" alt="Phần đầu trang 1 của ${esc(name)}, nơi đọc số và ngày">`
    : `<p class="no-crop">${e.status === 'unreadable' ? `Không đọc được tệp: ${esc(e.error ?? '')}` : 'Không có ảnh phần đầu văn bản.'}</p>`;
  const parts = e.status === 'ok' ? `${partsTable(e)}
<p class="meta">Nguồn: <strong>${esc(e.source ? (SOURCES[e.source] ?? e.source) : '—')}</strong>${e.scanned ? ` · bản quét${e.scanDpi ? ` ${e.scanDpi} dpi` : ''}` : ''} · <span class="signature signature-${esc(e.signatureStatus ?? (e.signed ? 'seen' : 'none'))}">${esc(signatureVerdict(e))}</span> · ${e.pages} trang</p>
${correctionNote(e)}` : '';
  const form = e.status === 'ok' ? correctionForm(e) : '';
  return `<article class="evidence${e.status === 'unreadable' ? ' unreadable' : ''}" data-sha256="${esc(e.sha256)}" data-file="${esc(rel)}" data-number="${esc(e.number ?? '')}" data-date="${esc(e.date ?? '')}">
<h4>${esc(name)} ${pdf}</h4>
<div class="evidence-body"><div class="crop-box">${crop}</div><div class="reading">${parts}${form}</div></div>
</article>`;
}

const PART_LABELS: Array<[keyof ExtractionParts, string]> = [['numeral', 'Số'], ['symbol', 'Ký hiệu'], ['day', 'Ngày'], ['month', 'Tháng'], ['year', 'Năm']];
const STATUSES: Record<PartStatus, string> = { read: 'đọc được', blank: 'để trống', handwritten: 'viết tay, chưa đọc chắc', unreadable: 'không đọc được' };

/** The number and the date part by part (numeral, symbol, day, month, year) as the reader gives them. */
function partsTable(e: Extraction): string {
  const low = (v: number) => (v < LOW ? ' class="low"' : '');
  // A value read with low confidence is the reader's guess: said so beside it, never shown as known.
  const unsure = (value: string | null, confidence: number) => (value && confidence < LOW ? ` <span class="tag warn unsure">chưa chắc (${percent(confidence)}), đối chiếu với ảnh</span>` : '');
  const summary = `<p class="read-values">Số, ký hiệu: <strong class="value-number">${e.number ? esc(e.number) : e.blankNumber ? 'để trống' : 'không đọc được'}</strong>${unsure(e.number, e.numberConfidence)}${e.suffixed ? ' <span class="tag bad">số có chữ kèm theo</span>' : ''} · Ngày ban hành: <strong class="value-date">${e.date ? esc(formatDateVn(e.date)) : e.blankDate ? 'để trống' : 'không đọc được'}</strong>${unsure(e.date, e.dateConfidence)}${e.place ? ` <span class="sub">(${esc(e.place)})</span>` : ''}</p>`;
  if (!e.parts) {
    return `${summary}<table class="parts"><tr><th>Phần</th><th>Độ tin cậy</th></tr><tr><td>Số văn bản</td><td${low(e.numberConfidence)}>${percent(e.numberConfidence)}</td></tr><tr><td>Ngày ban hành</td><td${low(e.dateConfidence)}>${percent(e.dateConfidence)}</td></tr></table>`;
  }
  const parts = e.parts;
  const rows = PART_LABELS.map(([key, label]) => {
    const p = parts[key];
    const guess = p.status === 'handwritten' && p.guess !== undefined ? ` <span class="sub">(máy đoán: ${esc(String(p.guess))})</span>` : '';
    const value = p.status === 'read' ? esc(String(p.value ?? '')) : `<em>${esc(STATUSES[p.status])}</em>${guess}`;
    return `<tr data-part="${key}"><td>${label}</td><td>${value}${p.note ? ` <span class="sub">${esc(p.note)}</span>` : ''}</td><td>${esc(p.source ? (SOURCES[p.source] ?? p.source) : '—')}</td><td${low(p.confidence)}>${percent(p.confidence)}</td></tr>`;
  });
  return `${summary}<table class="parts"><tr><th>Phần</th><th>Giá trị</th><th>Nguồn</th><th>Độ tin cậy</th></tr>${rows.join('')}</table>`;
}

function correctionNote(e: Extraction): string {
  const c = e.correction;
  if (!c) return '';
  const what = c.action === 'confirm' ? 'xác nhận số và ngày đọc được' : 'hiệu chỉnh';
  const before = c.action === 'correct' ? ` (máy đọc: số ${esc(c.previous.number ?? 'không có')}, ngày ${esc(c.previous.date ? formatDateVn(c.previous.date) : 'không có')})` : '';
  const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u.test(c.at) ? `${formatDateVn(c.at.slice(0, 10))} ${c.at.slice(11, 16)}` : c.at;
  return `<p class="corrected">${esc(c.by)} đã ${what} ngày ${esc(when)}${before}, theo tệp ${esc(c.file)}, ${correctionPlace(c.file, c.line)}.</p>`;
}

/** Confirm the reading, or type the parts that are wrong (only those typed are corrected). */
function correctionForm(e: Extraction): string {
  // By file, not by content alone: the same content filed twice has two forms on the page.
  const id = `${e.sha256.slice(0, 12)}-${createHash('sha256').update(e.diskPath ?? e.file).digest('hex').slice(0, 8)}`;
  const p = e.parts;
  const hint = (key: keyof ExtractionParts, fallback: string) => esc(p?.[key].status === 'read' ? String(p[key].value ?? '') : fallback);
  const input = (key: keyof ExtractionParts, label: string, size: string, fallback: string, numeric: boolean) =>
    `<label>${label} <input type="text" name="${key}" id="${key}-${id}" class="${size}"${numeric ? ' inputmode="numeric"' : ''} placeholder="${hint(key, fallback)}"></label>`;
  return `<form class="correct" data-sha256="${esc(e.sha256)}" autocomplete="off">
<button type="button" class="confirm">Xác nhận đúng</button>
<span class="or">hoặc sửa:</span>
${input('numeral', 'Số', 'w-num', '30a', false)}
${input('symbol', 'Ký hiệu', 'w-sym', 'KH-SXD', false)}
${input('day', 'Ngày', 'w-2', 'dd', true)}
${input('month', 'Tháng', 'w-2', 'mm', true)}
${input('year', 'Năm', 'w-4', 'yyyy', true)}
<span class="state" aria-live="polite"></span>
</form>`;
}

/**
 * The name of the batch's corrections file the index page saves: `hieu-chinh-<tỉnh>-<năm>.json`,
 * the province without diacritics (`hieu-chinh-hung-yen-2021.json`).
 */
export function batchCorrectionsFile(result: Pick<BatchResult, 'province' | 'year'>): string {
  const province = foldVietnamese(result.province).replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '');
  return `hieu-chinh-${province ? `${province}-` : ''}${result.year}.json`;
}

/** A unit code as a file name: letters, digits, `-` and `_` kept, anything else `_`. */
export function fileSafe(code: string): string {
  return code.normalize('NFC').replace(/[^\p{L}\p{N}_-]/gu, '_') || '_';
}
