// What each closed round is appraised on (pure): the first round on exactly its snapshot; a later
// round on the previous round's content plus the changes its own snapshot shows, kept only inside
// its scope (what the previous minutes asked for, or anything) and window; what changed after the
// last closed deadline is listed as "nộp sau thời hạn" and never counted.
import path from 'node:path';
import type { Claim, EvidenceFile, Extraction, Finding } from '../model.js';
import { listingKey } from '../rules/listed-evidence.js';
import type { EvidenceRecord, UncountedFile } from '../rules/rule.js';
import { formatDateVn, formatScore } from '../util/text.js';
import { formatVietnamTime, type Round } from './calendar.js';
import type { Snapshot, SnapshotFile, SnapshotUnit } from './snapshot.js';

export const LATE_RULE = 'late-submission';
export const OUT_OF_SCOPE_RULE = 'out-of-scope-change';

/** One change of one file (or of the report's row for a criterion) between two states. */
export interface FileChange {
  /** Relative to the batch folder. */
  path: string;
  /** Criterion the change concerns; null for the report as a whole. */
  criterion: string | null;
  change: 'added' | 'changed' | 'removed' | 'report-row';
  /** When the pipeline first saw the new content (UTC), when known. */
  firstSeen: string | null;
  /** The round the change was made in (its window), or null: after the last deadline / between windows. */
  round: string | null;
  /** For a report row: what changed in it (`điểm tự đánh giá 1 → 1,5; giải trình`). */
  detail?: string;
  /**
   * Why a change inside a round was left out: `window`, made before the round opened (uploads
   * locked between rounds); `scope`, about a criterion the previous minutes did not ask about.
   */
  outside?: 'window' | 'scope';
}

/** The current state of a unit's folder, as this run read it. */
export interface CurrentUnit {
  code: string;
  report: { path: string; sha256: string; firstSeen: string | null } | null;
  claims: Claim[] | null;
  reportFindings: Finding[];
  evidence: Array<EvidenceRecord & { sha256: string; firstSeen: string | null }>;
}

/** What one unit is appraised on in one round, and what was left out. */
export interface RoundUnitInput {
  code: string;
  claims: Claim[] | null;
  evidence: EvidenceRecord[];
  /** Report findings of the content used, plus one finding per change left out. */
  findings: Finding[];
  /** Changes after this round's deadline (only for the last closed round): not counted. */
  late: FileChange[];
  /** Changes in this round's window outside its scope or window: not counted. */
  outOfScope: FileChange[];
  /**
   * Changes counted in this round (later rounds): the supplements. A report row whose only change
   * is to list files this round leaves out is taken (the listing is the unit's) but is none of them.
   */
  applied: FileChange[];
  /** Files in the folder that this round does not count (from `late` and `outOfScope`), with why. */
  uncounted: UncountedFile[];
}

/**
 * Readings of contents no longer in the folder, by SHA-256: what the first-seen history kept for
 * that content (any path), else the evidence cache's reading for that SHA-256 and the current reader
 * version. The caller (run-full.ts) gathers them for the snapshot files that need one.
 */
export type KeptReadings = ReadonlyMap<string, Omit<Extraction, 'file'>>;

const NO_KEPT: KeptReadings = new Map();

/**
 * A snapshot file as an evidence record, read from, in order: the current reading of the same path and
 * content; the current reading of the same content elsewhere in the unit (a moved file); the reading
 * the snapshot itself carries; a kept reading of that content (`kept`, by SHA-256). Only when none
 * exists is the content unreadable (sent to the council), saying why.
 */
function recordOf(batchDir: string, unit: string, f: SnapshotFile, current: CurrentUnit | undefined, kept: KeptReadings): EvidenceRecord {
  const file: EvidenceFile = {
    unit, criterion: f.criterion, path: path.join(batchDir, ...f.path.split('/')), relPath: f.path,
    name: path.posix.basename(f.path), size: f.size,
  };
  const same = current?.evidence.find((e) => e.file.relPath === f.path && e.sha256 === f.sha256)
    ?? current?.evidence.find((e) => e.sha256 === f.sha256);
  if (same) return { file, extraction: { ...same.extraction, file: f.path } };
  const reading = f.reading ?? kept.get(f.sha256) ?? null;
  if (reading) return { file, extraction: { ...reading, file: f.path } };
  const now = current?.evidence.find((e) => e.file.relPath === f.path);
  return { file, extraction: missingReading(f, current === undefined ? 'unknown' : now ? 'replaced' : 'deleted') };
}

/** Why a content at the deadline is not in the folder any more. */
type Gone = 'replaced' | 'deleted' | 'unknown';

const GONE_TEXT: Record<Gone, string> = {
  replaced: 'tệp đã bị thay nội dung sau thời hạn',
  deleted: 'tệp đã bị xóa sau thời hạn',
  unknown: 'tệp không còn trong hồ sơ',
};

/**
 * A content the snapshot lists whose reading is nowhere (not in the snapshot, the history or the
 * evidence cache): unreadable, so the council looks at it.
 */
function missingReading(f: SnapshotFile, gone: Gone): Extraction {
  return {
    file: f.path, sha256: f.sha256, status: 'unreadable',
    error: `nội dung tệp tại thời hạn (SHA-256 ${f.sha256.slice(0, 12)}…) không còn để đọc lại: ${GONE_TEXT[gone]}, và không còn kết quả đọc nào của nội dung đó (lịch sử "lần đầu thấy", thư mục lưu kết quả đọc)`,
    source: null, number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null,
    blankNumber: false, date: null, place: null, blankDate: false, confidence: 0, numberConfidence: 0, dateConfidence: 0,
    signed: false, signer: null, signedAt: null, scanned: false, pages: 0, headerPage: null, citations: [], readerVersion: 'snapshot',
  };
}

function claimsOf(s: SnapshotUnit, current: CurrentUnit | undefined): { claims: Claim[] | null; findings: Finding[] } {
  if (!s.report) return { claims: null, findings: [] };
  if (current?.report && current.report.sha256 === s.report.sha256) return { claims: current.claims, findings: current.reportFindings };
  return { claims: s.report.claims, findings: s.report.findings };
}

/** Round 1: exactly its snapshot. */
export function firstRoundInput(
  batchDir: string, snapshot: SnapshotUnit, current: CurrentUnit | undefined, round: Round, kept: KeptReadings = NO_KEPT,
): RoundUnitInput {
  const { claims, findings } = claimsOf(snapshot, current);
  const extra: Finding[] = [];
  if (!snapshot.report) {
    extra.push({
      rule: LATE_RULE, effect: 'info', unit: snapshot.code,
      reason: `Đến thời hạn ${round.name} (${round.untilText}) đơn vị chưa có báo cáo tự đánh giá trong hồ sơ.`,
    });
  }
  return {
    code: snapshot.code, claims, findings: [...findings, ...extra],
    evidence: snapshot.files.map((f) => recordOf(batchDir, snapshot.code, f, current, kept)),
    late: [], outOfScope: [], applied: [], uncounted: [],
  };
}

/**
 * A later round: the previous round's input, plus the changes between the two snapshots that fall in
 * `requested` (null: scope `all`) and were first seen inside the round's window. Report rows count
 * per criterion in the same way. Left-out changes become findings (`out-of-scope-change`, info).
 */
export function laterRoundInput(
  batchDir: string, previous: RoundUnitInput, before: SnapshotUnit, after: SnapshotUnit, current: CurrentUnit | undefined,
  round: Round, rounds: readonly Round[], requested: ReadonlySet<string> | null, kept: KeptReadings = NO_KEPT,
): RoundUnitInput {
  const unit = after.code;
  const opens = round.from ? new Date(round.from).getTime() : new Date(rounds[round.index - 2]?.until ?? 0).getTime();
  const inWindow = (firstSeen: string | null) => firstSeen === null || new Date(firstSeen).getTime() >= opens;
  const inScope = (criterion: string | null) => requested === null || (criterion !== null && requested.has(criterion));
  const applied: FileChange[] = [];
  const outOfScope: FileChange[] = [];
  const findings: Finding[] = [];
  const leaveOut = (c: FileChange) => {
    c.outside = inWindow(c.firstSeen) ? 'scope' : 'window';
    outOfScope.push(c);
    const why = c.outside === 'window'
      ? `ngoài thời gian ${round.name}${round.fromText ? ` (từ ${round.fromText} đến ${round.untilText})` : ''}`
      : `ngoài phạm vi ${round.name}: biên bản vòng trước không yêu cầu bổ sung, giải trình tiêu chí ${c.criterion ?? '(chung)'}`;
    findings.push({
      rule: OUT_OF_SCOPE_RULE, effect: 'info', unit, ...(c.criterion ? { criterion: c.criterion } : {}), ...(c.change === 'report-row' ? {} : { file: c.path }),
      reason: `${describeChange(c)} ${why}; không được tính.`,
    });
  };

  // Evidence: start from the previous round's files, apply the counted changes.
  const files = new Map(previous.evidence.map((e) => [e.file.relPath, e]));
  const was = new Map(before.files.map((f) => [f.path, f]));
  const now = new Map(after.files.map((f) => [f.path, f]));
  for (const f of after.files) {
    const old = was.get(f.path);
    if (old && old.sha256 === f.sha256) continue;
    const change: FileChange = { path: f.path, criterion: f.criterion, change: old ? 'changed' : 'added', firstSeen: f.firstSeen, round: round.name };
    if (inScope(f.criterion) && inWindow(f.firstSeen)) {
      applied.push(change);
      files.set(f.path, recordOf(batchDir, unit, f, current, kept));
    } else leaveOut(change);
  }
  for (const f of before.files) {
    if (now.has(f.path)) continue;
    const change: FileChange = { path: f.path, criterion: f.criterion, change: 'removed', firstSeen: null, round: round.name };
    if (inScope(f.criterion)) {
      applied.push(change);
      files.delete(f.path);
    } else leaveOut(change);
  }

  // Report rows: per criterion, the new row only where the change is counted.
  const prior = previous.claims;
  const next = claimsOf(after, current);
  let claims = prior;
  let reportFindings = previous.findings.filter((f) => f.rule !== OUT_OF_SCOPE_RULE && f.rule !== LATE_RULE);
  if (prior === null) {
    claims = next.claims;
    reportFindings = next.findings;
  } else if (next.claims && after.report && before.report?.sha256 !== after.report.sha256) {
    const oldRows = new Map(prior.map((c) => [c.criterion, c]));
    const merged = new Map(oldRows);
    for (const row of next.claims) {
      const old = oldRows.get(row.criterion);
      if (old && sameRow(old, row)) continue;
      const change: FileChange = {
        path: after.report.path, criterion: row.criterion, change: 'report-row', firstSeen: after.report.firstSeen, round: round.name,
        detail: rowChanges(old, row),
      };
      if (inScope(row.criterion) && inWindow(after.report.firstSeen)) {
        if (!old || !listsOnlyLeftOut(old, row, files, outOfScope)) applied.push(change);
        merged.set(row.criterion, row);
      } else leaveOut(change);
    }
    claims = [...merged.values()].sort((a, b) => a.row - b.row);
  }
  const input: RoundUnitInput = {
    code: unit, claims, evidence: [...files.values()].sort((a, b) => (a.file.relPath < b.file.relPath ? -1 : 1)),
    findings: [...reportFindings, ...findings], late: [], outOfScope, applied, uncounted: [],
  };
  return { ...input, uncounted: uncountedFiles(input, round) };
}

/**
 * Whether a row's edit changes nothing the round counts: only its evidence column differs, every
 * name it adds is a file this round left out (`leftOut`, same criterion), and every name it drops
 * is a file still counted (`counted`, by path), so no listed-but-missing finding goes either.
 * Names are matched as the listed-evidence rule matches them.
 */
function listsOnlyLeftOut(old: Claim, row: Claim, counted: ReadonlyMap<string, EvidenceRecord>, leftOut: readonly FileChange[]): boolean {
  if (!sameSelfScore(old, row) || old.notApplicable !== row.notApplicable || old.explanation !== row.explanation
    || JSON.stringify(old.figure ?? null) !== JSON.stringify(row.figure ?? null)) return false;
  const inFolder = (changes: Iterable<{ criterion: string | null; path: string }>) => new Set(
    [...changes].filter((c) => c.criterion === row.criterion).map((c) => listingKey(path.posix.basename(c.path))),
  );
  const uncounted = inFolder(leftOut.filter((c) => c.change === 'added'));
  const present = inFolder([...counted.values()].map((e) => ({ criterion: e.file.criterion, path: e.file.relPath })));
  const before = new Set(old.evidenceFiles.map(listingKey));
  const after = new Set(row.evidenceFiles.map(listingKey));
  const added = [...after].filter((n) => !before.has(n));
  const dropped = [...before].filter((n) => !after.has(n));
  return added.length > 0 && added.every((n) => uncounted.has(n)) && dropped.every((n) => present.has(n));
}

/** A round's wording: its name, and its window as batch.yaml gives it (a Round or a RoundResult). */
export type RoundWords = Pick<Round, 'name' | 'untilText' | 'fromText'>;

/** When a change made while uploads were locked was made: `trước khi Lần 2 mở (từ … đến …), khi chưa được nộp bổ sung`. */
export function beforeOpening(round: RoundWords): string {
  return `trước khi ${round.name} mở${round.fromText ? ` (từ ${round.fromText} đến ${round.untilText})` : ''}, khi chưa được nộp bổ sung`;
}

/**
 * Why a file added or replaced in the folder does not count in `round`, the round appraised, as a
 * clause that can follow "nhưng": left out of the round (locked window, scope), or late (after its
 * deadline; in a later round still to close).
 */
export function uncountedWhy(c: FileChange, round: RoundWords): string {
  if (c.outside === 'window') return `không được tính trong ${round.name} vì nộp ${beforeOpening(round)}`;
  if (c.outside === 'scope') return `không được tính trong ${round.name} vì ngoài phạm vi bổ sung (biên bản lần trước không yêu cầu bổ sung, giải trình tiêu chí ${c.criterion ?? '(chung)'})`;
  if (c.round && c.round !== round.name) return `chưa được tính vì nộp trong ${c.round}, sau thời hạn ${round.name} (${round.untilText}); sẽ được xét khi ${c.round} kết thúc`;
  return `không được tính vì nộp sau thời hạn ${round.name} (${round.untilText})`;
}

/**
 * The files in the folder an input does not count: its late and left-out additions and
 * replacements whose path holds no counted content (a replacement left out keeps the old content).
 */
export function uncountedFiles(input: Pick<RoundUnitInput, 'evidence' | 'late' | 'outOfScope'>, round: RoundWords): UncountedFile[] {
  const counted = new Set(input.evidence.map((e) => e.file.relPath));
  return [...input.outOfScope, ...input.late]
    .filter((c) => (c.change === 'added' || c.change === 'changed') && c.criterion !== null && !counted.has(c.path))
    .map((c) => ({ path: c.path, criterion: c.criterion!, why: uncountedWhy(c, round) }));
}

/** What differs between two rows of a report, in words: `điểm tự đánh giá 1 → 1,5; giải trình`. */
export function rowChanges(before: Claim | undefined, after: Claim): string {
  const score = (c: Claim) => (c.self !== null ? formatScore(c.self) : c.selfText !== undefined ? `"${c.selfText}"` : '(trống)');
  if (!before) return 'dòng mới';
  const parts: string[] = [];
  if (!sameSelfScore(before, after)) parts.push(`điểm tự đánh giá ${score(before)} → ${score(after)}`);
  if (before.notApplicable !== after.notApplicable) parts.push(after.notApplicable ? 'đánh dấu không áp dụng' : 'bỏ đánh dấu không áp dụng');
  if (before.evidenceFiles.join('\n') !== after.evidenceFiles.join('\n')) parts.push('danh mục tài liệu kiểm chứng');
  if (before.explanation !== after.explanation) parts.push('giải trình');
  if (JSON.stringify(before.figure ?? null) !== JSON.stringify(after.figure ?? null)) parts.push('số liệu');
  return parts.join('; ');
}

/**
 * The same self-score: the same number, or the same text where the cell held no score (`"một"`),
 * or both blank. A row kept from before `selfText` was recorded (unclear, with no text) is not
 * compared by its text.
 */
function sameSelfScore(a: Claim, b: Claim): boolean {
  const textUnknown = (c: Claim) => c.selfUnclear === true && c.selfText === undefined;
  return a.self === b.self && (textUnknown(a) || textUnknown(b) || a.selfText === b.selfText);
}

function sameRow(a: Claim, b: Claim): boolean {
  return sameSelfScore(a, b) && a.notApplicable === b.notApplicable && a.explanation === b.explanation
    && a.evidenceFiles.join('\n') === b.evidenceFiles.join('\n') && JSON.stringify(a.figure ?? null) === JSON.stringify(b.figure ?? null);
}

/**
 * What changed in the unit's folder after the deadline of `round`, the last closed one: files added,
 * replaced or removed, and a report changed. These are "nộp sau thời hạn": listed, never counted.
 * `roundOf` says which (later, still open) round a change falls in, if any.
 */
export function lateChanges(snapshot: SnapshotUnit, current: CurrentUnit, roundOf: (firstSeen: string | null) => string | null): FileChange[] {
  const out: FileChange[] = [];
  const was = new Map(snapshot.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  for (const e of current.evidence) {
    seen.add(e.file.relPath);
    const old = was.get(e.file.relPath);
    if (old && old.sha256 === e.sha256) continue;
    out.push({ path: e.file.relPath, criterion: e.file.criterion, change: old ? 'changed' : 'added', firstSeen: e.firstSeen, round: roundOf(e.firstSeen) });
  }
  for (const f of snapshot.files) {
    if (!seen.has(f.path)) out.push({ path: f.path, criterion: f.criterion, change: 'removed', firstSeen: null, round: null });
  }
  if (current.report && current.report.sha256 !== snapshot.report?.sha256) {
    out.push({ path: current.report.path, criterion: null, change: snapshot.report ? 'changed' : 'added', firstSeen: current.report.firstSeen, round: roundOf(current.report.firstSeen) });
  }
  return out;
}

/** Findings for changes after a deadline: one per change, saying it is not counted. */
export function lateFindings(unit: string, round: Round, changes: FileChange[]): Finding[] {
  const seen = (c: FileChange) => (c.firstSeen ? `, lần đầu thấy lúc ${formatVietnamTime(c.firstSeen)}` : '');
  return changes.map((c) => ({
    rule: LATE_RULE, effect: 'info' as const, unit, ...(c.criterion ? { criterion: c.criterion } : {}), file: c.path,
    reason: c.change === 'removed'
      ? `Tệp ${c.path} bị xóa khỏi hồ sơ sau thời hạn ${round.name} (${round.untilText}); vẫn thẩm định theo nội dung đã có tại thời hạn.`
      : c.round && c.round !== round.name
        ? `${describeChange(c)} nộp trong ${c.round}${seen(c)}, sau thời hạn ${round.name} (${round.untilText}): chưa tính, sẽ được xét khi ${c.round} kết thúc.`
        : `${describeChange(c)} nộp sau thời hạn ${round.name} (${round.untilText})${seen(c)}; không được tính.`,
  }));
}

/** `Tệp units/STP/evidence/1.1.1/KH.pdf (thêm mới)`. */
export function describeChange(c: FileChange): string {
  switch (c.change) {
    case 'added':
      return `Tệp ${c.path} (thêm mới)`;
    case 'changed':
      return `Tệp ${c.path} (thay nội dung)`;
    case 'removed':
      return `Tệp ${c.path} (xóa)`;
    case 'report-row':
      return `Dòng tiêu chí ${c.criterion} của báo cáo tự đánh giá (sửa ${c.detail || 'nội dung'})`;
  }
}

/** `20/12/2021` from an ISO instant in Vietnam time, for short mentions. */
export function vietnamDay(instant: string): string {
  return formatDateVn(formatVietnamTime(instant).slice(0, 10));
}

export type { Snapshot };
