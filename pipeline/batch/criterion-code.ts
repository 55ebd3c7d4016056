// Criterion codes as typed into reports: `１.１.２` (full-width digits from a Japanese/Chinese IME),
// `1.3\u200b.1` (a zero-width space pasted from a web page), `1,3,2` (a comma for the dot, as in
// Vietnamese decimals), `TC 1.3.1` (the guidance's abbreviation for tiêu chí). Each is the code
// 1.1.2 / 1.3.1 / 1.3.2 once normalised; the finding says what was changed so the unit can correct
// its report.

export interface NormalisedCode {
  code: string;
  /** What was changed, in Vietnamese (empty when the code was already clean). */
  changes: string[];
}

const INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/gu;

/** NFKC, invisible characters removed, commas between numbers read as dots, spaces around dots dropped. */
export function normaliseCriterionCode(raw: string): NormalisedCode {
  const changes: string[] = [];
  let code = raw;
  const compat = code.normalize('NFKC');
  if (compat !== code.normalize('NFC')) changes.push('chữ số hoặc dấu toàn độ rộng');
  code = compat;
  const visible = code.replace(INVISIBLE, '');
  if (visible !== code) changes.push('ký tự ẩn (khoảng trắng độ rộng 0)');
  code = visible.trim();
  // "TC 1.3.1", "TCTP 1.3.1", "Tiêu chí 1.3.1": the words the guidance uses (tiêu chí, tiêu chí thành
  // phần), as folder names may carry them (match-folder.ts).
  const bare = code.replace(/^(?:tiêu\s*chí(?:\s*thành\s*phần)?|tctp|tc)\s*[.:]?\s*(?=\d)/iu, '');
  if (bare !== code) {
    changes.push(`bỏ chữ "${code.slice(0, code.length - bare.length).trim()}" trước mã`);
    code = bare;
  }
  if (/^\d+(\s*,\s*\d+)+\.?$/u.test(code)) {
    code = code.replace(/\s*,\s*/gu, '.');
    changes.push('dấu phẩy thay cho dấu chấm');
  }
  const tight = code.replace(/\s*\.\s*/gu, '.').trim();
  if (tight !== code) changes.push('khoảng trắng quanh dấu chấm');
  return { code: tight, changes };
}
