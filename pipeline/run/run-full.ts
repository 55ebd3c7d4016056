// The full batch run: batch → units → claims + evidence → extractions → findings → appraisal → ranking
// → documents (run-batch.ts is the entry, and keeps the outputs of a night on which nothing changed).
// Safe to kill at any moment: every output is written atomically, results.json last (it is the baseline
// the next run compares against), so a run started again produces what an uninterrupted run would.
import type { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { appraiseUnit } from '../appraisal/appraise.js';
import { rankUnits } from '../appraisal/rank.js';
import { AUDIT_DIR, auditFilesIn, writeAudit } from '../audit/write-audit.js';
import { readCorrections } from '../batch/read-corrections.js';
import { discoverEvidence } from '../batch/discover-evidence.js';
import { loadBatch, unitDir } from '../batch/load-batch.js';
import { readBatchInputs, type BatchInputs, type UnitCriteria } from '../batch/read-inputs.js';
import { findReport } from '../batch/find-report.js';
import { readReport, REPORT_FILE, REPORT_READER_VERSION, REPORT_RULE } from '../batch/read-report.js';
import { checkUnitsFolder, matchUnitFolders, type UnitFolders } from '../batch/unit-folders.js';
import type { OutputContext } from '../documents/context.js';
import { OUTPUT_FILES } from '../documents/context.js';
import { provisionalFacts } from '../documents/facts.js';
import { renderResultsJson } from '../documents/results-json.js';
import type { DocumentTemplate } from '../documents/template.js';
import { checkIssuerSequences, resolveHandwriting } from '../evidence/handwriting/resolve.js';
import { CorrectionBook } from '../evidence/apply-corrections.js';
import { ExtractionCache } from '../evidence/extraction-cache.js';
import { createEvidenceReader, READER_VERSION, type ReaderEvent } from '../evidence/reader.js';
import { settleSignatures } from '../evidence/signature/settle.js';
import { loadTrustAnchors } from '../evidence/signature/trust.js';
import { checkDataWindow } from '../framework/data-window.js';
import { allCriteria, leafCriteria, loadFramework } from '../framework/load-framework.js';
import type { Batch, BatchResult, Claim, EvidenceFile, Finding, Framework, Unit, UnitResult } from '../model.js';
import type { EvidenceRecord, UncountedFile } from '../rules/rule.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { memoByContent } from '../util/content-memo.js';
import { makeDirectory, removeDeadTemps, toPosix } from '../util/files.js';
import { StatIndex, statIndexPath } from '../util/stat-index.js';
import { YamlKept } from '../util/yaml-kept.js';
import { PhaseTimer } from '../evidence/phase-timer.js';
import { addReading, describePhases, emptyPhases, type RunPhases } from './run-phases.js';
import { describeFsError } from '../util/fs-errors.js';
import { formatVietnamTime, roundAt, roundsClosed } from '../rounds/calendar.js';
import { loadIndex, recordSightings, saveIndex, type Observation } from '../rounds/first-seen.js';
import type { CurrentUnit, RoundUnitInput } from '../rounds/round-plan.js';
import { keptReadings, wantedReadings } from '../rounds/kept-readings.js';
import { appraiseRounds, ensureSnapshots } from '../rounds/run-rounds.js';
import { removeSnapshotLeftovers } from '../rounds/snapshot-store.js';
import type { Round } from '../rounds/calendar.js';
import type { FirstSeenIndex } from '../rounds/first-seen.js';
import { nfc } from '../util/text.js';
import { type BatchChanges, changesText, compareResults, type ChangeRounds, type FolderChanges, nothingChanged } from './changes.js';
import { checkSameBatch, describeBatch, setAsideOtherHistory } from './batch-identity.js';
import { acquireLock } from './lock.js';
import { checkWritableOutside } from './output-folder.js';
import { handEditName, MANIFEST_FILE, OutputManifest, renderKeys } from './output-manifest.js';
import { OutputStage, settleOutputs, switchInProgress, switchUnderWay } from './output-set.js';
import { parseJson } from '../util/json.js';
import { quietProgress, type Progress, type SettledCounts } from './progress.js';
import { silentLog, type RunLog } from './run-log.js';
import { ruleLabel } from '../rules/names.js';
import { forgetKept, type BatchWalk, type KeptOutcome, recordKept } from './kept-run.js';
import { CHANGES_FILE, describeHandEdits, type HandEdit, keptSetup, stopMessage, type RunOptions, type RunOutcome, type RunSummary } from './run-batch.js';

/** Bump when reading the optional input workbooks changes. */
const INPUTS_READER_VERSION = 'inputs-5';

/** What one run carries through its phases: the stat index in front of SHA-256, and the clock of its phases. */
interface RunState {
  hashes: StatIndex;
  timer: PhaseTimer;
  phases: RunPhases;
  /** Lines logged for people about the inputs (corrections, snapshots): a kept run repeats them. */
  notes: string[];
  /** Files whose reading failed in a way the next run tries again (time-out, crash, memory). */
  retried: number;
  /** A line about the rounds' snapshots was logged (one taken now, or a differing one noted). */
  roundNoted: boolean;
}

/** A comparison with a previous run that lists nothing. */
const isQuiet = (changes: BatchChanges) => changes.hasPrevious && changes.units.length === 0 && changes.unitsRemoved.length === 0;

/** A unit's inputs, gathered before any PDF is read so that progress has its totals. */
interface UnitWork {
  unit: Unit;
  framework: Framework;
  claims: Claim[] | null;
  files: EvidenceFile[];
  /** Findings from reading the report (they belong to its content). */
  reportFindings: Finding[];
  /** Findings about the folder as it is now (layout, missing folder). */
  findings: Finding[];
  /** The one of `findings` saying the unit filed no evidence (discover-evidence.ts), if any. */
  nothingFiled?: Finding | undefined;
  /** Files whose names are equal after NFC, not counted: the council tells them apart (discover-evidence.ts). */
  setAside: UncountedFile[];
  report: { path: string; relPath: string; sha256: string; size: number; mtime: string } | null;
}

/**
 * The full run. `walk`: the batch folder walked before anything in it was read (run-batch.ts), for
 * the kept record written at the end when the run changed nothing; `started`: performance.now() at
 * the run's start.
 */
export async function runFull(batchDir: string, options: RunOptions, walk: BatchWalk | null, started = performance.now()): Promise<RunOutcome> {
  const timer = new PhaseTimer();
  const log = options.log ?? silentLog;
  const clock = options.now ?? (() => new Date());
  // batch.yaml and the frameworks as parsed before (read-only until the lock is held).
  const kept = new YamlKept(options.cacheDir ?? path.join(path.resolve(options.out), '.cache'));
  const batch = await loadBatch(batchDir, kept);
  const snapshotRound = options.snapshotRound === undefined ? undefined : requestedRound(batch, options.snapshotRound, clock());
  const out = path.resolve(options.out);
  // Nothing is created before both folders are known to lie outside the batch, links resolved.
  await checkWritableOutside(out, batch.dir, 'Thư mục kết quả');
  await checkWritableOutside(options.cacheDir ?? path.join(out, '.cache'), batch.dir, 'Thư mục lưu kết quả đọc tài liệu');
  const byGroup = new Map<string, Framework>();
  const byId = new Map<string, Framework>();
  for (const group of batch.groups) {
    const framework = await loadFramework(group.framework, batch.dir, kept);
    byGroup.set(group.code, framework);
    byId.set(framework.id, framework);
  }
  await checkUnitsFolder(batch);
  // An output folder holding another batch's results is refused before anything is written
  // (batch-identity.ts), unless --replace-out; then that batch is not the baseline of the changes.
  const replaced = await checkSameBatch(out, batch, options.replaceOut === true);

  try {
    await makeDirectory(out);
  } catch (error) {
    // A missing folder is created with its parents: ENOENT here is a place that takes no new folder (such as /proc).
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'nơi này không cho tạo thư mục mới' : describeFsError(error, 'write');
    throw new CchcError(`Không tạo được thư mục kết quả ${out}: ${why}.`, ExitCode.Output);
  }
  log.open?.();
  const lock = await acquireLock(out, batch.dir);
  /** Evidence files being read now (absolute path → batch-relative), for the stop message. */
  const reading = new Map<string, string>();
  const releaseOnSignal = (signal: NodeJS.Signals) => {
    const message = stopMessage(signal, [...reading.values()], switchUnderWay());
    options.progress?.end();
    if (options.onStop) {
      log.detail(message);
      options.onStop(message);
    } else log.info(message);
    // A switch under way is finished first (a few renames), so the folder holds one whole set.
    void switchInProgress()
      .then(() => lock.release())
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', releaseOnSignal);
  process.once('SIGTERM', releaseOnSignal);
  try {
    log.info(`Đợt thẩm định: ${batch.title ?? `Chỉ số CCHC năm ${batch.year}`}, tỉnh ${batch.province}; ${batch.units.length} đơn vị; kết quả vào ${out}.`);
    if (lock.tookOverFrom) {
      log.info(`Tiếp quản khóa cũ của tiến trình ${lock.tookOverFrom.pid} (bắt đầu ${lock.tookOverFrom.startedAt}) đã dừng mà không kết thúc.`);
    }
    await removeLeftovers(out);
    await removeSnapshotLeftovers(out);
    const cacheTemps = await removeDeadTemps(options.cacheDir ?? path.join(out, '.cache'));
    if (cacheTemps > 0) log.detail(`Xóa ${cacheTemps} tệp tạm trong thư mục lưu kết quả đọc do lần chạy bị dừng để lại.`);
    // Until this run ends well, nothing may be kept: a run killed after changing outputs or the history.
    // (A record that cannot be removed still fails its check once the outputs change.)
    await forgetKept(out).catch(() => {});
    const settled = await settleOutputs(out);
    if (settled === 'finished') log.info('Hoàn tất việc thay bộ kết quả mà lần chạy trước bị dừng giữa chừng: thư mục kết quả là bộ kết quả mới của lần chạy đó.');
    if (settled === 'discarded') log.detail('Bỏ thư mục tạm của lần chạy trước bị dừng khi đang lập kết quả; bộ kết quả cũ vẫn nguyên vẹn.');
    await kept.flush();
    if (replaced) {
      const aside = await setAsideOtherHistory(out, clock());
      log.info(`Thay kết quả của đợt khác trong thư mục kết quả theo --replace-out: ${describeBatch(replaced)}; không so sánh với kết quả của đợt đó.${aside ? ` Lịch sử "lần đầu thấy" và ảnh chụp hồ sơ các vòng của đợt đó được chuyển sang ${aside}/.` : ''}`);
    }
    // What this run hashes (evidence, reports, input workbooks, outputs) goes through the stat index.
    const hashes = await StatIndex.load(statIndexPath(options.cacheDir ?? path.join(out, '.cache'), batch.dir));
    if (hashes.problem) log.info(hashes.problem);
    const run: RunState = { hashes, timer, phases: emptyPhases(), notes: [], retried: 0, roundNoted: false };
    timer.lap('start');
    const now = clock();
    const outcome = await appraiseBatch(batch, byGroup, byId, out, options, log, now, snapshotRound, run, reading);
    // The last run's results, read only now: a province's would otherwise be held through the reading.
    const { previous, problem: previousProblem } = replaced
      ? { previous: null, problem: `thư mục kết quả chứa kết quả của đợt khác ${describeBatch(replaced)}, được thay theo --replace-out` }
      : await readPrevious(out, log);
    if ('snapshot' in outcome) {
      await finishRun(run, log);
      return {
        batch, result: previous ?? emptyResult(batch), changes: compareResults(null, emptyResult(batch)),
        summary: { ...summarise(emptyResult(batch), 0, [], performance.now() - started, run.phases), snapshot: outcome.snapshot },
      };
    }
    for (const e of outcome.result.inputErrors ?? []) log.info(`Lỗi: ${e.reason}. Kết quả xếp hạng chưa phải là kết quả cuối cùng.`);
    const changes = compareResults(previous, outcome.result, outcome.rounds);
    if (previousProblem) changes.previousProblem = previousProblem;
    timer.lap('changes');
    const cacheDir = options.cacheDir ?? path.join(out, '.cache');
    // The audit pages are part of the output set: staged with the documents, switched with them.
    const audit = options.audit === false ? undefined : async (stage: OutputStage) => {
      options.progress?.phase('Đang lập trang kiểm tra tài liệu (audit)…');
      const staged = await writeAudit(outcome.result, { batchDir: batch.dir, out, cacheDir }, stage);
      log.detail(`Trang kiểm tra tài liệu: ${staged.written} tệp ghi mới, ${staged.kept} giữ nguyên; ảnh đầu văn bản: ${outcome.cropsRendered} ảnh vẽ mới, ${staged.cropsPlaced} ảnh đặt vào thư mục${staged.cropsMissing ? `, ${staged.cropsMissing} tài liệu không có ảnh` : ''}.`);
      return `${AUDIT_DIR}/index.html`;
    };
    const { outputs, handEdited } = await writeOutputs({ batch, result: outcome.result, frameworks: byId, changes }, out, log, options.progress, run, now, audit);
    for (const line of describeHandEdits(handEdited)) log.info(line);
    await finishRun(run, log);
    const summary = summarise(outcome.result, outcome.criteriaChecked, outputs, performance.now() - started, run.phases);
    if (handEdited.length > 0) summary.handEdited = handEdited;
    // Nothing changed and nothing is left to try again: the next run may keep these outputs.
    const unchanged = isQuiet(changes) && run.retried === 0;
    // A first run into this folder: a quiet next night would write the same outputs but changes.json,
    // which would then say "nothing changed" instead of "first run" (its workbook sheet of changes is
    // empty either way). Such a night may keep the outputs and write only that changes.json: unless
    // files are left to try again, or a round's snapshot was taken or noted now (the next night's
    // notes would differ from this one's).
    const nextNight = nothingChanged();
    const settles = !changes.hasPrevious && run.retried === 0 && !run.roundNoted;
    // Documents set aside are this run's news only: a night that keeps these outputs does not repeat it.
    const { elapsedMs: _e, phases: _p, kept: _k, snapshot: _s, handEdited: _h, ...facts } = summary;
    // The rounds as the summary shows them, without the full unit results of earlier rounds.
    const rounds = facts.rounds?.map(({ results: _r, ...round }) => round);
    const keptSummary = { ...facts, ...(rounds ? { rounds } : {}) };
    const keptOutcome: KeptOutcome | null = unchanged || settles ? { batch, summary: keptSummary, changes: unchanged ? changes : nextNight, notes: run.notes } : null;
    const recorded = await recordKept({
      out, setup: keptSetup(batchDir, options), walk, rounds: batch.rounds, now, outcome: keptOutcome,
      ...(settles ? { settle: { file: CHANGES_FILE, text: changesText(nextNight) } } : {}),
    });
    if (unchanged || settles) log.detail(recorded === 'written' ? 'Lần chạy sau có thể giữ nguyên bộ kết quả này nếu không có gì thay đổi.' : `Không lập được bản ghi để lần chạy sau giữ nguyên kết quả (${recorded === 'racy' ? 'có tệp trong thư mục đợt vừa thay đổi' : 'thư mục kết quả đang thay đổi'}).`);
    return { batch, result: outcome.result, changes, summary };
  } finally {
    process.off('SIGINT', releaseOnSignal);
    process.off('SIGTERM', releaseOnSignal);
    await lock.release();
  }
}

/**
 * The certificates the province trusts (`trust:` in batch.yaml). A folder that cannot be read, or
 * files in it that are not certificates, become batch findings; chains are then not checked.
 */
async function trustAnchors(batch: Batch, findings: Finding[]): Promise<X509Certificate[]> {
  if (!batch.trust) return [];
  const note = (reason: string) => findings.push({ rule: 'trust-anchors', effect: 'info', reason, unit: '' });
  try {
    const loaded = await loadTrustAnchors(batch.trust);
    loaded.problems.forEach(note);
    if (loaded.certificates.length === 0) note(`Thư mục chứng thư tin cậy ${batch.trust} không có chứng thư số nào (PEM/DER); chuỗi chứng thư của chữ ký số không được kiểm tra.`);
    return loaded.certificates;
  } catch {
    note(`Không đọc được thư mục chứng thư tin cậy ${batch.trust}; chuỗi chứng thư của chữ ký số không được kiểm tra.`);
    return [];
  }
}

async function appraiseBatch(
  batch: Batch, byGroup: Map<string, Framework>, byId: Map<string, Framework>, out: string, options: RunOptions, log: RunLog,
  now: Date, snapshotRound: Round | undefined, run: RunState, reading: Map<string, string>,
): Promise<{ result: BatchResult; criteriaChecked: number; cropsRendered: number; rounds?: ChangeRounds } | { snapshot: NonNullable<RunSummary['snapshot']> }> {
  const progress = options.progress ?? quietProgress(log);
  const cacheDir = options.cacheDir ?? path.join(out, '.cache');
  const { hashes, timer } = run;
  const inputs = await readInputsKept(batch, byGroup, cacheDir, hashes);
  const corrections = await readCorrections(batch.inputs.corrections ?? [], batch.dir);
  inputs.findings.push(...corrections.findings);
  const book = new CorrectionBook(corrections.entries);
  for (const framework of byId.values()) {
    const note = checkDataWindow(batch, framework);
    if (note) inputs.findings.push(note);
  }
  const anchors = await trustAnchors(batch, inputs.findings);
  const folders = await matchUnitFolders(batch);
  inputs.findings.push(...folders.findings.filter((f) => f.unit === ''));
  // What a framework takes from another province's text (the rating bands…): said with every run.
  for (const framework of new Set(byGroup.values())) {
    if (framework.scoring.assumed) {
      inputs.findings.push({ rule: 'framework-assumption', effect: 'info', unit: '', reason: `Bộ chỉ số ${framework.id} (${framework.name}): ${framework.scoring.assumed}` });
    }
  }
  const work: UnitWork[] = [];
  for (const unit of batch.units) work.push(await gatherUnit(batch, unit, byGroup, cacheDir, folders, hashes));
  progress.begin({ units: work.length, files: work.reduce((n, w) => n + w.files.length, 0) });
  timer.lap('discovery');

  const relOfFile = new Map(work.flatMap((w) => w.files.map((f) => [f.path, f.relPath] as const)));
  // The reader's completion event says whether a file came from the cache and what it cost.
  const done = new Map<string, Extract<ReaderEvent, { type: 'done' }>>();
  let cropsRendered = 0;
  const reader = createEvidenceReader({
    cacheDir,
    ...(options.fileTimeoutMs !== undefined ? { timeoutMs: options.fileTimeoutMs } : {}),
    ...(options.workers !== undefined ? { concurrency: options.workers } : {}),
    crops: options.audit !== false,
    ...(options.remote ? { remote: options.remote } : {}),
    hashes,
    onEvent: (event) => {
      if (event.type === 'start') reading.set(event.file, relOfFile.get(event.file) ?? event.file);
      if (event.type === 'done') {
        reading.delete(event.file);
        done.set(event.file, event);
        addReading(run.phases, event);
        if (event.failure) run.retried += 1;
        if (event.cropped) cropsRendered += 1;
      }
    },
  });
  let read: Array<{ work: UnitWork; evidence: EvidenceRecord[] }>;
  try {
    // All units at once: the reader queues files and bounds its own parallelism.
    read = await Promise.all(
      work.map(async (w) => {
        const byCriterion = new Map((w.claims ?? []).map((c) => [c.criterion, c]));
        const evidence: EvidenceRecord[] = await Promise.all(
          w.files.map(async (file) => {
            const { diskPath: _stale, ...reading } = await reader.read(file.path);
            const named = { ...reading, file: file.relPath, ...(file.diskRelPath ? { diskPath: file.diskRelPath } : {}) };
            const extraction = settleSignatures(named, anchors, { issuer: [w.unit.name], parent: [batch.council.parentBody] });
            const event = done.get(file.path);
            done.delete(file.path);
            progress.fileDone({
              unit: w.unit.code, file: file.relPath, status: extraction.status,
              cached: event?.cached ?? false, ocrPages: event?.ocrPages ?? 0,
              ...(event?.failure ? { failure: event.failure } : {}),
              ...(extraction.error ? { error: extraction.error } : {}),
            });
            // Handwritten parts are decided against what the unit says of the criterion the file is filed under.
            const claim = byCriterion.get(file.criterion);
            return { file, extraction: resolveHandwriting(extraction, { explanation: claim?.explanation ?? '', listed: claim?.evidenceFiles ?? [] }) };
          }),
        );
        progress.unitDone(w.unit.code);
        return { work: w, evidence };
      }),
    );
    // Numbering runs per issuer per year across the whole batch (Decree 30/2020, art. 15).
    const sequenced = checkIssuerSequences(read.flatMap((r) => r.evidence.map((e) => e.extraction)));
    let at = 0;
    for (const r of read) r.evidence = r.evidence.map((e) => ({ ...e, extraction: sequenced[at++] ?? e.extraction }));
  } finally {
    await reader.close();
    progress.end();
  }
  timer.lap('evidence');

  // The first-seen history: what this run saw, and since when each content has been there.
  const index = recordSightings(await loadIndex(out, now), await observe(read), now, new Set(batch.units.map((u) => u.code)));
  // Snapshots before the history is kept: a closed round whose content cannot be established stops
  // the run here, and nothing (the history included) is written, so a corrected folder starts afresh.
  // What it says of the snapshots is said again by a run that keeps these outputs.
  const noting: RunLog = { ...log, info: (line) => {
    run.notes.push(line);
    run.roundNoted = true;
    log.info(line);
  } };
  const snapshots = snapshotRound
    ? await ensureSnapshots(batch, out, now, index, noting, snapshotRound, { acceptCurrent: options.acceptCurrent === true })
    : batch.rounds && roundsClosed(batch.rounds, now).length > 0 ? await ensureSnapshots(batch, out, now, index, noting) : null;
  await saveIndex(out, index);
  timer.lap('history');
  // An input workbook's finding about one criterion of a unit (two council rows that disagree, two
  // survey rows) belongs to that criterion: it waits for the council there and its minutes cite it.
  const unitCodes = new Set(batch.units.map((u) => u.code));
  const ofCriterion = (f: Finding) => f.criterion !== undefined && unitCodes.has(f.unit);
  const aboutCriteria = (unit: string) => inputs.findings.filter((f) => f.unit === unit && ofCriterion(f));
  const appraiseWith = (pick: (w: UnitWork, evidence: EvidenceRecord[]) => {
    claims: Claim[] | null; evidence: EvidenceRecord[]; findings: Finding[]; uncounted?: UncountedFile[];
  }) => {
    const picked = read.map(({ work: w, evidence }) => {
      const chosen = pick(w, evidence);
      // People's corrections (inputs.corrections) over the readings, whichever round they come from.
      return { w, chosen, corrected: book.correct(w.unit.code, chosen.evidence) };
    });
    // Rules comparing units (own-issuer) see every unit's evidence as appraised in this round.
    const batchEvidence = new Map(picked.map(({ w, corrected }) => [w.unit.code, corrected.evidence]));
    return rankUnits(picked.map(({ w, chosen, corrected }) => {
      const result = appraiseUnit({
        unit: w.unit, batch, framework: w.framework, claims: chosen.claims, evidence: corrected.evidence, batchEvidence,
        ...(chosen.uncounted ? { uncounted: chosen.uncounted } : {}),
        survey: inputs.survey.get(w.unit.code) ?? new Map(),
        adjustments: inputs.adjustments.filter((a) => a.unit === w.unit.code),
        councilDecisions: inputs.councilDecisions.filter((d) => d.unit === w.unit.code),
        findings: [...chosen.findings, ...corrected.findings, ...aboutCriteria(w.unit.code)],
      });
      log.detail(result.status !== 'ok'
        ? `${w.unit.code} ${w.unit.name}: ${chosen.evidence.length} tài liệu; chưa thẩm định được (thiếu hoặc không đọc được báo cáo tự đánh giá).`
        : `${w.unit.code} ${w.unit.name}: ${chosen.evidence.length} tài liệu, tự chấm ${result.selfTotal}, thẩm định ${result.appraisedTotal}.`);
      return result;
    }));
  };

  if (snapshotRound) {
    const taken = snapshots!.get(snapshotRound.index)!;
    progress.settle(settledCounts(read, null));
    return { snapshot: { round: snapshotRound.name, file: taken.file, sha256: taken.sha256 } };
  }
  let ranked: UnitResult[];
  let rounds: BatchResult['rounds'];
  if (batch.rounds && snapshots) {
    const current = new Map(read.map(({ work: w, evidence }) => [w.unit.code, currentUnit(w, evidence, index)]));
    // Contents at a deadline that have left the folder are appraised on their kept reading.
    const cache = new ExtractionCache(cacheDir, READER_VERSION);
    const unitsByCode = new Map(batch.units.map((u) => [u.code, u]));
    const kept = await keptReadings(wantedReadings(snapshots.values(), current), index, async (want) => {
      const reading = await cache.get(want.sha256);
      if (!reading) return null;
      const unit = unitsByCode.get(want.unit);
      const { file: _file, ...settled } = settleSignatures(
        { ...reading, file: want.path, sha256: want.sha256, readerVersion: READER_VERSION }, anchors,
        { issuer: unit ? [unit.name] : [], parent: [batch.council.parentBody] },
      );
      return settled;
    });
    const outcome = appraiseRounds(batch, now, out, snapshots, current, (roundInputs: Map<string, RoundUnitInput>) =>
      appraiseWith((w) => {
        const input = roundInputs.get(w.unit.code)!;
        const folder = input.evidence.length > 0 ? w.findings.filter((f) => f !== w.nothingFiled) : w.findings;
        const uncounted = [...(input.uncounted ?? []), ...w.setAside];
        return { claims: input.claims, evidence: input.evidence, findings: [...input.findings, ...folder], ...(uncounted.length > 0 ? { uncounted } : {}) };
      }), kept);
    ranked = outcome.units;
    rounds = outcome.rounds;
  } else {
    ranked = appraiseWith((w, evidence) => ({
      claims: w.claims, evidence, findings: [...w.reportFindings, ...w.findings], ...(w.setAside.length > 0 ? { uncounted: w.setAside } : {}),
    }));
    if (batch.rounds) rounds = appraiseRounds(batch, now, out, new Map(), new Map(), () => []).rounds;
  }
  inputs.findings.push(...book.unmatched(new Set(batch.units.map((u) => u.code))));
  progress.settle(settledCounts(read, ranked));
  timer.lap('appraisal');
  if (corrections.entries.length > 0 || corrections.findings.length > 0) {
    // Entries read are not all applied (another unit's file, a changed file, a conflict): each of
    // those has its finding, so the line counts what was read and points there.
    const line = `Tệp hiệu chỉnh: ${book.applied} tệp được hiệu chỉnh hoặc xác nhận, từ ${corrections.entries.length} mục đọc được trong ${batch.inputs.corrections?.length ?? 0} tệp; mục nào không đọc được hoặc không áp dụng được đều có lý do trong phát hiện "Tệp hiệu chỉnh".`;
    run.notes.push(line);
    log.info(line);
  }
  return {
    result: {
      province: batch.province,
      year: batch.year,
      ...(batch.title ? { title: batch.title } : {}),
      dataWindow: batch.dataWindow,
      cutoff: batch.cutoff,
      groups: batch.groups,
      units: ranked,
      findings: inputs.findings.filter((f) => !ofCriterion(f)),
      ...(rounds ? { rounds } : {}),
      ...(inputs.errors.length > 0 ? { inputErrors: inputs.errors } : {}),
    },
    criteriaChecked: checkedCriteria(ranked),
    cropsRendered,
    ...(batch.rounds ? { rounds: changeRounds(batch.rounds, now, index) } : {}),
  };
}

/**
 * The unreadable files as the summary counts them (those of the evidence appraised, `ranked`), and
 * those read but counted in no round (with a calendar: submitted late or outside a round's scope).
 * Without an appraisal (`cchc snapshot`), every file read counts.
 */
function settledCounts(read: Array<{ evidence: EvidenceRecord[] }>, ranked: UnitResult[] | null): SettledCounts {
  const readUnreadable = read.flatMap((r) => r.evidence.map((e) => e.extraction)).filter((e) => e.status === 'unreadable');
  if (ranked === null) return { unreadable: readUnreadable.length, notCounted: 0 };
  const appraised = ranked.flatMap((u) => u.evidence);
  const counted = new Set(appraised.map((e) => `${e.file}\u0000${e.sha256}`));
  return {
    unreadable: appraised.filter((e) => e.status === 'unreadable').length,
    notCounted: readUnreadable.filter((e) => !counted.has(`${e.file}\u0000${e.sha256}`)).length,
  };
}

async function gatherUnit(
  batch: Batch, unit: Unit, byGroup: Map<string, Framework>, cacheDir: string, folders: UnitFolders, hashes: StatIndex,
): Promise<UnitWork> {
  const framework = byGroup.get(unit.group);
  if (!framework) throw new Error(`no framework for group ${unit.group}`);
  const findings: Finding[] = [];
  const reportFindings: Finding[] = [];
  // The unit's folder by its code, or as people name it (its name, the code in another case).
  const dir = folders.dirs.get(unit.code) ?? unitDir(batch, unit.code);
  const relOf = (file: string) => nfc(toPosix(path.relative(batch.dir, file)));
  const unitRel = relOf(dir);
  // The report's heading is checked against the batch's units (a report that is another unit's).
  const batchUnits = batch.units.map((u) => ({ code: u.code, name: u.name }));
  let claims: Claim[] | null = null;
  let reportFile: UnitWork['report'] = null;
  const folder = await lstat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (folder === null) {
    findings.push({ rule: 'evidence-layout', effect: 'info', unit: unit.code, reason: `Không có thư mục units/${unit.code} (cũng không có thư mục mang tên đơn vị "${unit.name}"): đơn vị chưa nộp hồ sơ.` });
    return { unit, framework, claims, files: [], reportFindings, findings, setAside: [], report: null };
  }
  if (folder instanceof Error || !folder.isDirectory()) {
    const why = folder instanceof Error ? describeFsError(folder) : folder.isSymbolicLink() ? 'là liên kết (symlink), không được theo' : 'không phải thư mục';
    findings.push({ rule: 'evidence-layout', effect: 'info', unit: unit.code, file: unitRel,
      reason: `Không mở được thư mục ${unitRel} (${why}): đơn vị chưa được thẩm định.` });
    return { unit, framework, claims, files: [], reportFindings, findings, setAside: [], report: null };
  }
  // report.xlsx, or the one workbook with the report's header whatever its name; the others are named.
  const located = await findReport(dir, relOf);
  const report = located.file ?? path.join(dir, REPORT_FILE);
  const reportRel = relOf(report);
  const notes = located.notes.map((reason): Finding => ({ rule: REPORT_RULE, effect: 'info', unit: unit.code, reason }));
  if (located.file) reportFindings.push(...notes);
  // Another workbook with the report's table beside report.xlsx: which holds the unit's final scores
  // is not ours to guess; report.xlsx is read, and every criterion it scores waits for the council.
  if (located.rivals.length > 0) {
    reportFindings.push({
      rule: REPORT_RULE, effect: 'review', unit: unit.code, file: reportRel, allCriteria: true,
      reason: `Thư mục đơn vị có ${located.rivals.length > 1 ? `${located.rivals.length} tệp` : 'tệp'} ${located.rivals.join(', ')} cũng có bảng tự đánh giá, ngoài ${reportRel}: không rõ tệp nào là bản báo cáo cuối cùng. Đã đọc ${reportRel} nhưng điểm tự đánh giá chưa được chấp nhận, mọi tiêu chí đơn vị tự chấm chờ Hội đồng thẩm định xem xét; đơn vị cần giữ lại một bản báo cáo (đặt tên ${REPORT_FILE}) và chuyển bản kia ra khỏi thư mục.`,
    });
  }
  try {
    const kind = await lstat(report).catch(() => null);
    if (kind && !kind.isFile()) {
      const what = kind.isDirectory() ? 'là một thư mục, không phải tệp' : kind.isSymbolicLink() ? 'là liên kết (symlink), không được theo' : 'không phải tệp thông thường';
      findings.push({ rule: REPORT_RULE, effect: 'info', unit: unit.code, file: reportRel, reason: `Báo cáo tự đánh giá ${reportRel} không đọc được: ${what}. Đơn vị chưa được thẩm định.` });
    } else {
      const reading = await memoByContent(
        { dir: cacheDir, namespace: 'reports', version: REPORT_READER_VERSION, files: [report], salt: [framework, unit.code, reportRel, batchUnits, batch.year], hashes },
        () => readReport(report, framework, unit.code, reportRel, batchUnits, batch.year),
      );
      reportFindings.push(...reading.findings);
      claims = reading.report?.claims ?? null;
      if (kind) {
        const info = await stat(report);
        reportFile = { path: report, relPath: reportRel, sha256: await hashes.sha256(report), size: info.size, mtime: info.mtime.toISOString() };
      }
    }
  } catch (error) {
    findings.push({ rule: REPORT_RULE, effect: 'info', unit: unit.code, file: reportRel,
      reason: `Báo cáo tự đánh giá ${reportRel} không đọc được (${describeFsError(error)}). Đơn vị chưa được thẩm định.` });
  }
  // With no report found, the workbooks seen (an .xls, another name) are named after "Không có báo cáo".
  if (!located.file) reportFindings.push(...notes);
  findings.push(...folders.findings.filter((f) => f.unit === unit.code));
  const listing = await discoverEvidence(batch, unit.code, framework, undefined, { folder: dir, claims, skip: [report] });
  findings.push(...listing.findings);
  return { unit, framework, claims, files: listing.files, reportFindings, findings, nothingFiled: listing.nothingFiled, setAside: listing.setAside, report: reportFile };
}

/** The optional input workbooks, parsed again only when one of them changes. */
async function readInputsKept(batch: Batch, byGroup: Map<string, Framework>, cacheDir: string, hashes: StatIndex): Promise<BatchInputs> {
  const files = Object.values(batch.inputs).filter((f): f is string => typeof f === 'string');
  const criteria: UnitCriteria = {};
  for (const unit of batch.units) {
    const framework = byGroup.get(unit.group);
    if (!framework) continue;
    const all = allCriteria(framework).map((e) => e.criterion);
    const survey = leafCriteria(framework).filter((c) => c.criterion.survey).map((c) => c.criterion);
    criteria[unit.code] = {
      survey: survey.map((c) => c.code), known: all.map((c) => c.code), surveyMax: Object.fromEntries(survey.map((c) => [c.code, c.max])),
    };
  }
  const kept = await memoByContent(
    { dir: cacheDir, namespace: 'inputs', version: INPUTS_READER_VERSION, files, salt: [batch.dir, batch.inputs, batch.units, criteria, batch.year], hashes },
    async () => {
      const inputs = await readBatchInputs(batch, criteria);
      return { ...inputs, survey: [...inputs.survey].map(([unit, points]) => [unit, [...points]] as const) };
    },
  );
  return { ...kept, survey: new Map(kept.survey.map(([unit, points]) => [unit, new Map(points)])) };
}

/**
 * Keep the stat index for the next run (failing to is no reason to fail this one: the next run only
 * hashes more) and log where the time went.
 */
async function finishRun(run: RunState, log: RunLog): Promise<void> {
  const { hashes } = run;
  await hashes.save().catch((error: Error) => log.detail(`Không ghi được chỉ mục trạng thái tệp ${hashes.file} (${error.message}); lần chạy sau sẽ băm lại mọi tệp.`));
  run.timer.lap('finish');
  run.phases.wallMs = run.timer.totals;
  run.phases.cpuMs = run.timer.cpu;
  run.phases.peakRssMb = run.timer.peakRssMb;
  run.phases.hashing.reused = hashes.counts.reused;
  run.phases.hashing.hashed = hashes.counts.hashed;
  log.detail(describePhases(run.phases));
}

/**
 * The last completed run's results, the baseline for "what changed": null on a first run, or when
 * they are lost or damaged, which `problem` then says (Vietnamese) for the printed summary.
 */
async function readPrevious(out: string, log: RunLog): Promise<{ previous: BatchResult | null; problem?: string }> {
  const file = path.join(out, OUTPUT_FILES.results);
  const say = (problem: string, line: string) => {
    log.info(line);
    return { previous: null, problem };
  };
  if (!existsSync(file)) {
    // Outputs of an earlier run without its results.json (deleted by hand, moved): said, not guessed.
    if (existsSync(path.join(out, MANIFEST_FILE))) {
      return say(`không thấy ${OUTPUT_FILES.results} của lần chạy trước`, `Không thấy kết quả lần chạy trước (${file}) dù thư mục kết quả có các tệp của lần chạy trước: không so sánh được với lần trước, mọi đơn vị được coi là mới.`);
    }
    return { previous: null };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return say(`không đọc được ${OUTPUT_FILES.results} của lần chạy trước (${describeFsError(error)})`, `Không đọc được kết quả lần chạy trước (${file}): ${describeFsError(error)}; coi như lần chạy đầu.`);
  }
  const parsed = parseJson(text);
  if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && Array.isArray((parsed.value as BatchResult).units)) return { previous: parsed.value as BatchResult };
  const why = parsed.ok ? 'không đúng cấu trúc kết quả của cchc' : parsed.problem;
  return say(`${OUTPUT_FILES.results} của lần chạy trước bị hỏng (${why})`, `Không đọc được kết quả lần chạy trước (${file}): ${why}; coi như lần chạy đầu.`);
}

/** Temp files of a run that was killed mid-write; only ours, only while we hold the lock. */
async function removeLeftovers(out: string): Promise<void> {
  for (const dir of [out, path.join(out, OUTPUT_FILES.minutesDir)]) {
    if (!existsSync(dir)) continue;
    for (const name of await readdir(dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await unlink(path.join(dir, name)).catch(() => {});
    }
  }
}

/**
 * Render every output into a staging folder, then switch the whole set at once (output-set.ts):
 * a kill or a full disk at any point leaves either the previous set or, once the next run has
 * finished the switch, the new one, never a mix. A new kind of output is one more `stage.write`.
 */
async function writeOutputs(
  ctx: OutputContext & { changes: BatchChanges }, out: string, log: RunLog, progress: Progress | undefined, run: RunState, now: Date,
  audit?: (stage: OutputStage) => Promise<string>,
): Promise<{ outputs: string[]; handEdited: HandEdit[] }> {
  progress?.phase('Đang lập biên bản, quyết định, bảng tính và results.json…');
  // A file-system error (full disk, read-only, no permission) is exit 4; anything else is a bug (exit 1).
  const failed = (error: unknown): unknown => (typeof (error as NodeJS.ErrnoException)?.syscall === 'string' ? new CchcError(
    `Không ghi được kết quả vào ${out} (${describeFsError(error, 'write')}): kết quả của lần chạy trước được giữ nguyên.`, ExitCode.Output) : error);
  let stage: OutputStage;
  try {
    stage = await OutputStage.begin(out);
  } catch (error) {
    throw failed(error);
  }
  try {
    const manifest = await OutputManifest.open(out, run.hashes);
    const keys = await renderKeys(ctx);
    const documentsKey = keys.all();
    run.timer.lap('keys');
    const written: string[] = [];
    const handEdited: HandEdit[] = [];
    let kept = 0;
    let unchanged = 0;
    /** Rename output `rel`, edited by a person, to a free `ban-sua-tay` name at the switch. */
    const setAside = (rel: string, dropped = false) => {
      const keptAs = handEditName(rel, now, (name) => existsSync(path.join(out, name)) || handEdited.some((h) => h.keptAs === name));
      stage.setAside(rel, keptAs);
      handEdited.push({ file: rel, keptAs, ...(dropped ? { dropped: true as const } : {}) });
    };
    const write = async (rel: string, data: string | Uint8Array) => {
      await stage.write(rel, data);
      written.push(rel);
    };
    /** Render and stage a document unless the one in place was rendered from the same inputs. */
    const document = async (rel: string, key: string, render: () => Promise<Uint8Array>) => {
      // Each document is its own turn of the event loop, so SIGINT/SIGTERM are handled between them.
      await new Promise((resolve) => setImmediate(resolve));
      if (await manifest.upToDate(rel, key)) {
        kept++;
        written.push(rel);
        return;
      }
      // Bytes other than those the previous run wrote: a person edited the document in place. It is
      // renamed at the switch (a rename: atomic, never a copy or a delete) and the new draft written.
      if (await manifest.editedByHand(rel)) setAside(rel);
      const data = await render();
      // Rendered again, the same bytes (a change it does not show): the file in place stays.
      if (await manifest.sameBytes(rel, key, data)) {
        unchanged++;
        written.push(rel);
        return;
      }
      await write(rel, data);
      manifest.record(rel, key, data);
    };
    // The renderers (docx, exceljs, handlebars) are loaded only when something is to be rendered;
    // the minutes template is read and compiled once for all the units' minutes.
    let minutesTemplate: Promise<DocumentTemplate> | undefined;
    // A unit's minutes keep their number from run to run: its place in batch.yaml's list, so a unit
    // not appraised (its report missing tonight) leaves its number free instead of shifting the
    // numbers of minutes already printed or signed; round i's minutes follow round i-1's series.
    const place = new Map(ctx.batch.units.map((u, i) => [u.code, i]));
    const sequenceOf = (code: string, round = 0) => round * ctx.batch.units.length + (place.get(code) ?? 0);
    // With a calendar, the minutes are those of the first closed round; later rounds have their own.
    const closed = (ctx.result.rounds ?? []).filter((r) => r.status === 'closed');
    const resultsOf = (i: number) => closed[i]?.results ?? ctx.result.units;
    for (const unit of closed.length > 1 ? resultsOf(0) : ctx.result.units) {
      if (unit.status !== 'ok') continue;
      const n = sequenceOf(unit.code);
      // Each unit's minutes are keyed by that unit alone: one unit's change renders its minutes only.
      await document(OUTPUT_FILES.minutes(unit.code), keys.unit(unit, n), async () => {
        const { buildMinutes, loadMinutesTemplate } = await import('../documents/minutes.js');
        minutesTemplate ??= loadMinutesTemplate(ctx);
        return buildMinutes(ctx, unit, n, await minutesTemplate);
      });
    }
    let roundTemplate: Promise<DocumentTemplate> | undefined;
    for (let i = 1; i < closed.length; i++) {
      const round = closed[i]!;
      const before = new Map(resultsOf(i - 1).map((u) => [u.code, u]));
      for (const after of resultsOf(i)) {
        const previous = before.get(after.code);
        const outcome = round.units.find((u) => u.code === after.code);
        if (after.status !== 'ok' || !previous || previous.status !== 'ok' || !outcome) continue;
        const n = sequenceOf(after.code, i);
        await document(OUTPUT_FILES.roundMinutes(after.code, round.index), `${documentsKey}:${round.index}:${n}`, async () => {
          const { loadRoundMinutesTemplate, renderRoundMinutes } = await import('../documents/round-minutes.js');
          roundTemplate ??= loadRoundMinutesTemplate(ctx);
          return renderRoundMinutes(ctx, { round, previousRound: closed[i - 1]!, before: previous, after, outcome, sequence: n }, await roundTemplate);
        });
      }
    }
    for (const rel of await staleMinutes(out, new Set(written), manifest)) {
      // No longer an output, but edited by a person: renamed aside like the others, never removed.
      if (await manifest.editedByHand(rel)) setAside(rel, true);
      else stage.remove(rel);
    }
    run.timer.lap('minutes');
    await document(OUTPUT_FILES.decision, documentsKey, async () => (await import('../documents/decision.js')).renderDecision(ctx));
    run.timer.lap('decision');
    const listed = ctx.changes ? { units: ctx.changes.units, unitsRemoved: ctx.changes.unitsRemoved } : null;
    await document(OUTPUT_FILES.workbook, keys.all(listed), async () => (await import('../documents/workbook.js')).renderWorkbook(ctx));
    run.timer.lap('workbook');
    const auditIndex = audit ? await audit(stage) : null;
    if (audit) run.timer.lap('audit');
    else {
      // `--no-audit`: the pages of an earlier run would show other results beside these; they go at the switch.
      const stale = await auditFilesIn(out);
      for (const rel of stale) stage.remove(rel);
      if (stale.length > 0) log.detail(`Chạy với --no-audit: trang kiểm tra tài liệu (${AUDIT_DIR}/) của lần chạy trước được xóa, vì không còn khớp với kết quả này.`);
    }
    await stage.write(MANIFEST_FILE, manifest.serialise());
    if (kept > 0) log.detail(`${kept} văn bản không đổi so với lần chạy trước, giữ nguyên.`);
    if (unchanged > 0) log.detail(`${unchanged} văn bản lập lại ra đúng nội dung cũ, giữ nguyên tệp.`);
    await write(CHANGES_FILE, changesText(ctx.changes));
    await write(OUTPUT_FILES.results, renderResultsJson(ctx));
    // Last: the baseline of the next run is only replaced once everything else is in place.
    await stage.commit([CHANGES_FILE, OUTPUT_FILES.results]);
    run.timer.lap('results');
    return { outputs: auditIndex ? [...written, auditIndex] : written, handEdited };
  } catch (error) {
    if (stage.committed && typeof (error as NodeJS.ErrnoException)?.syscall === 'string') {
      // Part-way through the switch: some outputs are new, the rest old. Kept as it is, the plan and
      // the staging folder let the next run finish the switch (settleOutputs), never leave a mix.
      const done = stage.switched;
      const state = done.length === 0
        ? 'chưa tệp kết quả nào được thay, thư mục vẫn là bộ kết quả của lần chạy trước'
        : `${done.length} tệp kết quả đã là của lần chạy này (${done.slice(0, 3).join(', ')}${done.length > 3 ? ', …' : ''}), số còn lại vẫn của lần chạy trước`;
      const message = `Không chuyển xong bộ kết quả mới vào ${out} (${describeFsError(error, 'write')}): ${state}; lần chạy sau, khi thư mục ghi được, sẽ hoàn tất việc chuyển.`;
      log.detail(`Lỗi: ${message}`);
      throw new CchcError(message, ExitCode.Output);
    }
    await stage.abandon().catch(() => {});
    const thrown = failed(error);
    if (thrown instanceof CchcError) log.detail(`Lỗi: ${thrown.message}`);
    throw thrown;
  }
}

/**
 * Minutes of units that are no longer appraised (removed from the batch, report now unreadable):
 * only those a previous run wrote (in its manifest). A clerk's own files in the folder (an edited
 * copy, notes) are never touched.
 */
async function staleMinutes(out: string, keep: Set<string>, manifest: OutputManifest): Promise<string[]> {
  const dir = path.join(out, OUTPUT_FILES.minutesDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => `${OUTPUT_FILES.minutesDir}/${name}`)
    .filter((rel) => rel.endsWith('.docx') && !keep.has(rel) && manifest.wrotePreviously(rel));
}

/**
 * Scored criteria (leaves) appraised, over the units that could be appraised: a unit whose report
 * could not be read has none checked, however many its framework has.
 */
export function checkedCriteria(units: UnitResult[]): number {
  return units.filter((u) => u.status === 'ok').reduce((n, u) => n + u.criteria.filter((c) => c.leaf).length, 0);
}

function summarise(result: BatchResult, criteriaChecked: number, outputs: string[], elapsedMs: number, phases: RunPhases): RunSummary {
  const all = [...result.findings, ...result.units.flatMap((u) => [...u.findings, ...u.criteria.flatMap((c) => c.findings)])];
  const count = (key: (f: Finding) => string) =>
    all.reduce<Record<string, number>>((acc, f) => ((acc[key(f)] = (acc[key(f)] ?? 0) + 1), acc), {});
  const evidence = result.units.flatMap((u) => u.evidence);
  const findingsByRule = count((f) => f.rule);
  return {
    units: result.units.length,
    unitsWithErrors: result.units.filter((u) => u.status === 'error').length,
    criteriaChecked,
    evidenceFiles: evidence.length,
    unreadableFiles: evidence.filter((e) => e.status === 'unreadable').length,
    findingsByRule,
    findingsByEffect: count((f) => f.effect),
    ruleLabels: Object.fromEntries(Object.keys(findingsByRule).sort().map((rule) => [rule, ruleLabel(rule)])),
    provisional: provisionalFacts(result),
    ...(result.rounds ? { rounds: result.rounds } : {}),
    outputs,
    elapsedMs,
    kept: false,
    phases,
  };
}

/** What this run saw of every unit's report and evidence, for the first-seen history. */
async function observe(read: Array<{ work: UnitWork; evidence: EvidenceRecord[] }>): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const { work: w, evidence } of read) {
    if (w.report) {
      out.push({
        relPath: w.report.relPath, unit: w.unit.code, sha256: w.report.sha256, size: w.report.size, mtime: w.report.mtime,
        content: { kind: 'report', claims: w.claims, findings: w.reportFindings },
      });
    }
    for (const { file, extraction } of evidence) {
      const info = await stat(file.path).catch(() => null);
      const { file: _file, ...reading } = extraction;
      out.push({
        relPath: file.relPath, unit: w.unit.code, criterion: file.criterion, sha256: extraction.sha256, size: file.size,
        mtime: info ? info.mtime.toISOString() : new Date(0).toISOString(), content: { kind: 'evidence', reading },
      });
    }
  }
  return out;
}

/** A unit's folder as this run saw it, with each content's first-seen time. */
function currentUnit(w: UnitWork, evidence: EvidenceRecord[], index: FirstSeenIndex): CurrentUnit {
  const firstSeen = (relPath: string, sha256: string) => {
    const sightings = index.paths[relPath]?.sightings ?? [];
    const last = sightings[sightings.length - 1];
    return last?.sha256 === sha256 ? last.firstSeen : null;
  };
  return {
    code: w.unit.code,
    report: w.report ? { path: w.report.relPath, sha256: w.report.sha256, firstSeen: firstSeen(w.report.relPath, w.report.sha256) } : null,
    claims: w.claims,
    reportFindings: w.reportFindings,
    evidence: evidence.map((e) => ({ ...e, sha256: e.extraction.sha256, firstSeen: firstSeen(e.file.relPath, e.extraction.sha256) })),
  };
}

/**
 * Which round the results and each file's current content belong to, and what of each unit's folder
 * this run saw change (sightings first seen at `now`), for changes.json.
 */
function changeRounds(rounds: Round[], now: Date, index: FirstSeenIndex): ChangeRounds {
  const closed = roundsClosed(rounds, now);
  const at = now.toISOString();
  const folders = new Map<string, FolderChanges>();
  for (const [relPath, history] of Object.entries(index.paths)) {
    if (!history.criterion) continue; // the report: its rows are compared in the results
    const last = history.sightings[history.sightings.length - 1];
    if (!last || last.firstSeen !== at) continue;
    const prior = history.sightings[history.sightings.length - 2];
    let folder = folders.get(history.unit);
    if (!folder) folders.set(history.unit, (folder = { added: [], changed: [], removed: [] }));
    if (last.sha256 === null) folder.removed.push(relPath);
    else if (prior?.sha256) folder.changed.push(relPath);
    else folder.added.push(relPath);
  }
  return {
    folderChanges: (unit) => folders.get(unit) ?? { added: [], changed: [], removed: [] },
    round: closed[closed.length - 1]?.name ?? roundAt(rounds, now)?.name ?? null,
    roundOfFile(relPath) {
      const sightings = index.paths[relPath]?.sightings ?? [];
      const last = sightings[sightings.length - 1];
      // A removal's sighting (content null) was first seen when the file left the folder.
      return last ? (roundAt(rounds, new Date(last.firstSeen))?.name ?? null) : null;
    },
  };
}

/** The round `cchc snapshot --round N` asks for: it exists and its deadline has passed. */
function requestedRound(batch: Batch, n: number, now: Date): Round {
  const rounds = batch.rounds ?? [];
  const round = rounds[n - 1];
  if (!round) {
    throw new CchcError(
      rounds.length === 0
        ? 'batch.yaml chưa có lịch thẩm định (rounds): không có vòng nào để chụp hồ sơ.'
        : `Không có vòng thứ ${n}: lịch thẩm định có ${rounds.length} vòng (${rounds.map((r) => r.name).join(', ')}).`,
      ExitCode.Usage,
    );
  }
  if (new Date(round.until).getTime() > now.getTime()) {
    throw new CchcError(
      `${round.name} chưa đến hạn (${round.untilText}, giờ Việt Nam; bây giờ là ${formatVietnamTime(now)}): chỉ chụp hồ sơ sau thời hạn của vòng.`,
      ExitCode.Usage,
    );
  }
  return round;
}

function emptyResult(batch: Batch): BatchResult {
  return { province: batch.province, year: batch.year, dataWindow: batch.dataWindow, cutoff: batch.cutoff, groups: batch.groups, units: [], findings: [] };
}
