// Which workbook in a unit folder is its self-assessment report: report.xlsx as documented, or —
// when it is absent — the one workbook whose sheet has the report's header labels, whatever its name
// (`bao-cao-tu-danh-gia.xlsx`, `Report.XLSX`). Workbooks that cannot be read (an Excel 97–2003 .xls,
// a password) are named with the reason, so a clerk learns what to re-save.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { nfc } from '../util/text.js';
import { REPORT_COLUMNS, REPORT_SHEET } from './report-format.js';
import { describeWorkbookProblem } from './workbook-file.js';
import { loadWorkbook, readTableFrom, TableError } from './xlsx-table.js';

export const REPORT_FILE = 'report.xlsx';

export interface ReportLocation {
  /** The report to read (absolute), or null when none was found. */
  file: string | null;
  /** Vietnamese sentences: how the report was chosen, or why none could be (names every workbook seen). */
  notes: string[];
  /**
   * Other workbooks beside report.xlsx that have the report's table too (batch-relative names): an
   * older or newer version of the report whose scores may be the real ones. Empty when none.
   */
  rivals: string[];
}

const WORKBOOK = /\.(xlsx|xlsm|xls|ods|csv)$/iu;

/** Find the report in `folder`; `relOf` gives the batch-relative name used in messages. */
export async function findReport(folder: string, relOf: (file: string) => string): Promise<ReportLocation> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return { file: null, notes: [], rivals: [] };
  }
  const workbooks = names.filter((n) => WORKBOOK.test(n) && !n.startsWith('~$') && !n.startsWith('.')).sort((a, b) => a.localeCompare(b));
  if (names.includes(REPORT_FILE)) {
    const rivals: string[] = [];
    for (const name of workbooks.filter((n) => n !== REPORT_FILE && /\.(xlsx|xlsm)$/iu.test(n))) {
      if ((await reportTableProblem(path.join(folder, name))) === null) rivals.push(relOf(path.join(folder, name)));
    }
    return { file: path.join(folder, REPORT_FILE), notes: [], rivals };
  }
  const readable: string[] = [];
  const notes: string[] = [];
  for (const name of workbooks) {
    const file = path.join(folder, name);
    if (!/\.(xlsx|xlsm)$/iu.test(name)) {
      notes.push(`Tệp ${relOf(file)} không đọc được: ${await describeWorkbookProblem(file)}.`);
      continue;
    }
    const why = await reportTableProblem(file);
    if (why === null) readable.push(file);
    else notes.push(`Tệp ${relOf(file)} không phải báo cáo tự đánh giá đọc được: ${why}.`);
  }
  if (readable.length === 1) {
    const file = readable[0]!;
    return { file, notes: [`Không có tệp ${REPORT_FILE}; tệp ${relOf(file)} có bảng tự đánh giá (cột "Mã tiêu chí", "Điểm tự đánh giá") nên được dùng làm báo cáo tự đánh giá.`, ...notes], rivals: [] };
  }
  if (readable.length === 0 && workbooks.some((n) => !/\.(xlsx|xlsm)$/iu.test(n))) {
    // Most likely the report itself in another format: say where the converted file goes and that
    // the evidence is not held back meanwhile.
    notes.push(`Lưu lại báo cáo tự đánh giá thành ${relOf(path.join(folder, REPORT_FILE))}. Tài liệu kiểm chứng của đơn vị vẫn được đọc và giữ kết quả; khi có báo cáo, lần chạy sau thẩm định ngay.`);
  }
  if (readable.length > 1) {
    return {
      file: null,
      notes: [`Không có tệp ${REPORT_FILE} và có ${readable.length} tệp cùng có bảng tự đánh giá (${readable.map(relOf).join(', ')}): không rõ tệp nào là báo cáo; cần giữ lại một tệp, đặt tên ${REPORT_FILE}.`, ...notes],
      rivals: [],
    };
  }
  return { file: null, notes, rivals: [] };
}

/** Why `file` (an .xlsx) holds no report table (Vietnamese clause), or null when it has one. */
async function reportTableProblem(file: string): Promise<string | null> {
  try {
    readTableFrom(await loadWorkbook(file), {
      columns: { code: [...REPORT_COLUMNS.code], self: [...REPORT_COLUMNS.self] }, required: ['code', 'self'], sheets: [REPORT_SHEET],
    });
    return null;
  } catch (error) {
    return error instanceof TableError ? error.message : 'không đọc được';
  }
}

/** NFC batch-relative display name. */
export function displayName(batchDir: string, file: string): string {
  return nfc(path.relative(batchDir, file).split(path.sep).join('/'));
}
