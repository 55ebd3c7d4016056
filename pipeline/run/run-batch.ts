// The batch run's entry: batch → units → claims + evidence → extractions → findings → appraisal →
// ranking → documents (run-full.ts). A night on which nothing changed keeps the previous outputs
// (kept-run.ts) without loading any of that: this module and what it imports stay light.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Batch, BatchResult } from '../model.js';
import { OUTPUT_FILES } from '../documents/context.js';
import type { ProvisionalFacts } from '../documents/facts.js';
import type { RemoteReader } from '../evidence/remote-reader.js';
import type { RoundResult } from '../rounds/round-result.js';
import type { BatchChanges } from './changes.js';
import { checkKept, KEPT_FILE, type BatchWalk, type KeptSetup, walkTree } from './kept-run.js';
import { acquireLock } from './lock.js';
import { checkWritableOutside } from './output-folder.js';
import { switchUnderWay } from './output-set.js';
import type { Progress } from './progress.js';
import { describePhases, emptyPhases, type RunPhases } from './run-phases.js';
import { silentLog, type RunLog } from './run-log.js';

export const CHANGES_FILE = 'changes.json';

export interface RunOptions {
  /** Output folder; must not be inside the batch folder. */
  out: string;
  /** Cache folder for evidence readings; defaults to `<out>/.cache`. */
  cacheDir?: string;
  /** Time limit per evidence file, in milliseconds (reader default when absent). */
  fileTimeoutMs?: number;
  /** Reader processes working at once (default: the number of cores). */
  workers?: number;
  log?: RunLog;
  progress?: Progress;
  /** Write the spot-audit pages (`<out>/audit/`) and render the header crops they show; default true. */
  audit?: boolean;
  /**
   * The clock the calendar is kept by (deadlines, first-seen times, snapshots). Defaults to the
   * machine's; tests give a scripted one.
   */
  now?: () => Date;
  /** `cchc snapshot --round N`: record round N's snapshot (its deadline must have passed) and stop. */
  snapshotRound?: number;
  /** Readers on other machines (`--redis`: pipeline/queue/), asked for files the cache does not hold. */
  remote?: RemoteReader;
  /**
   * With `snapshotRound`, when no history from before the deadline exists: take the folder as it is
   * as what was there at the deadline (`cchc snapshot --accept-current`, a person's declaration).
   */
  acceptCurrent?: boolean;
  /**
   * Where the stop message of a run ended by Ctrl-C or SIGTERM goes (the CLI: the terminal, even
   * when quiet); by default it is logged for people. It is always in the log file.
   */
  onStop?: (message: string) => void;
  /**
   * Keep the previous outputs when nothing they depend on has changed (kept-run.ts): the run then
   * reads, appraises and renders nothing, and its outcome repeats the previous run's summary, with
   * `result` read from results.json when asked for. `cchc run` sets it; default false.
   */
  keep?: boolean;
  /**
   * `cchc run --replace-out`: the output folder may hold another batch's results (batch-identity.ts);
   * they are replaced, not compared with. Without it such a run is refused (exit 2), writing nothing.
   */
  replaceOut?: boolean;
}

export interface RunSummary {
  units: number;
  unitsWithErrors: number;
  criteriaChecked: number;
  evidenceFiles: number;
  unreadableFiles: number;
  findingsByRule: Record<string, number>;
  findingsByEffect: Record<string, number>;
  /** The Vietnamese name of each rule in `findingsByRule`. */
  ruleLabels: Record<string, string>;
  /** What the council still has to settle before the results are final. */
  provisional: ProvisionalFacts;
  /** The calendar's rounds as the results hold them (absent without a calendar). */
  rounds?: RoundResult[];
  outputs: string[];
  elapsedMs: number;
  /** True when the run kept the previous outputs: nothing it depends on had changed. */
  kept: boolean;
  /** The snapshot recorded or checked by `cchc snapshot`. */
  snapshot?: { round: string; file: string; sha256: string };
  /** Where the run's time went (run-phases.ts); also a line of the run log. */
  phases: RunPhases;
  /**
   * Outputs a person had edited in place since the previous run (bytes other than those it wrote):
   * kept under `keptAs` (same folder), the new draft written as `file`. Absent when there were none.
   */
  handEdited?: HandEdit[];
}

/** An output edited by hand and set aside (paths relative to the output folder, `/`). */
export interface HandEdit {
  file: string;
  keptAs: string;
  /** The new output set has no such document (its unit is no longer appraised): nothing takes its name. */
  dropped?: true;
}

export interface RunOutcome {
  batch: Batch;
  result: BatchResult;
  changes: BatchChanges;
  summary: RunSummary;
}

/**
 * What the log and the printed summary say of outputs set aside because a person had edited them
 * (Vietnamese lines, two-space indent as the summary's; none when there are none).
 */
export function describeHandEdits(edits: HandEdit[]): string[] {
  if (edits.length === 0) return [];
  return [
    `  CẢNH BÁO: ${edits.length} văn bản kết quả đã bị sửa trực tiếp sau lần chạy trước; bản sửa tay được giữ lại (không bị ghi đè hay xóa), bản mới do cchc lập mang tên cũ:`,
    ...edits.map((e) => `    ${e.file}: bản sửa tay giữ lại thành ${e.keptAs}${e.dropped ? ' (lần chạy này không lập lại văn bản này: đơn vị không còn được thẩm định)' : ''}`),
    '    Lần chạy sau sẽ lập lại các văn bản kết quả: hãy sửa trên một bản sao đặt ở thư mục khác (hoặc ghi thông tin vào batch.yaml nếu có trường tương ứng, ví dụ council.meetingTime cho giờ họp), đừng sửa trực tiếp trong thư mục kết quả.',
  ];
}

/**
 * Appraise the batch in `batchDir` into `options.out`. With `options.keep`, a night on which nothing
 * changed keeps the previous outputs (see kept-run.ts); otherwise, or when anything differs, the full
 * run (run-full.ts). Rejects with CchcError (exit codes in util/errors.ts) as the full run does.
 */
export async function runBatch(batchDir: string, options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The batch folder as it is before anything in it is read: what a kept record vouches for.
  const walk = options.snapshotRound === undefined ? walkTree(path.resolve(batchDir)) : null;
  if (options.keep && walk) {
    const kept = await keepOutputs(batchDir, options, walk, started, cpu);
    if (kept) return kept;
  }
  const { runFull } = await import('./run-full.js');
  return runFull(batchDir, options, walk, started);
}

/** What the outputs depend on besides the batch folder and the clock (kept-run.ts). */
export function keptSetup(batchDir: string, options: RunOptions): KeptSetup {
  const out = path.resolve(options.out);
  return {
    batchDir: path.resolve(batchDir), out, cacheDir: path.resolve(options.cacheDir ?? path.join(out, '.cache')),
    audit: options.audit !== false, fileTimeoutMs: options.fileTimeoutMs ?? null,
  };
}

/** The previous outcome, when the previous outputs can be kept as they are; null: run in full. */
async function keepOutputs(batchDir: string, options: RunOptions, walk: BatchWalk, started: number, cpu: NodeJS.CpuUsage): Promise<RunOutcome | null> {
  const setup = keptSetup(batchDir, options);
  const { out } = setup;
  const log = options.log ?? silentLog;
  // No record, nothing to keep (a first run, or the last one changed something). Said in the log,
  // which the full run opens, as every other reason for a full run is.
  if (!existsSync(path.join(out, KEPT_FILE))) {
    log.detail(`Chạy đầy đủ: lần chạy trước không để lại bản ghi cho phép giữ nguyên kết quả (${existsSync(path.join(out, OUTPUT_FILES.results)) ? 'lần chạy trước có thay đổi, bị dừng giữa chừng hoặc còn tệp cần đọc lại' : 'chưa có kết quả nào trong thư mục này'}).`);
    return null;
  }
  try {
    // Anything amiss here is the full run's to report.
    await checkWritableOutside(out, setup.batchDir, 'Thư mục kết quả');
    await checkWritableOutside(setup.cacheDir, setup.batchDir, 'Thư mục lưu kết quả đọc tài liệu');
  } catch {
    return null;
  }
  // The log is opened once the outputs are kept: a full run that then refuses the folder (another
  // batch's results in it, batch-identity.ts) writes nothing, its log included.
  const lock = await acquireLock(out, setup.batchDir);
  const stop = (signal: NodeJS.Signals) => {
    const message = stopMessage(signal, [], switchUnderWay());
    if (options.onStop) {
      log.detail(message);
      options.onStop(message);
    } else log.info(message);
    void lock.release().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (lock.tookOverFrom) log.info(`Tiếp quản khóa cũ của tiến trình ${lock.tookOverFrom.pid} (bắt đầu ${lock.tookOverFrom.startedAt}) đã dừng mà không kết thúc.`);
    const check = await checkKept({ out, setup, walk, now: (options.now ?? (() => new Date()))() });
    if (!check.kept) {
      log.detail(`Chạy đầy đủ: ${check.why}.`);
      return null;
    }
    log.open?.();
    const { batch, summary, changes, notes } = check.kept;
    log.info(`Đợt thẩm định: ${batch.title ?? `Chỉ số CCHC năm ${batch.year}`}, tỉnh ${batch.province}; ${batch.units.length} đơn vị; kết quả vào ${out}.`);
    log.info('Không có gì thay đổi kể từ lần chạy trước (thư mục đợt, lịch thẩm định, chương trình, tùy chọn và bộ kết quả như cũ): giữ nguyên bộ kết quả, không đọc lại tài liệu, không thẩm định lại.');
    if (check.settled) log.detail(`Ghi lại ${check.settled}: không có thay đổi so với lần chạy trước (lần chạy đầu tiên vào thư mục kết quả này); các kết quả khác giữ nguyên.`);
    for (const line of notes) log.info(line);
    for (const e of summary.provisional.inputErrors) log.info(`Lỗi: ${e.reason}. Kết quả xếp hạng chưa phải là kết quả cuối cùng.`);
    const phases = emptyPhases();
    const used = process.cpuUsage(cpu);
    phases.wallMs = { kept: performance.now() - started };
    phases.cpuMs = { kept: (used.user + used.system) / 1000 };
    phases.hashing.hashed = check.hashed;
    log.detail(describePhases(phases));
    let result: BatchResult | undefined;
    return {
      batch,
      // The results are those in place, read only if asked for (the CLI does not).
      get result(): BatchResult {
        result ??= JSON.parse(readFileSync(path.join(out, OUTPUT_FILES.results), 'utf8')) as BatchResult;
        return result;
      },
      changes,
      summary: { ...summary, elapsedMs: performance.now() - started, kept: true, phases },
    };
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await lock.release();
  }
}

/**
 * What a run stopped by a signal says (Ctrl-C, SIGTERM): that it stopped as asked, which files it was
 * reading (not read because of the stop, never "the reader crashed"; the next run reads them), and
 * which output set the folder holds.
 */
export function stopMessage(signal: NodeJS.Signals, unread: string[], switching: boolean): string {
  const how = signal === 'SIGINT' ? 'Ctrl-C' : signal;
  const lines = [`Đã dừng theo yêu cầu (${how}).`];
  if (unread.length > 0) {
    const shown = [...unread].sort();
    lines.push(`  ${shown.length} tệp đang đọc dở, chưa đọc vì lần chạy bị dừng (lần chạy sau sẽ đọc lại):`);
    lines.push(...shown.slice(0, 10).map((f) => `    ${f}`));
    if (shown.length > 10) lines.push(`    … và ${shown.length - 10} tệp khác`);
  }
  lines.push(switching
    ? '  Việc thay bộ kết quả đã bắt đầu nên được hoàn tất trước khi dừng: thư mục kết quả là bộ kết quả mới, trọn vẹn, của lần chạy này.'
    : '  Bộ kết quả trong thư mục kết quả (của lần chạy trước, nếu có) được giữ nguyên: lần chạy này không thay kết quả nào.');
  return lines.join('\n');
}
