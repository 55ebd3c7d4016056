// Vietnamese fragments rules use to name files, documents and dates in their reasons, so every
// reason in the minutes points at the same things in the same words.
import type { LEGAL_TYPE_CODES, TYPE_CODES } from '../evidence/parse-header.js';
import type { Extraction } from '../model.js';
import { formatDateVn, formatScore } from '../util/text.js';
import type { EvidenceRecord, RuleReport } from './rule.js';
import { DEFAULT_MIN_CONFIDENCE } from './unreadable-evidence.js';

/** `tệp "KH-CCHC-2024.pdf" (trang 2)`: the page only when the reader knows it. */
export function fileLabel(record: EvidenceRecord, page = record.extraction.headerPage): string {
  return `tệp "${record.file.name}"${page ? ` (trang ${page})` : ''}`;
}

/**
 * `số 30a/KH-SXD ngày 05/02/2024`, leaving out what was not read; a value read with less than the
 * rules' default confidence (0.8) is the reader's guess and says so: `số 899/UBND-TTHC (đọc chưa chắc)`,
 * unless `markUnsure` is false (a reason that already says the reading is unsure).
 */
export function documentLabel(extraction: Extraction, markUnsure = true): string {
  const unsure = (confidence: number) => (markUnsure ? unsureMark(confidence) : '');
  const parts: string[] = [];
  if (extraction.number) parts.push(`số ${extraction.number}${unsure(extraction.numberConfidence)}`);
  if (extraction.date) parts.push(`ngày ${formatDateVn(extraction.date)}${unsure(extraction.dateConfidence)}`);
  return parts.join(' ');
}

/** ` (đọc chưa chắc)` after a value read with less than the rules' default confidence (0.8), else nothing. */
export function unsureMark(confidence: number): string {
  return confidence < DEFAULT_MIN_CONFIDENCE ? ' (đọc chưa chắc)' : '';
}

/** `tệp "KH.pdf" (trang 1), văn bản số 12/KH-SNV ngày 15/01/2024`. */
export function evidenceLabel(record: EvidenceRecord): string {
  const doc = documentLabel(record.extraction);
  return doc ? `${fileLabel(record)}, văn bản ${doc}` : fileLabel(record);
}

/** `1,5 điểm`. */
export function points(value: number): string {
  return `${formatScore(value)} điểm`;
}

/** `85%` from 0.85. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The file fields of a report about one evidence file. */
export function aboutFile(record: EvidenceRecord): Pick<RuleReport, 'file' | 'page'> {
  const page = record.extraction.headerPage;
  return { file: record.file.relPath, ...(page ? { page } : {}) };
}

/** What an effect does, as the end of a sentence: `…: chấm 0 điểm.` */
export function effectClause(effect: RuleReport['effect'], cap?: number): string {
  switch (effect) {
    case 'zero':
      return 'tiêu chí được chấm 0 điểm';
    case 'cap':
      return `tiêu chí được tính tối đa ${points(cap ?? 0)}`;
    case 'exclude':
      return 'tài liệu này không được tính là tài liệu kiểm chứng hợp lệ';
    case 'review':
      return 'đề nghị Hội đồng thẩm định xem xét, quyết định';
    case 'info':
      return 'nội dung này được ghi nhận để theo dõi';
  }
}

/**
 * Decree 30 Appendix III type codes as the minutes name them, and the legal normative documents'
 * (Decree 34/2016/NĐ-CP) the parser knows; `CV` stands for a công văn (no type code). Keyed by the
 * header parser's codes, so the lists cannot drift apart.
 */
const TYPE_NAMES: Record<(typeof TYPE_CODES)[number] | (typeof LEGAL_TYPE_CODES)[number] | 'CV', string> = {
  TT: 'Thông tư', TTLT: 'Thông tư liên tịch', NĐ: 'Nghị định', NQLT: 'Nghị quyết liên tịch',
  NQ: 'Nghị quyết', QĐ: 'Quyết định', CT: 'Chỉ thị', QC: 'Quy chế', QyĐ: 'Quy định', TC: 'Thông cáo',
  TB: 'Thông báo', HD: 'Hướng dẫn', CTr: 'Chương trình', KH: 'Kế hoạch', PA: 'Phương án', ĐA: 'Đề án',
  DA: 'Dự án', BC: 'Báo cáo', BB: 'Biên bản', TTr: 'Tờ trình', HĐ: 'Hợp đồng', CĐ: 'Công điện',
  BGN: 'Bản ghi nhớ', BTT: 'Bản thỏa thuận', GUQ: 'Giấy ủy quyền', GM: 'Giấy mời', GGT: 'Giấy giới thiệu',
  GNP: 'Giấy nghỉ phép', PG: 'Phiếu gửi', PC: 'Phiếu chuyển', PB: 'Phiếu báo', SY: 'Bản sao y',
  TrS: 'Bản trích sao', SL: 'Bản sao lục', CV: 'Công văn',
};

/** Type codes a framework may expect: Decree 30 Appendix III, and `CV` for a công văn. */
export const DOCUMENT_TYPES: readonly string[] = Object.keys(TYPE_NAMES);

/** `Kế hoạch (KH)`. */
export function typeName(code: string): string {
  const name = (TYPE_NAMES as Record<string, string | undefined>)[code];
  return name ? `${name} (${code})` : code;
}

/** `Kế hoạch (KH) hoặc Báo cáo (BC)`. */
export function typeNames(codes: readonly string[]): string {
  const names = codes.map(typeName);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} hoặc ${names[names.length - 1]}`;
}

/** A file list for a sentence: `tệp "a.pdf", tệp "b.pdf"`. */
export function fileList(records: readonly EvidenceRecord[]): string {
  return records.map((r) => fileLabel(r)).join(', ');
}

/** The unit's words, shortened for quoting: `"Sở đã ban hành…"`. */
export function quote(text: string, max = 160): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  return `"${clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean}"`;
}

/** Words of letters an explanation needs to count as one (`explains`). */
export const MIN_EXPLANATION_WORDS = 3;

/**
 * Whether the unit's explanation says anything: at least MIN_EXPLANATION_WORDS words of two or more
 * letters. `.`, `x`, `có`, `Không có` are not explanations; `Đã ban hành kế hoạch` is (whether it
 * convinces is the council's call). The seeds ask for a clear explanation of how the score was
 * reached (Lào Cai 2021 §2 "giải trình rõ về cách đánh giá, tính điểm"; Thái Nguyên 2024 §4b: an
 * unclear explanation scores 0).
 */
export function explains(text: string): boolean {
  return (text.match(/\p{L}{2,}/gu)?.length ?? 0) >= MIN_EXPLANATION_WORDS;
}

/** What a row's explanation cell held that does not count as one (`explains`), for a finding; '' when empty. */
export function notAnExplanation(text: string): string {
  const clean = text.trim();
  return clean === '' ? '' : `, chỉ ghi ${quote(clean, 40)} ở cột giải trình, không nêu cách đánh giá, tính điểm nên không được coi là giải trình`;
}

/** Upper-case the first letter, to start a sentence with a fragment. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
