// The self-assessment table (báo cáo tự đánh giá): column labels shared by the template writer and the reader.
export const REPORT_SHEET = 'Tự đánh giá';

export const REPORT_COLUMNS = {
  stt: ['STT', 'TT'],
  code: ['Mã tiêu chí', 'Mã TC', 'Mã'],
  title: ['Tiêu chí, tiêu chí thành phần', 'Tiêu chí', 'Nội dung'],
  max: ['Điểm tối đa', 'Điểm chuẩn'],
  self: ['Điểm tự đánh giá', 'Tự đánh giá', 'Điểm tự chấm'],
  notApplicable: ['Không áp dụng', 'KAD'],
  evidence: ['Tài liệu kiểm chứng', 'TLKC'],
  explanation: ['Giải trình', 'Giải trình, thuyết minh'],
  /** Criteria scored from a figure (framework `figure`): the figure, or its numerator and denominator. */
  figure: ['Số liệu', 'Số liệu báo cáo'],
  numerator: ['Tử số'],
  denominator: ['Mẫu số'],
} as const;

export type ReportColumn = keyof typeof REPORT_COLUMNS;

/** Column order in the template. */
export const REPORT_LAYOUT: ReadonlyArray<{ key: ReportColumn; width: number }> = [
  { key: 'stt', width: 6 },
  { key: 'code', width: 10 },
  { key: 'title', width: 60 },
  { key: 'max', width: 10 },
  { key: 'self', width: 12 },
  { key: 'notApplicable', width: 11 },
  { key: 'evidence', width: 40 },
  { key: 'explanation', width: 60 },
  { key: 'figure', width: 11 },
  { key: 'numerator', width: 10 },
  { key: 'denominator', width: 10 },
];

/** Evidence file names in one cell: one per line, or separated by `;`. */
export function splitFileList(cell: string): string[] {
  return cell
    .split(/[\n;]+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The "Không áp dụng" cell: `yes` a tick (`x`, `có`, `KAD`, `1`, TRUE…), `no` empty or a clear no
 * (`0`, `không`, `-`, FALSE), `unclear` anything else (`2`, `100`, a date…). An unclear mark is never
 * taken for a waiver: the criterion stays in the maximum and the reader reports the cell.
 */
export function readNotApplicableMark(value: string | number | boolean | null): 'yes' | 'no' | 'unclear' {
  if (value === null || value === false) return 'no';
  if (value === true) return 'yes';
  if (typeof value === 'number') return value === 1 ? 'yes' : value === 0 ? 'no' : 'unclear';
  const text = value.normalize('NFC').trim();
  if (text === '') return 'no';
  if (/^(x|có|co|kad|1|yes|true|không áp dụng|khong ap dung)$/iu.test(text)) return 'yes';
  if (/^(0|-|–|không|khong|no|false|có áp dụng)$/iu.test(text)) return 'no';
  return 'unclear';
}
