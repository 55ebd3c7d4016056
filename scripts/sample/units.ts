// The sample batch's units and the problems planted in each, so that a run shows every kind of finding.
import type { DocType, Organisation } from './documents.js';

export type BadFile = 'truncated' | 'not-pdf' | 'empty' | 'encrypted';

/**
 * How a piece of evidence was produced: a Word export (the default, a text layer), a paper document
 * scanned, an electronic document signed digitally (number and day stamped at signing), or an old
 * document typed in a legacy TCVN3/VNI font.
 */
export type EvidenceForm =
  | { kind: 'scan'; dpi?: number; skewDegrees?: number; noise?: number; upsideDown?: boolean; encoding?: 'jpeg' | 'bilevel'; stampNumber?: boolean }
  | { kind: 'signed'; overlay: 'freetext' | 'stamp' | 'stamp-image'; box?: 'text' | 'image' | 'none'; modifiedAfterSigning?: boolean }
  | { kind: 'legacy'; encoding: 'tcvn3' | 'vni' };

export interface UnitProfile {
  org: Organisation;
  /** Seed for the unit's pseudo-random choices (days, numbers, partial scores). */
  seed: number;
  /** Evidence file names: Vietnamese titles, or ASCII slugs as some units upload them. */
  naming: 'vietnamese' | 'slug';
  /** How many criteria get a partial self score (max − 0.5). */
  partials: number;
  /** Survey satisfaction rate (share of the maximum). */
  surveyRate: number;
  /** Exact self scores (override partials), including above-maximum claims. */
  selfScores?: Record<string, number>;
  notApplicable?: string[];
  /** No evidence; the explanation is given. */
  explainOnly?: Record<string, string>;
  /** No evidence and no explanation, yet a self score. */
  nothing?: string[];
  /** Evidence number numeral overrides (`30a`); null prints a blank number. */
  numerals?: Record<string, string | null>;
  /** Evidence dates overrides; day null prints a blank day. */
  dates?: Record<string, { day: number | null; month: number | null; year: number }>;
  /** Evidence issued by the province instead of the unit. */
  otherIssuer?: string[];
  /** Evidence of another type than the criterion expects. */
  wrongType?: Record<string, DocType>;
  /** The explanation cites this numeral instead of the evidence's own. */
  explanationCites?: Record<string, string>;
  /** Explanations that do not name the section (Mục, Khoản, Điểm) they rely on. */
  noSection?: string[];
  /** Two different documents carrying one number. */
  duplicateNumber?: [string, string];
  badFiles?: Record<string, BadFile>;
  /** Survey criteria the unit scored itself anyway. */
  surveySelf?: Record<string, number>;
  /** Cells typed as text instead of a number. */
  textScores?: Record<string, string>;
  /** A file listed in the report that is not in the folder. */
  listedMissing?: Record<string, string>;
  /** A file in the folder that the report does not list. */
  unlisted?: Record<string, string>;
  /** The report file itself is not a workbook. */
  corruptReport?: boolean;
  /** The unit has not submitted anything (no folder). */
  absent?: boolean;
  /** Criteria left without evidence to keep the unit within the sample's file budget. */
  maxFiles?: number;
  /** Evidence produced otherwise than as a Word export. */
  forms?: Record<string, EvidenceForm>;
}

const org = (code: string, name: string, director: string, deputy: string): Organisation => ({
  code, name, symbol: code, director, deputy,
});

export const UNITS: UnitProfile[] = [
  {
    // An exemplary department; two criteria do not apply to it (normalised to 100).
    org: org('STP', 'Sở Tư pháp', 'Nguyễn Văn Thành', 'Trần Thị Hương'),
    seed: 11, naming: 'vietnamese', partials: 2, surveyRate: 0.93,
    notApplicable: ['6.2', '4.4'],
    forms: {
      '1.1.2': { kind: 'signed', overlay: 'freetext', box: 'text' },
      '1.2': { kind: 'signed', overlay: 'stamp', box: 'image' },
      '2.2.2': { kind: 'signed', overlay: 'freetext', box: 'text' },
      '1.5': { kind: 'scan', dpi: 200 },
      '3.5': { kind: 'scan', dpi: 150, skewDegrees: 1.5, noise: 0.4 },
      '5.1': { kind: 'scan', dpi: 200, stampNumber: true },
      '1.3.3': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '4.1': { kind: 'scan', dpi: 150, skewDegrees: -0.8 },
      '5.4.2': { kind: 'scan', dpi: 200, encoding: 'bilevel', noise: 0.5 },
      '7.5.3': { kind: 'scan', dpi: 150 },
      '2.3.2': { kind: 'scan', dpi: 200, encoding: 'bilevel', skewDegrees: 1.2 },
    },
  },
  {
    // Thái Nguyên's own example: the 2021 CCHC plan numbered 30a/KH-SXD; a claim above the maximum;
    // the province's plan filed where the department's own plan is required.
    org: org('SXD', 'Sở Xây dựng', 'Lê Minh Tuấn', 'Phạm Văn Hải'),
    seed: 23, naming: 'slug', partials: 6, surveyRate: 0.88,
    numerals: { '1.1.1': '30a' },
    selfScores: { '1.5': 2 },
    otherIssuer: ['1.3.1'],
    forms: {
      '1.1.1': { kind: 'scan', dpi: 200, skewDegrees: -1 },
      '1.3.1': { kind: 'scan', dpi: 150 },
      '1.4.2': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '3.1.2': { kind: 'scan', dpi: 150, noise: 0.4 },
      '4.4': { kind: 'scan', dpi: 200, encoding: 'bilevel', skewDegrees: 1.8 },
      '5.1': { kind: 'scan', dpi: 150, stampNumber: true },
      '6.2': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '7.1.6': { kind: 'scan', dpi: 150, skewDegrees: 0.7 },
      '1.1.2': { kind: 'signed', overlay: 'freetext', box: 'text' },
      // Page 1 redrawn in an incremental update after signing: the signature no longer covers it.
      '5.4.2': { kind: 'signed', overlay: 'stamp', box: 'text', modifiedAfterSigning: true },
    },
    explainOnly: {
      '2.3.1': 'Sở lồng ghép nội dung theo dõi thi hành pháp luật vào Kế hoạch công tác pháp chế năm 2021 (Mục III); không ban hành kế hoạch riêng.',
    },
    maxFiles: 28,
  },
  {
    // Missing evidence with and without explanation, evidence outside the data window, an explanation
    // citing a number no evidence carries, one number on two documents; area 2 below 70% (downgrade).
    org: org('SYT', 'Sở Y tế', 'Đỗ Quang Vinh', 'Hoàng Thị Lan'),
    seed: 37, naming: 'slug', partials: 5, surveyRate: 0.9,
    nothing: ['2.2.1'],
    explainOnly: {
      '2.3.1': 'Năm 2021 do tập trung phòng, chống dịch COVID-19, Sở chưa ban hành kế hoạch riêng; nội dung theo dõi thi hành pháp luật được thực hiện theo chỉ đạo của UBND tỉnh.',
    },
    selfScores: { '2.1': 1.5, '2.3.2': 0.5 },
    dates: {
      '5.4.1': { day: 15, month: 10, year: 2020 },
      '7.5.3': { day: 6, month: 12, year: 2021 },
    },
    explanationCites: { '1.1.2': '96' },
    noSection: ['1.2', '3.1.2'],
    duplicateNumber: ['1.4.2', '1.6'],
    forms: {
      '1.3.2': { kind: 'scan', dpi: 200, upsideDown: true },
      '3.5': { kind: 'scan', dpi: 150, encoding: 'bilevel' },
      '5.1': { kind: 'scan', dpi: 200, skewDegrees: 2, noise: 0.5 },
      '1.5': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '2.2.3': { kind: 'scan', dpi: 150, skewDegrees: -1.5 },
      '4.1': { kind: 'scan', dpi: 200, encoding: 'bilevel', upsideDown: true },
      '7.5.1': { kind: 'scan', dpi: 150 },
      '1.2': { kind: 'signed', overlay: 'stamp-image', box: 'text' },
      '7.1.2': { kind: 'signed', overlay: 'stamp-image', box: 'image' },
    },
  },
  {
    // Every kind of bad file, an unissued draft, a late plan, the wrong document type, a survey
    // criterion self-scored, a score typed as text, and report/folder mismatches.
    org: org('SNN', 'Sở Nông nghiệp và Phát triển nông thôn', 'Vũ Đức Thắng', 'Ngô Thị Mai'),
    seed: 41, naming: 'slug', partials: 9, surveyRate: 0.85,
    badFiles: { '1.2': 'truncated', '1.4.2': 'not-pdf', '3.1.2': 'empty', '5.5': 'encrypted' },
    numerals: { '2.2.2': null },
    dates: {
      '2.2.2': { day: null, month: 10, year: 2021 },
      '1.1.1': { day: 20, month: 2, year: 2021 },
    },
    wrongType: { '7.1.1': 'BC' },
    surveySelf: { '8.1': 4 },
    textScores: { '4.1': 'đạt' },
    listedMissing: { '5.1': 'qd-bo-sung-vi-tri-viec-lam.pdf' },
    unlisted: { '7.1.2': 'bang-thong-ke-van-ban-dien-tu-nhap.pdf' },
    maxFiles: 29,
    forms: {
      '6.2': { kind: 'legacy', encoding: 'tcvn3' },
      '5.4.1': { kind: 'legacy', encoding: 'vni' },
      '3.5': { kind: 'scan', dpi: 150, stampNumber: true },
      '1.3.2': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '2.3.2': { kind: 'scan', dpi: 150, skewDegrees: 1 },
      '5.4.2': { kind: 'scan', dpi: 200, encoding: 'bilevel', noise: 0.6 },
      '1.3.3': { kind: 'scan', dpi: 150, skewDegrees: -1.2 },
      '2.3.1': { kind: 'scan', dpi: 200, encoding: 'bilevel', upsideDown: true },
      '4.4': { kind: 'scan', dpi: 150, noise: 0.5 },
      '7.5.1': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
    },
  },
  {
    // Tie with SCT on the total; more points on online and postal public services (7.2, 7.3), so ranked above it.
    org: org('STTTT', 'Sở Thông tin và Truyền thông', 'Bùi Văn Long', 'Đặng Thu Trang'),
    seed: 53, naming: 'vietnamese', partials: 3, surveyRate: 0.9,
    selfScores: { '7.2.1': 2, '7.3': 2, '1.5': 0.5, '3.3.2': 0.5, '5.5': 1.5 },
    maxFiles: 30,
    forms: {
      '1.1.1': { kind: 'signed', overlay: 'freetext', box: 'text' },
      '1.1.2': { kind: 'signed', overlay: 'stamp', box: 'text' },
      '7.1.1': { kind: 'signed', overlay: 'freetext', box: 'image' },
      '7.1.2': { kind: 'signed', overlay: 'stamp', box: 'image' },
      '1.6': { kind: 'signed', overlay: 'freetext', box: 'text' },
      '3.1.2': { kind: 'signed', overlay: 'stamp', box: 'text' },
    },
  },
  {
    org: org('SCT', 'Sở Công Thương', 'Trịnh Văn Nam', 'Lý Thị Hồng'),
    seed: 53, naming: 'slug', partials: 3, surveyRate: 0.9,
    selfScores: { '7.2.1': 1, '7.3': 2, '1.5': 1.5, '3.3.2': 0.5, '5.5': 1.5 },
    maxFiles: 30,
    forms: {
      '1.1.1': { kind: 'signed', overlay: 'stamp', box: 'text' },
      '1.1.2': { kind: 'signed', overlay: 'freetext', box: 'image' },
      '7.1.1': { kind: 'signed', overlay: 'stamp', box: 'text' },
    },
  },
  {
    // The report uploaded is not a workbook: the unit cannot be appraised, the batch goes on.
    org: org('SGTVT', 'Sở Giao thông vận tải', 'Phan Quốc Khánh', 'Mai Văn Tùng'),
    seed: 67, naming: 'slug', partials: 2, surveyRate: 0.87,
    corruptReport: true, maxFiles: 10,
    forms: {
      '1.1.1': { kind: 'scan', dpi: 150 },
      '1.2': { kind: 'scan', dpi: 150, skewDegrees: 1 },
      '1.3.1': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '1.4.1': { kind: 'scan', dpi: 150 },
      '2.2.1': { kind: 'scan', dpi: 200, encoding: 'bilevel' },
      '2.2.2': { kind: 'scan', dpi: 150 },
      '2.3.1': { kind: 'scan', dpi: 200, encoding: 'bilevel', skewDegrees: -1 },
    },
  },
  {
    // Listed in batch.yaml but has uploaded nothing yet.
    org: org('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'Đinh Công Sơn', 'Tạ Thị Ngọc'),
    seed: 71, naming: 'slug', partials: 0, surveyRate: 0.89,
    absent: true,
  },
];

/** Bonus and penalty points (điểm thưởng, điểm trừ) for the sample. */
export const ADJUSTMENTS = [
  { unit: 'STP', kind: 'Thưởng', points: 1, reason: 'Có sáng kiến cải cách hành chính được UBND tỉnh công nhận' },
  { unit: 'SXD', kind: 'Thưởng', points: 4, reason: 'Được Bộ Xây dựng khen thưởng về cải cách hành chính (vượt mức thưởng tối đa)' },
  { unit: 'SNN', kind: 'Trừ', points: 1, reason: 'Chậm gửi báo cáo cải cách hành chính quý III' },
];

/** The council's own decisions (kết luận của Tổ thẩm định) for the sample. */
export const COUNCIL_DECISIONS = [
  { unit: 'SYT', criterion: '2.3.1', score: 0.5, note: 'Tổ thẩm định chấp nhận một phần giải trình do tình hình dịch COVID-19' },
];
