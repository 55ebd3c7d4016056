// Where a correction sits in its corrections file, in the words a clerk uses for that kind of file:
// a row of a workbook is a `dòng` (the row number Excel shows), an entry of the audit pages' JSON
// file a `mục` (its place in the `corrections` list). The same correction is cited the same way
// wherever it is named: a rejected one in the findings, an applied one in the minutes and workbook.

/** `dòng` for a workbook (`.xlsx`), whose corrections are rows; `mục` for a JSON file's entries. */
export function correctionWord(file: string): 'dòng' | 'mục' {
  return /\.xlsx$/iu.test(file) ? 'dòng' : 'mục';
}

/** `dòng 3` for row 3 of a workbook, `mục 2` for the second entry of a JSON file (1-based). */
export function correctionPlace(file: string, line: number): string {
  return `${correctionWord(file)} ${line}`;
}

/** `dòng này` / `mục này`: the correction itself, in a sentence that cited it with `correctionPlace`. */
export function thisCorrection(file: string): string {
  return `${correctionWord(file)} này`;
}
