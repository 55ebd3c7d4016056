// Parse a document's own number and date from the text of its header (Decree 30/2020, Appendix I).
// Pure functions: text in, fields out. The reader decides which text to give them (the header zone
// of page 1, from the text layer, annotations or OCR); these functions only read what they are given.
import type { Extraction } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { foldSameLength, normaliseExtractedText } from './normalise-text.js';

/** Decree 30/2020 Appendix III type codes, mixed case kept. */
export const TYPE_CODES = [
  'NQ', 'QĐ', 'CT', 'QC', 'QyĐ', 'TC', 'TB', 'HD', 'CTr', 'KH', 'PA', 'ĐA', 'DA', 'BC', 'BB', 'TTr', 'HĐ',
  'CĐ', 'BGN', 'BTT', 'GUQ', 'GM', 'GGT', 'GNP', 'PG', 'PC', 'PB', 'SY', 'TrS', 'SL',
] as const;

const TYPE_CODE_SET = new Set<string>(TYPE_CODES);
/**
 * Type codes of legal normative documents that are not among Decree 30's administrative ones
 * (Thông tư, Thông tư liên tịch, Nghị định, Nghị quyết liên tịch): numbered `số/năm/ký hiệu`
 * (Decree 34/2016/NĐ-CP, art. 55 and Appendix I, e.g. `32/2020/TT-BGDĐT`), so taken as a type only
 * after a year segment; elsewhere `TT` is as likely an issuer's own abbreviation (Trung tâm).
 */
export const LEGAL_TYPE_CODES = ['TT', 'TTLT', 'NĐ', 'NQLT'] as const;
const LEGAL_TYPE_CODE_SET = new Set<string>(LEGAL_TYPE_CODES);
/** Symbol segments written in mixed case on purpose; never cut or re-cased. */
const MIXED_CASE_SEGMENTS = new Set<string>([...TYPE_CODES.filter((c) => /\p{Ll}/u.test(c)), 'TTg']);

/** The number fields of an Extraction, as read from a header. */
export type ParsedNumber = Pick<Extraction, 'number' | 'numeral' | 'suffixed' | 'typeCode' | 'issuerCode' | 'year' | 'blankNumber'>;

/** The date fields of an Extraction, as read from a header. */
export type ParsedDate = Pick<Extraction, 'date' | 'place' | 'blankDate'>;

/**
 * Something the parser had to fix to read a value. Each one lowers the reader's confidence:
 * `hyphen` a dropped hyphen restored (`QĐUBND`); `lookalike` look-alike letters mapped back;
 * `ocr-digit` a letter read as a digit (`1O` → `10`); `ocr-type-code` a type code matched without
 * its diacritic (`QD` → `QĐ`) or with one letter misread (`TIr` → `TTr`); `ocr-slash` a missing `/`
 * assumed; `no-place` a date line without its place; `invalid-date` day or month out of range;
 * `incomplete-symbol` a symbol that is only a type code (`2940/HD`): its issuer was not read.
 */
export type Repair = 'hyphen' | 'lookalike' | 'ocr-digit' | 'ocr-type-code' | 'ocr-slash' | 'no-place' | 'invalid-date' | 'incomplete-symbol';

/** [start, end) in `HeaderParse.text`. */
export type Span = [number, number];

export interface HeaderParse {
  /** The normalised text every span points into. */
  text: string;
  number: ParsedNumber | null;
  /** The numeral and symbol as printed (not the `Số:` label). */
  numberSpan: Span | null;
  /** The numeral alone (`30a`), when printed; for a blank number, the blank from the label to the slash. */
  numeralSpan: Span | null;
  numberRepairs: Repair[];
  date: ParsedDate | null;
  /** From the day to the year. */
  dateSpan: Span | null;
  dateRepairs: Repair[];
  /** Day, month and year as printed (null where the line leaves a blank), also when they make no real day. */
  dateParts: DateParts | null;
}

/** The day, month and year of a place-date line as printed; null where the line leaves a blank. */
export interface DateParts {
  day: number | null;
  month: number | null;
  year: number;
  /** Where the day's and the month's digits are in the parsed text, when printed. */
  daySpan?: Span;
  monthSpan?: Span;
  /** Where the year's digits are. */
  yearSpan?: Span;
  /** A blank day: from just after `ngày` to `tháng` (the place a person writes the day in). */
  dayGap?: Span;
}

export interface ParseOptions {
  /**
   * The text comes from OCR: accept the confusions OCR makes in this header (`O`/`0`, `l`/`1`,
   * a type code without its diacritic, a lost `/`), each recorded as a repair.
   */
  ocr?: boolean;
}

/** Parse the `Số: 30a/KH-SXD` line; null when no number line is found. */
export function parseDocumentNumber(text: string, options: ParseOptions = {}): ParsedNumber | null {
  return parseHeader(text, options).number;
}

/** Parse the place-date line (`Hưng Yên, ngày 14 tháng 7 năm 2021`); null when there is none. */
export function parseDocumentDate(text: string, options: ParseOptions = {}): ParsedDate | null {
  return parseHeader(text, options).date;
}

/** Read the document's own number and date from header text (page 1's header zone). */
export function parseHeader(raw: string, options: ParseOptions = {}): HeaderParse {
  const { text, lookalikes } = normaliseExtractedText(raw);
  const folded = foldSameLength(text);
  const number = findNumber(text, folded, options);
  const date = findDate(text, folded, options, number?.span[1] ?? -1);
  const numberRepairs = number?.repairs ?? [];
  if (number && lookalikes > 0 && hasLookalikeIn(raw, number.span)) numberRepairs.push('lookalike');
  return {
    text,
    number: number?.value ?? null,
    numberSpan: number?.span ?? null,
    numeralSpan: number?.numeralSpan ?? null,
    numberRepairs,
    date: date?.value ?? null,
    dateSpan: date?.span ?? null,
    dateRepairs: date?.repairs ?? [],
    dateParts: date?.parts ?? null,
  };
}

function hasLookalikeIn(raw: string, [start, end]: Span): boolean {
  const piece = raw.normalize('NFC').slice(start, end);
  return normaliseExtractedText(piece).lookalikes > 0;
}

interface Found<T> {
  value: T;
  span: Span;
  repairs: Repair[];
  parts?: DateParts;
  numeralSpan?: Span;
}

// `Số`, `SỐ`, `Sô`… folded to `so`; OCR also gives `S6`, `S0`. Not inside a word.
const NUMBER_LABEL = /(?<![\p{L}\d])s[o06](?!\p{L})\s*[:;.,]?/gu;
// OCR of a noisy scan now and then reads the S as 8 or § (`8ố:`, `8§ố:`): with its ố and its colon, still the label.
const OCR_NUMBER_LABEL = /(?<![\p{L}\d])[8§$5]{1,2}o(?!\p{L})\s*[:;]/gu;

interface Label {
  start: number;
  end: number;
  colon: boolean;
}

function numberLabels(text: string, folded: string, options: ParseOptions): Label[] {
  const labels = [...folded.matchAll(NUMBER_LABEL)].map((m) => ({ start: m.index, end: m.index + m[0].length, colon: /[:;]/u.test(m[0]) }));
  if (!options.ocr) return labels;
  for (const m of folded.matchAll(OCR_NUMBER_LABEL)) {
    if (/[ốỐ]/u.test(text.charAt(m.index + m[0].indexOf('o')))) labels.push({ start: m.index, end: m.index + m[0].length, colon: true });
  }
  return labels.sort((a, b) => a.start - b.start);
}

function findNumber(text: string, folded: string, options: ParseOptions): Found<ParsedNumber> | null {
  for (const label of numberLabels(text, folded, options)) {
    // Body text says `số 12/QĐ-UBND`; the header's label is `Số:` with a capital.
    if (text.charAt(label.start) !== 'S' && !label.colon) continue;
    const parsed = readNumberAt(text, label.end, options);
    if (parsed) return parsed;
  }
  return null;
}

const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1' };
const BLANK_FILLER = /[\s.…_]/u;

/** Read `30a/KH-SXD`, `/SNV-CCHC`, `29/2019/QĐ-UBND` at `pos`. */
function readNumberAt(text: string, pos: number, options: ParseOptions): Found<ParsedNumber> | null {
  const repairs: Repair[] = [];
  let i = pos;
  while (text.charAt(i) === ' ') i += 1;
  const valueStart = i;
  let numeral = '';
  for (; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (/\d/u.test(ch)) numeral += ch;
    else if (options.ocr && ch in DIGIT_LOOKALIKES && (numeral !== '' || /\d/u.test(text.charAt(i + 1)))) {
      // Suffixes in use are a, b, c…; an `O` or `l` next to digits is a misread digit.
      numeral += DIGIT_LOOKALIKES[ch];
      repairs.push('ocr-digit');
    } else break;
  }
  if (numeral.length > 5) return null;
  let suffix = '';
  const glued = options.ocr === true && /\p{Lu}/u.test(text.charAt(i + 1));
  if (numeral !== '' && /\p{L}/u.test(text.charAt(i)) && (/[\s/]/u.test(text.charAt(i + 1)) || (glued && /\p{Ll}/u.test(text.charAt(i))))) {
    const ch = text.charAt(i);
    if (/[a-zA-Z]/u.test(ch)) {
      suffix = ch;
      i += 1;
    } else return null;
  }
  const beforeSlash = i;
  // Party numbering (Hướng dẫn 36-HD/VPTW): numeral, hyphen, type code, slash, issuer: `31-CTr/TU`.
  const party = numeral !== '' ? /-\s*([\p{L}]{1,4})\s*\/\s*([\p{Lu}\d&]+(?:-[\p{Lu}\d&]+)*)/uy : null;
  if (party) {
    party.lastIndex = i;
    const m = party.exec(text);
    const code = m ? matchTypeCode(m[1] ?? '', options) : null;
    if (m && code) {
      const issuer = m[2] ?? '';
      return {
        value: { number: `${numeral}${suffix}-${code.code}/${issuer}`, numeral: `${numeral}${suffix}`, suffixed: suffix !== '', typeCode: code.code, issuerCode: issuer, year: null, blankNumber: false },
        span: [valueStart, party.lastIndex],
        repairs: code.repaired ? [...repairs, 'ocr-type-code'] : repairs,
        numeralSpan: [valueStart, beforeSlash],
      };
    }
  }
  while (i < text.length && BLANK_FILLER.test(text.charAt(i)) && text.charAt(i) !== '\n') i += 1;
  if (numeral === '' && i > beforeSlash && text.charAt(i) !== '/') return null;
  if (text.charAt(i) === '/') {
    i += 1;
    while (text.charAt(i) === ' ') i += 1;
  } else if (options.ocr && numeral !== '' && /\p{Lu}/u.test(text.charAt(i))) {
    // A stamped numeral over the slash (`125KH-SXD`), or a slash OCR did not see.
    repairs.push('ocr-slash');
  } else return null;

  const symbol = readSymbol(text, i, options);
  if (!symbol) return null;
  repairs.push(...symbol.repairs);
  const { year, segments } = symbol;
  let typeCode: string | null = null;
  let issuerSegments = segments;
  if (segments.length > 1) {
    let first = segments[0] ?? '';
    // A slash OCR read twice (`/JQĐ-STP`): a stroke-like letter stuck before a type code.
    if (options.ocr && !matchTypeCode(first, options) && /^[JIl1|]/u.test(first) && matchTypeCode(first.slice(1), options)) {
      first = first.slice(1);
      repairs.push('ocr-slash');
    }
    const code = matchTypeCode(first, options) ?? (year !== null && LEGAL_TYPE_CODE_SET.has(first) ? { code: first, repaired: false } : null);
    if (code) {
      typeCode = code.code;
      if (code.repaired) repairs.push('ocr-type-code');
      issuerSegments = segments.slice(1);
    }
  }
  const printedSymbol = [...(year === null ? [] : [String(year)]), [typeCode, ...issuerSegments].filter((s) => s !== null).join('-')].join('/');
  const issuerCode = issuerSegments.join('-');
  const span: Span = [numeral === '' ? symbol.start : valueStart, symbol.end];
  if (numeral === '') {
    return {
      value: { number: null, numeral: null, suffixed: false, typeCode, issuerCode, year, blankNumber: true },
      span,
      repairs,
      // The blank: from the label's end to the slash.
      numeralSpan: [pos, Math.max(pos, symbol.start - 1)],
    };
  }
  const printedNumeral = `${numeral}${suffix}`;
  return {
    value: {
      number: `${printedNumeral}/${printedSymbol}`,
      numeral: printedNumeral,
      suffixed: suffix !== '',
      typeCode,
      issuerCode,
      year,
      blankNumber: false,
    },
    span,
    repairs,
    numeralSpan: [valueStart, beforeSlash],
  };
}

interface SymbolRead {
  year: number | null;
  segments: string[];
  start: number;
  end: number;
  repairs: Repair[];
}

const SEGMENT = /[\p{L}\d&.]+/uy;

/** `KH-SXD`, `2019/QĐ-UBND`, `SNV- CCHCVTLT` (a stray space after the hyphen), `QĐUBND` (hyphen dropped). */
function readSymbol(text: string, pos: number, options: ParseOptions): SymbolRead | null {
  const repairs: Repair[] = [];
  let i = pos;
  let year: number | null = null;
  const yearMatch = /(\d{4})\s*\/\s*/uy;
  yearMatch.lastIndex = i;
  const y = yearMatch.exec(text);
  if (y) {
    year = Number(y[1]);
    i = yearMatch.lastIndex;
  }
  const segments: string[] = [];
  let end = i;
  // The separator before the segment read next was a colon taken for a hyphen.
  let colon = false;
  for (;;) {
    SEGMENT.lastIndex = i;
    const seg = SEGMENT.exec(text);
    if (!seg || (!/^\p{L}/u.test(seg[0]) && segments.length === 0)) break;
    // `…/UBND-NV - Hà Nội`: a Title Case word after a hyphen is the place, not the symbol; and
    // abbreviations drop tone marks (`Ủy ban` → `UB`), so a toned word is text merged onto the line.
    if (segments.length > 0 && /^\p{Lu}\p{Ll}/u.test(seg[0]) && !MIXED_CASE_SEGMENTS.has(seg[0])) break;
    if (segments.length > 0 && !/^[A-Za-zĐđ0-9&.]+$/u.test(seg[0].replace(/(?<=[\p{Lu}\d&])\p{Lu}\p{Ll}+$/u, ''))) break;
    segments.push(seg[0]);
    if (colon) repairs.push('hyphen');
    end = SEGMENT.lastIndex;
    // OCR leaves specks after a hyphen (`HD-:SNN&PTNT`), or reads the hyphen as a colon (`TTr:SNN&PTNT`).
    const sep = options.ocr ? /\s*(?:-\s*[:;.,'"`]?|([:;]))\s*(?=[\p{Lu}\d])/uy : /\s*-\s*(?=[\p{Lu}\d])/uy;
    sep.lastIndex = end;
    const found = sep.exec(text);
    if (!found) break;
    colon = found[1] !== undefined;
    i = sep.lastIndex;
  }
  if (segments.length === 0) return null;
  // Sentence punctuation stuck to the symbol.
  let last = segments[segments.length - 1] ?? '';
  while (/[.]$/u.test(last)) {
    last = last.slice(0, -1);
    end -= 1;
  }
  segments[segments.length - 1] = last;
  // Columns merged without a space: `KH-SXDHà Nội, ngày…`: the place starts at the last capital
  // followed by small letters.
  const glued = /^(.*[\p{Lu}\d&])(\p{Lu}\p{Ll}+)$/u.exec(last);
  if (glued && !MIXED_CASE_SEGMENTS.has(last) && segments.length > 1) {
    segments[segments.length - 1] = glued[1] ?? last;
    end -= (glued[2] ?? '').length;
  }
  if (segments.some((s) => s === '' || s.length > 24)) return null;
  if (segments.length === 1) {
    const split = splitDroppedHyphen(segments[0] ?? '', options);
    if (split) {
      segments.splice(0, 1, ...split);
      repairs.push('hyphen');
    }
  }
  if (segments.length === 1 && year === null && !/^[\p{Lu}&]{2,}\d*$/u.test(segments[0] ?? '')) return null;
  if (segments.length === 1 && matchTypeCode(segments[0] ?? '', options)) repairs.push('incomplete-symbol');
  return { year, segments, start: pos, end, repairs };
}

/** `QĐUBND` → `QĐ`, `UBND`: only when the rest is a plausible issuer code in capitals. */
function splitDroppedHyphen(segment: string, options: ParseOptions): [string, string] | null {
  const candidates = [...TYPE_CODES].sort((a, b) => b.length - a.length);
  for (const code of candidates) {
    const head = segment.slice(0, code.length);
    const matches = head === code || (options.ocr === true && matchTypeCode(head, options)?.code === code);
    if (!matches) continue;
    const rest = segment.slice(code.length);
    if (/^[\p{Lu}&]{2,}$/u.test(rest)) return [code, rest];
  }
  return null;
}

function matchTypeCode(segment: string, options: ParseOptions): { code: string; repaired: boolean } | null {
  if (TYPE_CODE_SET.has(segment)) return { code: segment, repaired: false };
  if (!options.ocr) return null;
  const folded = foldSameLength(segment);
  const hits = TYPE_CODES.filter((c) => foldSameLength(c) === folded);
  if (hits.length === 1 && hits[0]) return { code: hits[0], repaired: true };
  // A mixed-case code with one letter misread (`TIr` for `TTr`): its small letter gives it away.
  // Capitals-only codes are too close to issuer abbreviations (`BTC`, Bộ Tài chính, is not `BTT`).
  if (segment.length !== 3 || !/\p{Ll}/u.test(segment)) return null;
  const near = TYPE_CODES.filter((c) => c.length === 3 && /\p{Ll}/u.test(c) && [...c].filter((ch, k) => ch !== segment.charAt(k)).length === 1);
  return near.length === 1 && near[0] ? { code: near[0], repaired: true } : null;
}

// On folded text: `ngày 05 tháng 02 năm 2024`, blanks allowed for day and month, the line may break
// anywhere between the words. OCR variants of the words (`nqày`, `ngàv`, `năn`) are accepted.
const DATE_TEXT = /n[gq]a[yv]\s*[:.]?(?<dayBlank>[\s.…_]*)(?<day>[0-9oil]{1,2})?[\s.…_]*th[a]ng(?<monthBlank>[\s.…_]*)(?<month>[0-9oil]{1,2})?[\s.…_]*na[mn]\s*(?<year>[0-9oil]{4})(?!\d)/dgu;

function findDate(text: string, folded: string, options: ParseOptions, after: number): Found<ParsedDate> | null {
  let fallback: Found<ParsedDate> | null = null;
  for (const m of folded.matchAll(DATE_TEXT)) {
    const groups = m.groups ?? {};
    const digits = [groups.day, groups.month, groups.year].filter((g): g is string => g !== undefined);
    if (!options.ocr && digits.some((g) => /[oil]/u.test(g))) continue;
    const repairs: Repair[] = [];
    if (digits.some((g) => /[oil]/u.test(g))) repairs.push('ocr-digit');
    const place = placeBefore(text, m.index, Math.max(after, 0));
    let day = groups.day === undefined ? null : toNumber(groups.day);
    let month = groups.month === undefined ? null : toNumber(groups.month);
    if (options.ocr) {
      // A leading zero OCR took for a 9, 8 or 6 (`ngày 97` for `ngày 07`): the only reading that is a date.
      const zero = (value: number | null, max: number, digits?: string) =>
        value !== null && value > max && digits?.length === 2 && /^[986]/u.test(digits) ? Number(digits.charAt(1)) || null : value;
      const fixedDay = zero(day, 31, groups.day);
      const fixedMonth = zero(month, 12, groups.month);
      if (fixedDay !== day || fixedMonth !== month) repairs.push('ocr-digit');
      day = fixedDay;
      month = fixedMonth;
    }
    const year = toNumber(groups.year ?? '');
    const spanStart = m.index + m[0].search(/n[gq]a[yv]/u);
    const span: Span = [spanStart, m.index + m[0].length];
    const value = toDate(day, month, year, place);
    if (value.date === null && !value.blankDate) repairs.push('invalid-date');
    const at = (g: [number, number] | undefined): Span | undefined => (g ? [g[0], g[1]] : undefined);
    const daySpan = at(m.indices?.groups?.day);
    const monthSpan = at(m.indices?.groups?.month);
    const blankAt = m.indices?.groups?.dayBlank;
    const afterNgay = m.index + m[0].search(/n[gq]a[yv]/u) + 4;
    const dayGap: Span | undefined = day === null && blankAt ? [afterNgay, m.index + m[0].indexOf('th', blankAt[1] - m.index)] : undefined;
    const yearSpan = at(m.indices?.groups?.year);
    const parts: DateParts = { day, month, year, ...(daySpan ? { daySpan } : {}), ...(monthSpan ? { monthSpan } : {}), ...(yearSpan ? { yearSpan } : {}), ...(dayGap ? { dayGap } : {}) };
    if (place !== null) return { value, span, repairs, parts };
    if (!fallback && standsAlone(text, m.index + m[0].search(/n[gq]a[yv]/u), Math.max(after, 0))) fallback = { value, span, repairs: [...repairs, 'no-place'], parts };
  }
  return fallback;
}

/**
 * A date whose place was not read is taken (at low confidence) only when it could be the
 * place-date line with its place lost: nothing but a comma or an unreadable scrap before `ngày` on
 * its line, and the line before not running on into it. `Căn cứ Luật … ngày 19 tháng 6 năm 2015`,
 * `Quyết định số 12/QĐ-UBND ngày …`, a stamp's `Ngày: …` are never the document's own date.
 */
function standsAlone(text: string, dateStart: number, floor: number): boolean {
  const lineStart = text.lastIndexOf('\n', dateStart - 1) + 1;
  const before = text.slice(Math.max(lineStart, floor < dateStart ? floor : 0), dateStart).trim();
  // Words of running text (lower-case words, a number with its symbol) before `ngày`: a citation.
  if (/(?:^|\s)\p{Ll}[\p{L}]+$/u.test(before)) return false;
  if (/\d\s*\/\s*[\p{L}\d-]+\s*$/u.test(before)) return false;
  if (/(?:^|\s)(?:số|ngày|Ngày|Số)\s*:?$/u.test(before)) return false;
  if (before === '' && lineStart > 0) {
    // The line above ends in running text (no full stop, no motto): this line continues it.
    const above = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).trim();
    if (/\b(?:của|về|số|theo|tại|ngày)$/iu.test(above) || /(?:Luật|Nghị định|Quyết định|Thông tư|Nghị quyết|Chỉ thị|Kế hoạch|Công văn)\b[^.;]*$/u.test(above)) return false;
  }
  return true;
}

function toNumber(digits: string): number {
  return Number(digits.replace(/o/gu, '0').replace(/[il]/gu, '1'));
}

function toDate(day: number | null, month: number | null, year: number, place: string | null): ParsedDate {
  if (day === null || month === null) return { date: null, place, blankDate: true };
  const iso = year < 1945 || year > 2100 ? null : isoDateOf(day, month, year);
  return { date: iso, place, blankDate: false };
}

/** Connector words inside place names (`Thành phố Hồ Chí Minh`). */
const PLACE_CONNECTORS = new Set(['phố', 'xã', 'thị', 'trấn', 'huyện', 'tỉnh']);
const PLACE_ABBREVIATIONS = /^(?:TP|TX|Tp|Tx)\.?$/u;

/**
 * The place written before `, ngày`: the Title Case words just before it on the same line
 * (`Tam Đường`, `Hung Yên`, `TP. Hồ Chí Minh`), stopping at the number or any other text
 * merged onto the line.
 */
function placeBefore(text: string, dateStart: number, floor: number): string | null {
  const lineStart = Math.max(text.lastIndexOf('\n', dateStart - 1) + 1, floor < dateStart ? floor : 0, dateStart - 80);
  const before = text.slice(lineStart, dateStart).replace(/\s+$/u, '');
  if (!/[,.]$/u.test(before)) return null;
  const words = before.slice(0, -1).trim().split(/\s+/u);
  const taken: string[] = [];
  for (let k = words.length - 1; k >= 0 && taken.length < 6; k -= 1) {
    let word = words[k] ?? '';
    const glued = /[\p{Lu}\d&/-](\p{Lu}\p{Ll}+)$/u.exec(word);
    if (glued && !MIXED_CASE_SEGMENTS.has(word) && /[/\d]/u.test(word)) word = glued[1] ?? word;
    const isTitle = /^\p{Lu}\p{Ll}+\.?$/u.test(word) || PLACE_ABBREVIATIONS.test(word);
    const isConnector = PLACE_CONNECTORS.has(word) && taken.length > 0;
    const isDash = word === '-' && taken.length > 0;
    if (!isTitle && !isConnector && !isDash) break;
    taken.unshift(word);
    if (word !== words[k]) break;
  }
  while (taken.length > 0 && (taken[0] === '-' || PLACE_CONNECTORS.has(taken[0] ?? ''))) taken.shift();
  return taken.length > 0 ? taken.join(' ') : null;
}

/**
 * A blank number completed with the numeral stamped over its blank (`Số: /SGDĐT-GDTH` + `125`):
 * the symbol as the text layer prints it, the numeral as the overlay or OCR shows it.
 */
export function withNumeral(blank: ParsedNumber, numeral: string): ParsedNumber {
  const symbol = [blank.typeCode, blank.issuerCode].filter((s) => s !== null && s !== '').join('-');
  const printedSymbol = blank.year === null ? symbol : `${blank.year}/${symbol}`;
  return { ...blank, number: `${numeral}/${printedSymbol}`, numeral, suffixed: /[a-zA-Z]$/u.test(numeral), blankNumber: false };
}

/**
 * The numeral written into a number's blank, read from an OCR'd row whose symbol may be garbled
 * (`Số: 456 /5SGDĐT-GDTH`): the symbol is known from the text layer, only the numeral is wanted.
 * It must be followed by the slash, something OCR makes of a slash (`5`, `1`, `l`, `I`, `|`), a
 * capital, or nothing.
 */
export function parseStampedNumeral(raw: string): { numeral: string; span: Span; repairs: Repair[] } | null {
  const { text } = normaliseExtractedText(raw);
  const folded = foldSameLength(text);
  for (const label of folded.matchAll(NUMBER_LABEL)) {
    if (text.charAt(label.index) !== 'S' && !/[:;]/u.test(label[0])) continue;
    const m = /^\s*(\d[\dOoIl]{0,4})([a-z])?(?=\s*(?:[/|5lI1]|\p{Lu}|$))/u.exec(text.slice(label.index + label[0].length));
    if (!m) continue;
    const start = label.index + label[0].length + (m[0].length - m[0].trimStart().length);
    const digits = m[1] ?? '';
    const numeral = digits.replace(/[Oo]/gu, '0').replace(/[Il]/gu, '1');
    if (numeral.length > 5) continue;
    const repairs: Repair[] = numeral === digits ? [] : ['ocr-digit'];
    return { numeral: `${numeral}${m[2] ?? ''}`, span: [start, start + digits.length + (m[2] ? 1 : 0)], repairs };
  }
  return null;
}
