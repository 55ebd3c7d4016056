// Where a run's time went: its own phases (wall and CPU of the run's process), how many files were
// hashed or taken from the stat index, and what the reader processes spent by kind of reading. For
// the run log ("where did the night go") and `npm run bench:province`.
import type { Phases } from '../evidence/phase-timer.js';
import type { ReaderEvent } from '../evidence/reader.js';
import { formatScore } from '../util/text.js';

/** How a file was read, for costs: from the cache, or by the path that settled its number and date. */
export type ReadingKind = 'cached' | 'text' | 'annotation' | 'ocr' | 'handwriting' | 'unreadable';

export interface ReadingCost {
  /** Files of this kind (for `handwriting`: files that went through the handwriting pass). */
  files: number;
  /** CPU milliseconds the reader processes spent on them (`cached`: 0, nothing was read). */
  cpuMs: number;
}

export interface RunPhases {
  /** Wall milliseconds of each phase of the run's own process, in the order they ran. */
  wallMs: Phases;
  /** CPU milliseconds of the run's own process (all its threads) per phase. */
  cpuMs: Phases;
  /**
   * Peak resident memory of the run's own process (MB) at the end of each phase, reader processes
   * not included: where it rises, that phase raised the peak.
   */
  peakRssMb: Phases;
  /**
   * SHA-256 of every file the run hashed (evidence, reports, input workbooks, outputs): files whose
   * hash came from the stat index, files read and hashed; and the main process's wall milliseconds
   * spent on the evidence's (summed over files hashed concurrently).
   */
  hashing: { reused: number; hashed: number; ms: number };
  /** Reader-process CPU by kind of reading; a file's handwriting pass is counted under `handwriting`. */
  reading: Partial<Record<ReadingKind, ReadingCost>>;
  /**
   * Reader-process milliseconds by step of reading (open, text, annotations, render, ocr, rows,
   * signatures, handwriting…, evidence/phase-timer.ts), summed over the files read.
   */
  readerSteps: Phases;
}

export function emptyPhases(): RunPhases {
  return { wallMs: {}, cpuMs: {}, peakRssMb: {}, hashing: { reused: 0, hashed: 0, ms: 0 }, reading: {}, readerSteps: {} };
}

/** The kind of reading a reader's `done` event stands for. */
export function readingKind(event: Extract<ReaderEvent, { type: 'done' }>): Exclude<ReadingKind, 'handwriting'> {
  if (event.cached) return 'cached';
  if (event.status !== 'ok' || event.failure) return 'unreadable';
  if (event.source === 'annotation') return 'annotation';
  if (event.ocrRegions > 0 || event.source === 'ocr' || event.source === 'ocr+claim') return 'ocr';
  return 'text';
}

/** Add one file's reading to `phases` (mutates it). */
export function addReading(phases: RunPhases, event: Extract<ReaderEvent, { type: 'done' }>): void {
  const charge = (kind: ReadingKind, cpuMs: number) => {
    const cost = (phases.reading[kind] ??= { files: 0, cpuMs: 0 });
    cost.files += 1;
    cost.cpuMs += cpuMs;
  };
  const hand = event.phases?.['handwriting-cpu'] ?? 0;
  charge(readingKind(event), Math.max(0, (event.cpuMs ?? 0) - hand));
  if (hand > 0) charge('handwriting', hand);
  for (const [step, ms] of Object.entries(event.phases ?? {})) phases.readerSteps[step] = (phases.readerSteps[step] ?? 0) + ms;
  phases.hashing.ms += event.hashMs;
}

const PHASE_NAMES: Record<string, string> = {
  start: 'khởi động',
  discovery: 'tìm tệp, đọc báo cáo',
  evidence: 'mã SHA-256 và đọc tài liệu',
  history: 'lịch sử lần đầu thấy',
  appraisal: 'thẩm định, xếp hạng',
  changes: 'so sánh lần trước',
  keys: 'kiểm tra văn bản cần lập lại',
  minutes: 'biên bản',
  decision: 'quyết định',
  workbook: 'bảng tính',
  results: 'results.json, đổi bộ kết quả',
  audit: 'trang kiểm tra',
  finish: 'kết thúc',
  kept: 'kiểm tra không có gì thay đổi, giữ nguyên kết quả',
};

const KIND_NAMES: Record<ReadingKind, string> = {
  cached: 'lấy từ bộ nhớ đệm',
  text: 'lớp chữ',
  annotation: 'chú thích ký số',
  ocr: 'OCR',
  handwriting: 'chữ viết tay',
  unreadable: 'không đọc được',
};

/**
 * The run process's peak resident memory (MB) and the first phase at whose end it stood there (the
 * phase that raised it: maxRSS only grows); null when the phases carry no memory figures.
 */
export function peakPhase(phases: RunPhases): { phase: string; mb: number } | null {
  let top: { phase: string; mb: number } | null = null;
  for (const [phase, mb] of Object.entries(phases.peakRssMb ?? {})) if (!top || mb > top.mb) top = { phase, mb };
  return top;
}

const seconds = (ms: number) => formatScore(ms / 1000);

/** One Vietnamese log line: `Thời gian theo giai đoạn (giây thực / CPU): …; đọc tài liệu (CPU tiến trình đọc): …`. */
export function describePhases(phases: RunPhases): string {
  const own = Object.entries(phases.wallMs).map(([phase, ms]) => `${PHASE_NAMES[phase] ?? phase} ${seconds(ms)} / ${seconds(phases.cpuMs[phase] ?? 0)}`);
  const kinds = (Object.entries(phases.reading) as Array<[ReadingKind, ReadingCost]>)
    .map(([kind, cost]) => `${KIND_NAMES[kind]} ${cost.files} tệp${kind === 'cached' ? '' : ` ${seconds(cost.cpuMs)} giây`}`);
  const { reused, hashed, ms } = phases.hashing;
  const peak = peakPhase(phases);
  const memory = peak ? ` Bộ nhớ cao nhất của tiến trình chính: ${peak.mb} MB (đạt tới trong giai đoạn ${PHASE_NAMES[peak.phase] ?? peak.phase}).` : '';
  return `Thời gian theo giai đoạn (giây thực / CPU tiến trình chính): ${own.join('; ')}.${memory} `
    + `Mã SHA-256: ${reused} tệp theo chỉ mục trạng thái tệp, ${hashed} tệp đọc và băm (tài liệu kiểm chứng: ${seconds(ms)} giây). `
    + `Đọc tài liệu (CPU các tiến trình đọc): ${kinds.length > 0 ? kinds.join('; ') : 'không có tệp'}.`;
}
