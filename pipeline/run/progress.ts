// Progress of a run: a bar with counts and ETA on a terminal; plain periodic lines otherwise (cron);
// nothing when quiet. The run reports to it; it never affects results.
import { createRequire } from 'node:module';
import type { ReadFailure } from '../evidence/reader.js';
import type * as CliProgress from 'cli-progress';
import type { RunLog } from './run-log.js';

export interface FileProgress {
  unit: string;
  file: string;
  status: 'ok' | 'unreadable';
  /** Served from the cache without reading the file. */
  cached?: boolean;
  /** Pages OCR'd for this file. */
  ocrPages?: number;
  /** The reader stopped on this file: time limit, crash or memory ceiling. */
  failure?: ReadFailure;
  /** Why an unreadable file could not be read (Vietnamese), for the log line. */
  error?: string;
}

/**
 * What the appraisal made of the files read, for the last progress line: it must say what the
 * summary says. With a calendar, files read but submitted after the deadline (or outside a later
 * round's scope) are not evidence of any round: they are listed as `late-submission` /
 * `out-of-scope-change`, never counted as unreadable evidence.
 */
export interface SettledCounts {
  /** Unreadable files among the evidence appraised: the summary's count. */
  unreadable: number;
  /** Unreadable files read but not counted in any round (late or out of scope). */
  notCounted: number;
}

/**
 * Files the run waits for that a worker took from the queue and then stopped answering (killed,
 * its machine lost): the queue gives them to another worker once their job lock expires (BullMQ's
 * stalled-job check, `cchc worker --lock-timeout`). Queue mode only (pipeline/queue/queue-reader.ts).
 */
export interface StalledFiles {
  /** How many of the run's files. */
  files: number;
  /** Milliseconds until the soonest of their locks expires; 0: expired, being handed to another worker. */
  lockLeftMs: number;
}

export interface Progress {
  begin(totals: { units: number; files: number }): void;
  fileDone(event: FileProgress): void;
  /** Files held by a worker that stopped answering, or null when none (said at once, then with each update). */
  stalled(files: StalledFiles | null): void;
  unitDone(unit: string): void;
  phase(text: string): void;
  /** Reading is over (a bar is taken down). */
  end(): void;
  /** The appraisal is done: the last progress line, with the unreadable files as the summary counts them. */
  settle(final: SettledCounts): void;
}

export interface ProgressCounts {
  units: number;
  unitsTotal: number;
  files: number;
  filesTotal: number;
  cached: number;
  ocrPages: number;
  unreadable: number;
}

class Counter {
  counts: ProgressCounts = { units: 0, unitsTotal: 0, files: 0, filesTotal: 0, cached: 0, ocrPages: 0, unreadable: 0 };
  started = Date.now();

  begin(totals: { units: number; files: number }) {
    this.counts.unitsTotal = totals.units;
    this.counts.filesTotal = totals.files;
    this.started = Date.now();
  }

  file(e: FileProgress) {
    this.counts.files++;
    if (e.cached) this.counts.cached++;
    if (e.status === 'unreadable') this.counts.unreadable++;
    this.counts.ocrPages += e.ocrPages ?? 0;
  }

  /** Seconds left, from the pace so far; null before there is a pace. */
  eta(): number | null {
    const { files, filesTotal } = this.counts;
    if (files === 0) return null;
    const elapsed = (Date.now() - this.started) / 1000;
    return Math.max(0, (elapsed / files) * (filesTotal - files));
  }
}

const FAILURES: Record<ReadFailure, string> = {
  timeout: 'quá thời gian cho phép', crash: 'trình đọc bị dừng đột ngột', memory: 'vượt giới hạn bộ nhớ', queue: 'máy đọc không đọc được, lần chạy sau đọc lại',
};

function fileLine(e: FileProgress): string {
  const notes = [
    e.cached ? 'bộ nhớ đệm' : '',
    e.ocrPages ? `OCR ${e.ocrPages} trang` : '',
    e.failure ? FAILURES[e.failure] : '',
    e.status === 'unreadable' ? `không đọc được${e.error && !e.failure ? `: ${e.error}` : ''}` : '',
  ].filter(Boolean);
  return `Đã đọc ${e.file}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '…';
  if (seconds < 60) return `${Math.ceil(seconds)} giây`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} phút ${Math.round(seconds % 60)} giây`;
  return `${Math.floor(minutes / 60)} giờ ${minutes % 60} phút`;
}

/**
 * `Tiến độ: 12/188 tệp (6%), … 2 tệp không đọc được; còn khoảng 40 giây`. While reading, the
 * unreadable count is of the files read so far; settled, it is the summary's (`SettledCounts`),
 * with the unreadable files that no round counts said apart. Files held by a worker that stopped
 * answering (`stalled`) are said to be waited for, and how long their lock still holds them, in
 * place of a time left that the pace of the others cannot tell. The percentage is rounded down:
 * 100 % only once every file is read.
 */
export function describeCounts(c: ProgressCounts, eta: number | null, settled?: SettledCounts, stalled?: StalledFiles | null): string {
  const pct = c.filesTotal ? Math.floor((c.files / c.filesTotal) * 100) : 100;
  const unreadable = settled
    ? `${settled.unreadable} tệp không đọc được${settled.notCounted ? ` (không kể ${settled.notCounted} tệp không đọc được nộp sau thời hạn hoặc ngoài phạm vi bổ sung, không được tính)` : ''}`
    : `${c.unreadable} tệp không đọc được`;
  const left = settled ? 'xong' : stalled ? waitingText(c, eta, stalled) : `còn khoảng ${formatDuration(eta)}`;
  return `Tiến độ: ${c.files}/${c.filesTotal} tệp (${pct}%), ${c.units}/${c.unitsTotal} đơn vị, ` +
    `${c.cached} tệp lấy từ bộ nhớ đệm, ${c.ocrPages} trang OCR, ${unreadable}; ${left}`;
}

/**
 * `đang chờ 1 tệp của máy đọc không còn trả lời (giao cho máy đọc khác khi khóa của tệp hết hạn,
 * còn khoảng 40 giây)`, after the time left for the other files when some are still being read.
 */
function waitingText(c: ProgressCounts, eta: number | null, stalled: StalledFiles): string {
  const others = c.filesTotal - c.files > stalled.files ? `còn khoảng ${formatDuration(eta)}; ` : '';
  const when = stalled.lockLeftMs > 0
    ? `giao cho máy đọc khác khi khóa của tệp hết hạn, còn khoảng ${formatDuration(stalled.lockLeftMs / 1000)}`
    : 'khóa của tệp đã hết hạn, đang giao cho máy đọc khác';
  return `${others}đang chờ ${stalled.files} tệp của máy đọc không còn trả lời (${when})`;
}

/** A terminal bar on stderr. */
export function barProgress(log: RunLog): Progress {
  const counter = new Counter();
  // Loaded only for a terminal: a cron run does without it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      format: '{bar} {percentage}% | Đơn vị {units}/{unitsTotal} | Tệp {value}/{total} | OCR {ocr} trang | {eta_vn}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let held: StalledFiles | null = null;
  let stopped = false;
  const payload = () => ({
    units: counter.counts.units,
    unitsTotal: counter.counts.unitsTotal,
    ocr: counter.counts.ocrPages,
    eta_vn: held ? waitingText(counter.counts, counter.eta(), held) : `còn ${formatDuration(counter.eta())}`,
  });
  return {
    begin(totals) {
      counter.begin(totals);
      bar.start(Math.max(totals.files, 1), 0, payload());
    },
    fileDone(e) {
      counter.file(e);
      log.detail(fileLine(e));
      bar.update(counter.counts.files, payload());
    },
    stalled(files) {
      const changed = files?.files !== held?.files;
      held = files;
      if (stopped) return;
      bar.update(counter.counts.files, payload());
      if (changed && files) log.detail(describeCounts(counter.counts, counter.eta(), undefined, files));
    },
    unitDone() {
      counter.counts.units++;
      bar.update(counter.counts.files, payload());
    },
    phase(text) {
      log.detail(text);
    },
    end() {
      stopped = true;
      bar.stop();
    },
    settle(final) {
      log.detail(describeCounts(counter.counts, 0, final));
    },
  };
}

/** Plain lines every `intervalMs` (and at the end), for logs and cron mail. */
export function lineProgress(log: RunLog, intervalMs = 15_000): Progress {
  const counter = new Counter();
  let last = 0;
  let held: StalledFiles | null = null;
  const maybeReport = (force = false) => {
    const now = Date.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    log.info(describeCounts(counter.counts, counter.eta(), undefined, held));
  };
  return {
    begin(totals) {
      counter.begin(totals);
      last = Date.now();
      log.info(`Bắt đầu đọc ${totals.files} tệp tài liệu kiểm chứng của ${totals.units} đơn vị.`);
    },
    fileDone(e) {
      counter.file(e);
      log.detail(fileLine(e));
      maybeReport();
    },
    stalled(files) {
      // No file finishes while the run waits: these updates keep the lines coming, at once when
      // the number of files waited for changes, then every interval.
      const changed = files?.files !== held?.files;
      held = files;
      if (files) maybeReport(changed);
    },
    unitDone() {
      counter.counts.units++;
    },
    phase(text) {
      log.info(text);
    },
    end() {},
    settle(final) {
      log.info(describeCounts(counter.counts, 0, final));
    },
  };
}

/** Counts only; lines go to the log file alone. */
export function quietProgress(log: RunLog): Progress {
  const counter = new Counter();
  let held: StalledFiles | null = null;
  return {
    begin: (t) => counter.begin(t),
    fileDone: (e) => {
      counter.file(e);
      log.detail(fileLine(e));
    },
    stalled: (files) => {
      if (files && files.files !== held?.files) log.detail(describeCounts(counter.counts, counter.eta(), undefined, files));
      held = files;
    },
    unitDone: () => counter.counts.units++,
    phase: (text) => log.detail(text),
    end: () => {},
    settle: (final) => log.detail(describeCounts(counter.counts, 0, final)),
  };
}
