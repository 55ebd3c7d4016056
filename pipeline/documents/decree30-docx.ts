// Decree 30/2020/NĐ-CP layout for DOCX: A4, margins, Times New Roman, the two-column header,
// short rules, signature block and "Nơi nhận". Every width is in twips (DXA): percentage widths
// break in LibreOffice.
import {
  AlignmentType, BorderStyle, Document, Header, HeightRule, Packer, PageNumber, PageOrientation, Paragraph, Table, TableBorders,
  TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, LineRuleType,
  type ISectionOptions, type IBorderOptions,
} from 'docx';
import { documentText } from '../util/text.js';
import { finaliseOoxml } from './ooxml.js';
import type { Line, Run } from './template.js';
import { textWidthTwips, textWidthUnits, unitsToTwips } from './text-width.js';
import { upper } from './vn-format.js';

export const FONT = 'Times New Roman';

/** A4 in twips, and the margins of Decree 30 (top/bottom 20 mm, left 30 mm, right 15 mm). */
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 } as const;

/** Width of the text area in twips. */
export function contentWidth(landscape = false): number {
  return (landscape ? PAGE.height : PAGE.width) - MARGIN.left - MARGIN.right;
}

/** Font sizes in points (Decree 30, Appendix I). */
export const SIZE = {
  body: 14,
  header: 13,
  nationalTitle: 12,
  motto: 13,
  table: 12,
  recipientsLabel: 12,
  recipients: 11,
} as const;

/** Default cell padding left and right, twips. */
const CELL_PAD = 80;

export type Align = 'left' | 'center' | 'right' | 'justify';
const ALIGN = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED,
} as const;

export interface ParaStyle {
  align?: Align;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** First-line indent in twips (body paragraphs: 1 cm). */
  firstLine?: number;
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (240 = single). */
  line?: number;
  keepNext?: boolean;
  keepLines?: boolean;
  indentLeft?: number;
  indentRight?: number;
  /** Text colour, `RRGGBB` (the draft mark). */
  color?: string;
}

/** Colour of the "DỰ THẢO" mark on documents whose results are not final. */
export const DRAFT_COLOR = 'C00000';

/** Body text: justified, 1 cm first-line indent, 6 pt after, spacing a little over single. */
export const BODY: ParaStyle = { align: 'justify', size: SIZE.body, firstLine: 567, after: 120, line: 264 };

/** A paragraph of runs; the style's bold/italic apply under each run's own. */
export function para(content: string | Run[] | Array<string | Run>, style: ParaStyle = {}): Paragraph {
  const runs: Run[] = (typeof content === 'string' ? [content] : content).map((r) => (typeof r === 'string' ? { text: r } : r));
  return new Paragraph({
    alignment: ALIGN[style.align ?? 'left'],
    spacing: { before: style.before ?? 0, after: style.after ?? 0, line: style.line ?? 240, lineRule: LineRuleType.AUTO },
    indent: {
      ...(style.firstLine ? { firstLine: style.firstLine } : {}),
      ...(style.indentLeft ? { left: style.indentLeft } : {}),
      ...(style.indentRight ? { right: style.indentRight } : {}),
    },
    ...(style.keepNext ? { keepNext: true } : {}),
    ...(style.keepLines ? { keepLines: true } : {}),
    children: runs.map((r) => textRun(r, style)),
  });
}

// Runs carry only what differs from the document defaults (Times New Roman, regular): a minutes
// table has thousands of runs, and every property is an object docx builds and writes. Bidirectional
// controls from units' own text are shown as their code, C0 controls left out (`documentText`).
function textRun(run: Run, style: ParaStyle, breakBefore = false): TextRun {
  return new TextRun({
    text: documentText(run.text),
    size: (style.size ?? SIZE.body) * 2,
    ...((run.bold ?? style.bold) ? { bold: true } : {}),
    ...((run.italic ?? style.italic) ? { italics: true } : {}),
    ...(run.underline ? { underline: {} } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(breakBefore ? { break: 1 } : {}),
  });
}

/** One paragraph whose lines are separated by line breaks (a name set on two lines). */
export function brokenPara(lines: string[], style: ParaStyle): Paragraph {
  return new Paragraph({
    alignment: ALIGN[style.align ?? 'center'],
    spacing: { before: style.before ?? 0, after: style.after ?? 0, line: style.line ?? 240, lineRule: LineRuleType.AUTO },
    ...(style.keepNext ? { keepNext: true } : {}),
    children: lines.map((text, i) => textRun({ text }, style, i > 0)),
  });
}

/**
 * Paragraphs from template lines, all in one style. The last `keepLast` are kept with what follows,
 * so a signature block never stands alone on its page.
 */
export function paras(lines: Line[], style: ParaStyle, keepLast = 0): Paragraph[] {
  return lines.map((runs, i) => para(runs, i >= lines.length - keepLast ? { ...style, keepNext: true, keepLines: true } : style));
}

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 };

/** A short centred solid rule of `length` twips inside `available` twips (an empty paragraph's top border). */
export function rule(length: number, available: number, after = 0): Paragraph {
  const side = Math.max(0, Math.round((available - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // Spacing before keeps the border clear of the descenders of the line above.
    spacing: { before: 80, after, line: 240, lineRule: LineRuleType.AUTO },
    indent: { left: side, right: side },
    border: { top: RULE },
    children: [new TextRun({ text: '', font: FONT, size: 8 })],
    run: { size: 8, font: FONT },
  });
}

/**
 * Break a heading over as few lines as fit `width` (twips), balancing their lengths
 * (`ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN` → `ỦY BAN NHÂN DÂN` / `TỈNH HƯNG YÊN`). A word wider than the
 * line stands alone on its line (Word wraps it). Linear in the words per candidate width and
 * O(log width) candidates, so a pasted paragraph (thousands of words) is as quick as a name.
 */
export function balanceLines(text: string, width: number, sizePt: number, bold: boolean): string[] {
  // Estimated widths run a little short of LibreOffice's: keep a margin so our break is the only one.
  const limit = width * 0.94;
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length <= 1) return [words.join(' ')];
  const space = textWidthUnits(' ', bold);
  const units = words.map((w) => textWidthUnits(w, bold));
  // prefix[i]: units of words[0..i) and the spaces after each.
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u + space);
  const lineUnits = (from: number, to: number) => prefix[to]! - prefix[from]! - space;
  const twips = (from: number, to: number) => unitsToTwips(lineUnits(from, to), sizePt);
  if (twips(0, words.length) <= limit) return [words.join(' ')];

  // Starts of the lines of words[0..end) when each line, filled from the end, takes as many words as
  // fit `cap` units (a word wider than `cap` alone): the fewest lines for `cap`, the last the fullest.
  const fill = (cap: number, end: number): number[] => {
    const starts: number[] = [];
    while (end > 0) {
      let start = end - 1;
      while (start > 0 && lineUnits(start - 1, end) <= cap) start--;
      starts.push(start);
      end = start;
    }
    return starts.reverse();
  };
  const widest = units.reduce((a, b) => Math.max(a, b), 0);
  // The narrowest cap that sets words[0..end) on at most `lines` lines (binary search over units).
  const narrowest = (end: number, lines: number, upper: number): number => {
    let lo = 0;
    for (let i = 0; i < end; i++) lo = Math.max(lo, units[i]!);
    let hi = Math.max(lo, upper);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (fill(mid, end).length <= lines) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  let cap = Math.floor((limit * 1000) / (sizePt * 20));
  while (unitsToTwips(cap + 1, sizePt) <= limit) cap++;
  while (cap > 0 && unitsToTwips(cap, sizePt) > limit) cap--;
  // The fewest lines within the limit, then the narrowest widest line that keeps that count.
  const lines = fill(Math.max(cap, widest), words.length).length;
  let starts: number[];
  if (lines > BALANCED_LINES) {
    starts = fill(narrowest(words.length, lines, Math.max(cap, widest)), words.length);
  } else {
    // A heading of a few lines is balanced line by line from the bottom: each prefix is itself
    // set as narrowly as it can be on one line fewer.
    starts = [];
    let end = words.length;
    let upper = Math.max(cap, widest);
    for (let k = lines; k >= 1 && end > 0; k--) {
      upper = narrowest(end, k, upper);
      const start = k === 1 ? 0 : Math.max(k - 1, fill(upper, end).at(-1)!);
      starts.unshift(start);
      end = start;
    }
  }
  return starts.map((start, i) => words.slice(start, starts[i + 1] ?? words.length).join(' '));
}

/** Headings up to this many lines are balanced line by line; longer ones (pasted paragraphs) by their widest line only. */
const BALANCED_LINES = 8;

const NO_BORDERS = TableBorders.NONE;

/** A borderless layout table with fixed column widths in twips. */
export function layoutTable(widths: number[], rows: Array<Array<Array<Paragraph | Table>>>, cantSplit = true): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({
      cantSplit,
      children: cells.map((children, i) => new TableCell({
        width: { size: widths[i] ?? 0, type: WidthType.DXA },
        margins: { left: CELL_PAD, right: CELL_PAD, top: 0, bottom: 0 },
        children: children.length > 0 ? children : [new Paragraph({})],
      })),
    })),
  });
}

/** A cell of a ruled data table. */
export interface GridCell {
  /** One paragraph per entry. */
  text: string | Array<string | Run[]>;
  align?: Align;
  bold?: boolean;
  italic?: boolean;
  colSpan?: number;
  rowSpan?: number;
}

const GRID_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/**
 * A ruled data table with fixed column widths in twips. The header rows repeat on every page
 * and no row splits across pages.
 */
export function gridTable(widths: number[], header: GridCell[][], body: GridCell[][], sizePt: number = SIZE.table): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  const spanWidth = (start: number, span: number) => widths.slice(start, start + span).reduce((s, w) => s + w, 0);
  const headerHeights = headerRowHeights(widths, header, sizePt);
  const makeRow = (cells: GridCell[], isHeader: boolean, occupied: Set<number>, height?: number) => {
    let col = 0;
    const children = cells.map((cell) => {
      while (occupied.has(col)) col++;
      const span = cell.colSpan ?? 1;
      const width = spanWidth(col, span);
      col += span;
      const entries = typeof cell.text === 'string' ? [cell.text] : cell.text;
      const style: ParaStyle = {
        align: cell.align ?? (isHeader ? 'center' : 'left'),
        size: sizePt,
        bold: cell.bold ?? isHeader,
        italic: cell.italic ?? false,
        before: 20,
        after: 20,
      };
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        margins: { left: 60, right: 60, top: 20, bottom: 20 },
        verticalAlign: isHeader ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(cell.rowSpan && cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
        children: entries.length > 0 ? entries.map((e) => para(e, style)) : [para('', style)],
      });
    });
    return new TableRow({
      tableHeader: isHeader, cantSplit: true, children,
      ...(height ? { height: { value: height, rule: HeightRule.ATLEAST } } : {}),
    });
  };
  const { carried } = placeHeaderCells(header);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: GRID_BORDER, bottom: GRID_BORDER, left: GRID_BORDER, right: GRID_BORDER,
      insideHorizontal: GRID_BORDER, insideVertical: GRID_BORDER,
    },
    rows: [
      ...header.map((cells, r) => makeRow(cells, true, carried[r]!, headerHeights[r])),
      ...body.map((cells) => makeRow(cells, false, new Set())),
    ],
  });
}

/**
 * Where each header cell stands: its row, first column, column span and the header rows it spans
 * (cut at the last header row); `carried[r]` holds the columns of row `r` taken by a cell spanning
 * down from a row above.
 */
function placeHeaderCells(header: GridCell[][]): {
  carried: Array<Set<number>>;
  placed: Array<{ cell: GridCell; row: number; col: number; span: number; rows: number }>;
} {
  const carried: Array<Set<number>> = header.map(() => new Set<number>());
  const placed: Array<{ cell: GridCell; row: number; col: number; span: number; rows: number }> = [];
  header.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (carried[row]!.has(col)) col++;
      const span = cell.colSpan ?? 1;
      const rows = Math.min(cell.rowSpan ?? 1, header.length - row);
      for (let k = 1; k < rows; k++) for (let c = col; c < col + span; c++) carried[row + k]!.add(c);
      placed.push({ cell, row, col, span, rows });
      col += span;
    }
  });
  return { carried, placed };
}

/**
 * Minimum heights (twips) of the header rows, so that a cell spanning rows (`Chỉ số CCHC (%)` over
 * the two header rows of the annex) fits in the rows it spans. Word grows the last spanned row; on
 * the header rows it repeats on later pages LibreOffice does not, and clips the cell's last line.
 */
function headerRowHeights(widths: number[], header: GridCell[][], sizePt: number): number[] {
  const line = Math.ceil(sizePt * 20 * 1.17);
  const padding = 20 + 20 + 20 + 20;
  const linesOf = (cell: GridCell, width: number) => {
    const entries = typeof cell.text === 'string' ? [cell.text] : cell.text.map((e) => (typeof e === 'string' ? e : e.map((r) => r.text).join('')));
    return entries.reduce((n, text) => n + wrappedLines(text, width - 120, sizePt, cell.bold ?? true), 0);
  };
  const heights = header.map(() => line + padding);
  const spans: Array<{ row: number; rows: number; need: number }> = [];
  for (const { cell, row, col, span, rows } of placeHeaderCells(header).placed) {
    const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
    const need = linesOf(cell, width) * line + padding;
    if (rows > 1) spans.push({ row, rows, need });
    else heights[row] = Math.max(heights[row]!, need);
  }
  for (const { row, rows, need } of spans) {
    const have = heights.slice(row, row + rows).reduce((s, h) => s + h, 0);
    if (need > have) heights[row] = heights[row]! + (need - have);
  }
  return heights;
}

/** Lines `text` takes when wrapped at word boundaries in `width` twips. */
function wrappedLines(text: string, width: number, sizePt: number, bold: boolean): number {
  let lines = 1;
  let used = 0;
  const space = textWidthTwips(' ', sizePt, bold);
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const w = textWidthTwips(word, sizePt, bold);
    if (used > 0 && used + space + w > width) {
      lines += 1;
      used = w;
    } else used += (used > 0 ? space : 0) + w;
  }
  return lines;
}

export interface HeaderSpec {
  /** Cơ quan chủ quản, upper case, regular; omitted for a body without one. */
  parentBody?: string;
  /** Issuing body, upper case, bold. */
  body: string;
  /** `Số: 01/BB-TTĐ`, `Số:      /QĐ-UBND`. */
  number: string;
  /** Italic place-date line. */
  placeDate: string;
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Width of the header's left column (issuing body), twips; the right takes the rest. */
export const HEADER_LEFT = 3969;

/**
 * The Decree 30 header: a borderless two-column table. Left: parent body, issuing body with a
 * short rule, the number. Right: Quốc hiệu, Tiêu ngữ with a rule as long as itself, the italic
 * place-date line on the same row as the number.
 */
export function headerTable(spec: HeaderSpec): Table {
  const left = HEADER_LEFT;
  const right = contentWidth() - left;
  const leftInner = left - 2 * CELL_PAD;
  const rightInner = right - 2 * CELL_PAD;
  const style: ParaStyle = { align: 'center', size: SIZE.header };

  const leftTop: Paragraph[] = [];
  if (spec.parentBody) leftTop.push(brokenPara(balanceLines(upper(spec.parentBody), leftInner, SIZE.header, false), style));
  const bodyLines = balanceLines(upper(spec.body), leftInner, SIZE.header, true);
  leftTop.push(brokenPara(bodyLines, { ...style, bold: true }));
  const bodyWidth = Math.min(leftInner, Math.max(...bodyLines.map((l) => textWidthTwips(l, SIZE.header, true))));
  leftTop.push(rule(Math.round(bodyWidth * 0.4), leftInner));

  const mottoWidth = Math.min(rightInner, textWidthTwips(MOTTO, SIZE.motto, true));
  const rightTop = [
    para(NATIONAL_TITLE, { align: 'center', size: SIZE.nationalTitle, bold: true }),
    para(MOTTO, { align: 'center', size: SIZE.motto, bold: true }),
    rule(mottoWidth, rightInner),
  ];
  return layoutTable([left, right], [
    [leftTop, rightTop],
    [
      [para(spec.number, { align: 'center', size: SIZE.header, before: 60 })],
      [para(spec.placeDate, { align: 'center', size: SIZE.body, italic: true, before: 60 })],
    ],
  ]);
}

/**
 * The document type and its summary (tên loại, trích yếu), bold and centred, with a short rule
 * under. A summary line in one formatting is broken into balanced lines, as a clerk would.
 */
export function titleBlock(typeName: Line[], summary: Line[], available: number): Paragraph[] {
  const style: ParaStyle = { align: 'center', size: SIZE.body, bold: true, keepNext: true };
  const out: Paragraph[] = [];
  out.push(...typeName.map((runs, i) => para(runs, { ...style, before: i === 0 ? 360 : 0 })));
  const inner = available - 400;
  for (const runs of summary) {
    const uniform = runs.every((r) => !r.italic && !r.underline && r.bold === runs[0]?.bold);
    const text = runs.map((r) => r.text).join('');
    out.push(uniform ? brokenPara(balanceLines(text, inner, SIZE.body, true), style) : para(runs, style));
  }
  const longest = Math.max(0, ...summary.map((runs) => textWidthTwips(runs.map((r) => r.text).join(''), SIZE.body, true)));
  out.push(rule(Math.max(1134, Math.round(Math.min(longest, inner) * 0.3)), available, 240));
  return out;
}

export interface SignatureSpec {
  /** `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, then the position: bold, upper case. */
  heading: string[];
  /** Name, bold; empty leaves the line for handwriting. */
  name: string;
  /**
   * Heading lines of the tallest block in the same row: shorter headings are padded to it, so the
   * names of blocks side by side stand on one line (`ĐẠI DIỆN SỞ NÔNG NGHIỆP…` beside `THƯ KÝ`).
   */
  lines?: number;
}

/** Heading lines a signature block takes in `width` twips. */
export function signatureHeadingLines(spec: SignatureSpec, width: number): number {
  return spec.heading.flatMap((h) => balanceLines(upper(h), width - 2 * CELL_PAD, SIZE.body, true)).length;
}

/** A signature block: headings, room for signature and seal, then the name. */
export function signatureBlock(spec: SignatureSpec, width: number): Paragraph[] {
  const inner = width - 2 * CELL_PAD;
  const out = spec.heading.flatMap((h) => balanceLines(upper(h), inner, SIZE.body, true))
    .map((line) => para(line, { align: 'center', size: SIZE.body, bold: true, keepNext: true }));
  for (let k = out.length; k < (spec.lines ?? 0); k++) out.push(para(' ', { align: 'center', size: SIZE.body, bold: true, keepNext: true }));
  out.push(para(spec.name || ' ', { align: 'center', size: SIZE.body, bold: true, before: 1700 }));
  return out;
}

/** "Nơi nhận:" (12 bold italic) and its list (11), each item `- …;`, the last ending with `.`. */
export function recipientsBlock(recipients: string[]): Paragraph[] {
  const items = recipientLines(recipients);
  return [
    para('Nơi nhận:', { size: SIZE.recipientsLabel, bold: true, italic: true, keepNext: true }),
    ...items.map((item) => para(item, { size: SIZE.recipients, keepNext: true })),
  ];
}

/** Recipients as printed: a leading `- `, `;` after each, `.` after the last, `Lưu: VT` last of all. */
export function recipientLines(recipients: string[]): string[] {
  const bare = recipients.map((r) => r.trim().replace(/^[-–•]\s*/u, '').replace(/[;.,\s]+$/u, '')).filter(Boolean);
  const archive = bare.findIndex((r) => /^Lưu\s*:/u.test(r));
  const ordered = archive === -1 ? [...bare, 'Lưu: VT'] : [...bare.filter((_, i) => i !== archive), bare[archive]!];
  return ordered.map((r, i) => `- ${r}${i === ordered.length - 1 ? '.' : ';'}`);
}

/** End every basis with `;` and the last with `.` (Decree 30: căn cứ lines). */
export function punctuateBases(lines: Line[]): Line[] {
  return lines.map((runs, i) => {
    const copy = runs.map((r) => ({ ...r }));
    const last = copy[copy.length - 1];
    if (last) last.text = last.text.replace(/[\s;.,]+$/u, '') + (i === lines.length - 1 ? '.' : ';');
    return copy;
  });
}

/** Page number centred in the top margin from the second page on (Decree 30). */
export function pageNumberHeaders(): Pick<ISectionOptions, 'headers'> {
  return {
    headers: {
      default: new Header({
        children: [new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.header * 2 })],
        })],
      }),
      first: new Header({ children: [new Paragraph({})] }),
    },
  };
}

export interface SectionSpec {
  children: Array<Paragraph | Table>;
  landscape?: boolean;
  /** Restart page numbering at 1 (an annex is numbered on its own). */
  restartNumbering?: boolean;
}

export function section(spec: SectionSpec): ISectionOptions {
  return {
    ...pageNumberHeaders(),
    properties: {
      titlePage: true,
      page: {
        // Portrait dimensions always: docx swaps them for a landscape section.
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: spec.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGIN,
        ...(spec.restartNumbering ? { pageNumbers: { start: 1 } } : {}),
      },
    },
    children: spec.children,
  };
}

export interface PackSpec {
  title: string;
  subject?: string;
  sections: ISectionOptions[];
  /** Fixed time written into the document properties and the zip entries. */
  timestamp: Date;
}

/** Build the DOCX and make its bytes depend on its content only. */
export async function packDocx(spec: PackSpec): Promise<Buffer> {
  const doc = new Document({
    creator: 'cchc',
    lastModifiedBy: 'cchc',
    title: documentText(spec.title),
    ...(spec.subject ? { subject: documentText(spec.subject) } : {}),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body * 2, language: { value: 'vi-VN' } },
        },
      },
    },
    sections: spec.sections,
  });
  return finaliseOoxml(await Packer.toBuffer(doc), spec.timestamp);
}
