// Corrections files (tệp hiệu chỉnh): what people checking the audit pages confirmed or typed,
// saved by the unit page as `hieu-chinh-<MÃ>.json` (or for the whole batch from the index page) and
// named in batch.yaml (`inputs.corrections`, one file per clerk if they like). Each entry is checked
// on its own and every problem of it is reported (in Vietnamese, naming the file and the entry): a
// malformed file, a missing or invalid SHA-256, person, time or unit, a part that is not a number,
// a day that does not exist. The other entries still apply. A file of another format or version is
// refused whole.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { toPosix } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { cleanText } from '../util/text.js';
import { parseJson } from '../util/json.js';
import { readTable, TableError, toText } from './xlsx-table.js';

/** The `format` a corrections file declares. */
export const CORRECTIONS_FORMAT = 'cchc-corrections';
export const CORRECTIONS_RULE = 'corrections-file';
/** The only `version` of the format this program reads (the audit pages write it). */
export const CORRECTIONS_VERSION = 1;

/** One checked entry of a corrections file. */
export interface CorrectionEntry {
  /** The file content the correction is about: it applies to that content only. */
  sha256: string;
  /**
   * The unit the entry is about (its own `unit`, else the file's): it applies only to that unit's
   * evidence. Null for a workbook row without the unit column.
   */
  unit: string | null;
  /** The evidence file as the page named it (relative to the batch folder), when given. */
  file: string | null;
  action: 'confirm' | 'correct';
  /** The parts typed (a `correct` entry has at least one). */
  numeral?: string;
  symbol?: string;
  day?: number;
  month?: number;
  year?: number;
  /**
   * A confirmation from the audit page: the number and date it showed (`number`, `date` ISO, null
   * where none was shown). The confirmation applies only while the reading still shows them.
   */
  shown?: { number: string | null; date: string | null };
  by: string;
  /** ISO 8601, as written. */
  at: string;
  /** The corrections file, relative to the batch folder, and the entry's number in it (1-based). */
  source: string;
  line: number;
}

export interface CorrectionsReading {
  entries: CorrectionEntry[];
  /** Batch-level findings (rule `corrections-file`), one per problem. */
  findings: Finding[];
}

/**
 * Read every corrections file (absolute paths). Never throws for a file's content: a file that
 * cannot be read or parsed is one finding, a bad entry is one finding, the rest is kept.
 */
export async function readCorrections(files: string[], batchDir: string): Promise<CorrectionsReading> {
  const out: CorrectionsReading = { entries: [], findings: [] };
  for (const file of files) {
    const rel = toPosix(path.relative(batchDir, file));
    let text: string;
    try {
      text = /\.xlsx$/iu.test(file) ? '' : await readFile(file, 'utf8');
      if (!text) await stat(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      out.findings.push(problem(`Không đọc được tệp hiệu chỉnh ${rel} (${code === 'ENOENT' ? 'không tìm thấy tệp' : describeFsError(error)}); không hiệu chỉnh nào trong tệp này được áp dụng.`));
      continue;
    }
    const parsed = /\.xlsx$/iu.test(file) ? await readCorrectionsWorkbook(file, rel) : parseCorrections(text, rel);
    out.entries.push(...parsed.entries);
    out.findings.push(...parsed.findings);
  }
  return out;
}

/** Parse one corrections file's text; `rel` names it in messages. Pure. */
export function parseCorrections(text: string, rel: string): CorrectionsReading {
  const out: CorrectionsReading = { entries: [], findings: [] };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} không phải JSON hợp lệ (${parsed.problem}); không hiệu chỉnh nào trong tệp này được áp dụng.`));
    return out;
  }
  const doc = parsed.value;
  if (!isObject(doc) || !Array.isArray(doc.corrections)) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} không có danh sách "corrections" (tệp do trang kiểm tra tài liệu lưu ra); không hiệu chỉnh nào được áp dụng.`));
    return out;
  }
  if (doc.format !== undefined && doc.format !== CORRECTIONS_FORMAT) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} có "format" là ${JSON.stringify(doc.format)}, không phải "${CORRECTIONS_FORMAT}"; không hiệu chỉnh nào được áp dụng.`));
    return out;
  }
  if (doc.version !== undefined && doc.version !== CORRECTIONS_VERSION) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} có "version" là ${JSON.stringify(doc.version)}${typeof doc.version === 'string' ? ' (chuỗi ký tự, không phải số)' : ''}; chương trình này chỉ đọc tệp hiệu chỉnh có "version": ${CORRECTIONS_VERSION} (do trang kiểm tra tài liệu lưu ra), nên không hiệu chỉnh nào trong tệp này được áp dụng. Hãy lưu lại tệp từ trang kiểm tra tài liệu của lần chạy này.`));
    return out;
  }
  const fileBy = typeof doc.by === 'string' ? cleanText(doc.by) : '';
  const fileAt = typeof doc.at === 'string' ? doc.at.trim() : '';
  const fileUnit = typeof doc.unit === 'string' ? cleanText(doc.unit) : '';
  if (doc.unit !== undefined && !fileUnit) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} có "unit" là ${JSON.stringify(doc.unit)}, không phải một mã đơn vị; không hiệu chỉnh nào trong tệp này được áp dụng.`));
    return out;
  }
  doc.corrections.forEach((raw: unknown, index: number) => {
    const line = index + 1;
    const checked = isObject(raw) ? checkEntry(raw, { by: fileBy, at: fileAt, unit: fileUnit, unitRequired: true, source: rel, line }, JSON_FIELDS) : ['không phải một mục hiệu chỉnh (cần một đối tượng JSON)'];
    if (Array.isArray(checked)) out.findings.push(problem(`Tệp hiệu chỉnh ${rel}, mục ${line}: ${checked.join('; ')}; mục này không được áp dụng.`));
    else out.entries.push(checked);
  });
  return out;
}

/** How a message names each field an entry needs: a JSON file's keys, or the workbook's columns. */
interface FieldNames {
  sha256: string;
  by: string;
  at: string;
  unit: string;
  /** Names a part key (`numeral`, `day`…) in a message. */
  part: (key: string) => string;
}

const JSON_FIELDS: FieldNames = {
  sha256: 'trường sha256 (mã SHA-256 của tệp)',
  by: 'trường by (người hiệu chỉnh)',
  at: 'trường at (thời điểm hiệu chỉnh)',
  unit: 'trường unit (mã đơn vị)',
  part: (key) => `trường ${key}`,
};

const WORKBOOK_FIELDS: FieldNames = {
  sha256: 'mã SHA-256 (cột "SHA-256")',
  by: 'người hiệu chỉnh (cột "Người hiệu chỉnh")',
  at: 'thời điểm hiệu chỉnh',
  unit: 'mã đơn vị (cột "Mã đơn vị")',
  part: (key) => ({ numeral: 'cột "Số đúng"', symbol: 'cột "Ký hiệu đúng"' } as Record<string, string>)[key] ?? 'cột "Ngày đúng"',
};

/** An ISO 8601 date or date-time, as the pages write (`2021-12-01T08:30:00.000Z`). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;

const missing = (v: unknown) => v === undefined || v === null || v === '';

/**
 * An ISO time (ISO_TIME) that names a real moment: `Date.parse` takes `2021-02-31` for 3 March and
 * `T24:00` for the next day, so the calendar date and the clock are checked themselves.
 */
function realTime(at: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/u.exec(at);
  if (!m || Number.isNaN(Date.parse(at))) return false;
  if (isoDateOf(Number(m[3]), Number(m[2]), Number(m[1])) === null) return false;
  return m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59);
}

/**
 * One entry checked: the entry, or every reason (Vietnamese) it cannot apply. `given` holds the
 * file's own defaults (who, when, which unit); `names` how messages name the fields.
 */
function checkEntry(
  raw: Record<string, unknown>,
  given: { by: string; at: string; unit: string; unitRequired: boolean; source: string; line: number },
  names: FieldNames,
): CorrectionEntry | string[] {
  const problems: string[] = [];
  const sha256 = typeof raw.sha256 === 'string' ? raw.sha256.trim().toLowerCase() : '';
  if (missing(raw.sha256)) problems.push(`thiếu ${names.sha256}`);
  else if (!/^[0-9a-f]{64}$/u.test(sha256)) problems.push(`mã SHA-256 ${JSON.stringify(raw.sha256)} không hợp lệ (cần 64 chữ số hệ mười sáu)`);

  const entryUnit = typeof raw.unit === 'string' ? cleanText(raw.unit) : '';
  if (!missing(raw.unit) && !entryUnit) problems.push(`mã đơn vị ${JSON.stringify(raw.unit)} không hợp lệ`);
  else if (entryUnit && given.unit && entryUnit !== given.unit) problems.push(`mục ghi đơn vị "${entryUnit}", khác đơn vị của tệp ("${given.unit}")`);
  else if (!entryUnit && !given.unit && given.unitRequired) problems.push(`thiếu ${names.unit}`);
  const unit = entryUnit || given.unit || null;

  const by = typeof raw.by === 'string' && cleanText(raw.by) ? cleanText(raw.by) : given.by;
  if (!by) problems.push(`thiếu ${names.by}`);

  const at = typeof raw.at === 'string' && raw.at.trim() ? raw.at.trim() : given.at;
  if (!at) problems.push(`thiếu ${names.at}`);
  else if (!ISO_TIME.test(at) || !realTime(at)) problems.push(`thời điểm hiệu chỉnh ${JSON.stringify(at)} không hợp lệ (${names.at} cần dạng 2021-12-01T08:30:00Z)`);

  const action = raw.action ?? 'correct';
  if (action !== 'confirm' && action !== 'correct') problems.push(`"action" là ${JSON.stringify(action)}, cần "confirm" (xác nhận) hoặc "correct" (sửa)`);

  const parts: Pick<CorrectionEntry, 'numeral' | 'symbol' | 'day' | 'month' | 'year'> = {};
  if (action !== 'confirm') {
    for (const key of ['numeral', 'symbol'] as const) {
      if (missing(raw[key])) continue;
      const value = cleanText(String(raw[key])).replace(/\s+/gu, '');
      const ok = key === 'numeral' ? /^\d{1,6}[\p{L}]{0,3}$/u.test(value) : /^[\p{L}\p{N}][\p{L}\p{N}./&-]{0,59}$/u.test(value);
      if (ok) parts[key] = value;
      else problems.push(`${key === 'numeral' ? 'số' : 'ký hiệu'} ${JSON.stringify(raw[key])} không hợp lệ${key === 'numeral' ? ' (cần chữ số, có thể kèm chữ cái như 30a)' : ' (như KH-SXD)'}`);
    }
    const ranges = { day: [1, 31, 'ngày'], month: [1, 12, 'tháng'], year: [1900, 2100, 'năm'] } as const;
    let partsOk = true;
    for (const key of ['day', 'month', 'year'] as const) {
      const v = raw[key];
      if (missing(v)) continue;
      const n = typeof v === 'number' ? v : /^\s*\d+\s*$/u.test(String(v)) ? Number(v) : Number.NaN;
      const [min, max, name] = ranges[key];
      if (Number.isInteger(n) && n >= min && n <= max) parts[key] = n;
      else {
        partsOk = false;
        problems.push(`${name} ${JSON.stringify(v)} không hợp lệ (cần số nguyên từ ${min} đến ${max})`);
      }
    }
    if (partsOk && parts.day !== undefined && parts.month !== undefined && parts.year !== undefined && isoDateOf(parts.day, parts.month, parts.year) === null) {
      problems.push(`ngày ${parts.day}/${parts.month}/${parts.year} không có thật`);
    } else if (parts.day !== undefined && parts.month !== undefined && parts.year === undefined && isoDateOf(parts.day, parts.month, 2000) === null) {
      // No usable year (none typed, or itself wrong): a day the month never has (31/2, 31/4) is said too.
      problems.push(`ngày ${parts.day}/${parts.month} không có thật`);
    }
    const typed = ['numeral', 'symbol', 'day', 'month', 'year'].some((key) => !missing(raw[key]));
    if (action === 'correct' && !typed) problems.push(`không có số, ký hiệu, ngày, tháng hay năm nào được sửa${raw.action === undefined ? ' (mục không có "action": muốn xác nhận giá trị đã đọc thì ghi "action": "confirm")' : ''}`);
  }
  let shown: CorrectionEntry['shown'];
  if (action === 'confirm' && ('number' in raw || 'date' in raw)) {
    const text = (key: 'number' | 'date'): string | null => {
      const v = raw[key];
      if (v === undefined || v === null || v === '') return null;
      if (typeof v === 'string') return cleanText(v);
      problems.push(`"${key}" là ${JSON.stringify(v)}, cần ${key === 'number' ? 'số văn bản đã xác nhận (như "30/KH-SXD")' : 'ngày đã xác nhận (như "2021-01-04")'} hoặc null`);
      return null;
    };
    const written = text('date');
    const day = written === null ? null : writtenDate(written);
    const date = day ? isoDateOf(day.day, day.month, day.year) : null;
    if (written !== null && date === null) {
      problems.push(`"date" là ${JSON.stringify(written)}, cần ngày đã xác nhận dạng "2021-01-04" (hoặc "04/01/2021") có thật, hoặc null`);
    }
    shown = { number: text('number'), date };
  }
  if (problems.length > 0) return problems;
  return { sha256, unit, file: typeof raw.file === 'string' ? cleanText(raw.file) : null, action: action as CorrectionEntry['action'], ...parts, ...(shown ? { shown } : {}), by, at, source: given.source, line: given.line };
}

/** Columns of the results workbook's evidence sheet a person fills in (see documents/workbook.ts). */
export const CORRECTION_COLUMNS = {
  sha256: ['SHA-256'],
  file: ['Đường dẫn'],
  confirm: ['Xác nhận đúng'],
  numeral: ['Số đúng'],
  symbol: ['Ký hiệu đúng'],
  date: ['Ngày đúng'],
  by: ['Người hiệu chỉnh'],
  unit: ['Mã đơn vị'],
};

/**
 * The corrections typed into a copy of the results workbook's evidence sheet (Tài liệu): a row
 * with "x" under "Xác nhận đúng" confirms, a row with "Số đúng", "Ký hiệu đúng" or "Ngày đúng"
 * (dd/mm/yyyy, or a date cell) corrects; a row doing both is contradictory and not applied. When:
 * the workbook's own modification time. Problems are reported per row.
 */
export async function readCorrectionsWorkbook(file: string, rel: string): Promise<CorrectionsReading> {
  const out: CorrectionsReading = { entries: [], findings: [] };
  let table;
  try {
    table = await readTable(file, { columns: CORRECTION_COLUMNS, required: ['sha256', 'numeral'], sheets: ['Tài liệu'] });
  } catch (error) {
    out.findings.push(problem(`Tệp hiệu chỉnh ${rel} không đọc được: ${error instanceof TableError ? error.message : describeFsError(error)}; không hiệu chỉnh nào trong tệp này được áp dụng.`));
    return out;
  }
  const at = (await stat(file)).mtime.toISOString();
  for (const { row, values } of table.rows) {
    const confirm = /^(x|có|co|đúng|dung)$/iu.test(toText(values.confirm).trim());
    const typed = [values.numeral, values.symbol, values.date].some((v) => v !== null && v !== '');
    if (!confirm && !typed) continue;
    if (confirm && typed) {
      out.findings.push(problem(`Tệp hiệu chỉnh ${rel}, trang "${table.sheet}", dòng ${row}: vừa đánh dấu "Xác nhận đúng" vừa ghi số hoặc ngày đúng, không rõ là xác nhận giá trị đã đọc hay sửa; dòng này không được áp dụng (giữ một trong hai).`));
      continue;
    }
    const raw: Record<string, unknown> = { sha256: toText(values.sha256), unit: toText(values.unit) || undefined, file: toText(values.file) || undefined, by: toText(values.by), action: typed ? 'correct' : 'confirm' };
    if (values.numeral !== null) raw.numeral = toText(values.numeral);
    if (values.symbol !== null) raw.symbol = toText(values.symbol);
    const date = toText(values.date).trim();
    if (date) {
      const parts = writtenDate(date);
      if (!parts) {
        out.findings.push(problem(`Tệp hiệu chỉnh ${rel}, trang "${table.sheet}", dòng ${row}: ngày đúng "${date}" không hợp lệ (cần dạng dd/mm/yyyy); dòng này không được áp dụng.`));
        continue;
      }
      Object.assign(raw, parts);
    }
    const checked = checkEntry(raw, { by: '', at, unit: '', unitRequired: false, source: rel, line: row }, WORKBOOK_FIELDS);
    if (Array.isArray(checked)) out.findings.push(problem(`Tệp hiệu chỉnh ${rel}, trang "${table.sheet}", dòng ${row}: ${checked.join('; ')}; dòng này không được áp dụng.`));
    else out.entries.push(checked);
  }
  return out;
}

/**
 * A date as a person writes it, `dd/mm/yyyy` (as every document prints it) or `yyyy-mm-dd` (as the
 * audit pages save it), in parts; null for any other form. Whether the day exists is checked after.
 */
function writtenDate(text: string): { day: number; month: number; year: number } | null {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(text);
  if (dmy) return { day: Number(dmy[1]), month: Number(dmy[2]), year: Number(dmy[3]) };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  return iso ? { day: Number(iso[3]), month: Number(iso[2]), year: Number(iso[1]) } : null;
}

function problem(reason: string): Finding {
  return { rule: CORRECTIONS_RULE, effect: 'info', unit: '', reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
