// What changed since the last completed run: new and resolved findings, changed appraised scores,
// evidence files added, changed or removed, per unit. Pure: two results in, a comparison out.
import type { BatchResult, Finding, UnitResult } from '../model.js';
import { roundScore } from '../util/text.js';

export interface FindingChange {
  rule: string;
  criterion: string | null;
  file: string | null;
  reason: string;
}

export interface ScoreChange {
  criterion: string;
  before: number;
  after: number;
}

export interface UnitChanges {
  unit: string;
  name: string;
  /** The unit is new in this run (no previous result). */
  added: boolean;
  /**
   * Present (true) when the unit was appraised in the previous run and cannot be now (its report
   * unreadable, its folder gone…: see its new findings). Its earlier findings and scores are then
   * not listed as resolved or changed: nothing was appraised to resolve or change them.
   */
  notAppraised?: true;
  totalBefore: number | null;
  totalAfter: number | null;
  rankBefore: number | null;
  rankAfter: number | null;
  ratingBefore: string | null;
  ratingAfter: string;
  newFindings: FindingChange[];
  resolvedFindings: FindingChange[];
  scoreChanges: ScoreChange[];
  evidenceAdded: string[];
  evidenceChanged: string[];
  evidenceRemoved: string[];
  /**
   * With a calendar: the round the unit's results belong to (the last closed round, or the one open
   * when none has closed) and, per file added, changed, removed or late, the round in whose window
   * that happened (null: after the last deadline or between windows).
   */
  round?: string | null;
  evidenceRounds?: Record<string, string | null>;
}

/** What the calendar says about a run's changes (see pipeline/rounds). */
export interface ChangeRounds {
  /** The round the results belong to. */
  round: string | null;
  /** The round in whose window the current content of a file was first seen (a removed file: its removal). */
  roundOfFile(relPath: string): string | null;
  /**
   * The unit's folder changes first seen by this run (from the first-seen history), whatever round
   * they count in or none: a file added after the last deadline is still a file added to the folder.
   * Relative paths, `/`-separated.
   */
  folderChanges?(unit: string): FolderChanges;
}

/** Files of a unit's folder added, changed (new content) or removed since the previous run. */
export interface FolderChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface BatchChanges {
  /** False on the first run into an output folder: everything is new, nothing is listed. */
  hasPrevious: boolean;
  /**
   * Why there is no previous run to compare with although the folder had one (its results.json
   * lost or damaged), in Vietnamese; absent on a true first run.
   */
  previousProblem?: string;
  unitsRemoved: string[];
  /** Only units where something changed. */
  units: UnitChanges[];
}

/**
 * What a run finds when the previous run's results are its own (a quiet night after it): nothing
 * changed, nothing listed. A folder change first seen by that run is no change the night after.
 */
export function nothingChanged(): BatchChanges {
  return { hasPrevious: true, unitsRemoved: [], units: [] };
}

export function compareResults(previous: BatchResult | null, current: BatchResult, rounds?: ChangeRounds): BatchChanges {
  if (!previous) return { hasPrevious: false, unitsRemoved: [], units: [] };
  const before = new Map(previous.units.map((u) => [u.code, u]));
  const units: UnitChanges[] = [];
  for (const unit of current.units) {
    const change = compareUnit(before.get(unit.code) ?? null, unit, rounds?.folderChanges?.(unit.code));
    if (change && rounds) {
      const files = [...change.evidenceAdded, ...change.evidenceChanged, ...change.evidenceRemoved, ...change.newFindings.filter((f) => f.rule === 'late-submission' || f.rule === 'out-of-scope-change').map((f) => f.file)];
      change.round = rounds.round;
      change.evidenceRounds = Object.fromEntries(files.filter((f): f is string => !!f).map((f) => [f, rounds.roundOfFile(f)]));
    }
    if (change) units.push(change);
  }
  const now = new Set(current.units.map((u) => u.code));
  return { hasPrevious: true, unitsRemoved: previous.units.map((u) => u.code).filter((c) => !now.has(c)), units };
}

/**
 * What changed in one unit. The evidence lists compare the appraised evidence of the two results and,
 * with a calendar (`folder`), add the folder's own changes: with rounds the appraised evidence is the
 * content at the deadline, so a file added, replaced or removed after it changes the folder only.
 */
function compareUnit(before: UnitResult | null, after: UnitResult, folder?: FolderChanges): UnitChanges | null {
  const findingsBefore = keyed(before ? allFindings(before) : []);
  const findingsAfter = keyed(allFindings(after));
  const scoresBefore = new Map((before?.criteria ?? []).filter((c) => c.leaf).map((c) => [c.code, c.appraised]));
  const evidenceBefore = new Map((before?.evidence ?? []).map((e) => [e.file, e.sha256]));
  const evidenceAfter = new Map(after.evidence.map((e) => [e.file, e.sha256]));

  // Appraised before, not now: what the last appraisal found is not "resolved", it is not looked at.
  const lost = before?.status === 'ok' && after.status !== 'ok';
  const change: UnitChanges = {
    unit: after.code,
    name: after.name,
    added: before === null,
    ...(lost ? { notAppraised: true as const } : {}),
    // results.json has no total for a unit that could not be appraised.
    totalBefore: before && before.status === 'ok' ? before.appraisedTotal : null,
    totalAfter: after.status === 'ok' ? after.appraisedTotal : null,
    rankBefore: before?.rank ?? null,
    rankAfter: after.rank,
    ratingBefore: before?.rating ?? null,
    ratingAfter: after.rating,
    newFindings: [...findingsAfter].filter(([k]) => !findingsBefore.has(k)).map(([, f]) => f),
    resolvedFindings: lost ? [] : [...findingsBefore].filter(([k]) => !findingsAfter.has(k)).map(([, f]) => f),
    scoreChanges: lost ? [] : after.criteria
      .filter((c) => c.leaf && scoresBefore.has(c.code) && roundScore(scoresBefore.get(c.code)!) !== roundScore(c.appraised))
      .map((c) => ({ criterion: c.code, before: scoresBefore.get(c.code)!, after: c.appraised })),
    evidenceAdded: union([...evidenceAfter.keys()].filter((f) => !evidenceBefore.has(f)), folder?.added),
    evidenceChanged: union([...evidenceAfter].filter(([f, h]) => evidenceBefore.has(f) && evidenceBefore.get(f) !== h).map(([f]) => f), folder?.changed),
    evidenceRemoved: union([...evidenceBefore.keys()].filter((f) => !evidenceAfter.has(f)), folder?.removed),
  };
  const changed =
    change.added ||
    change.totalBefore !== change.totalAfter ||
    change.rankBefore !== change.rankAfter ||
    change.ratingBefore !== change.ratingAfter ||
    change.newFindings.length + change.resolvedFindings.length + change.scoreChanges.length > 0 ||
    change.evidenceAdded.length + change.evidenceChanged.length + change.evidenceRemoved.length > 0;
  return changed ? change : null;
}

/** `a` then what `b` adds, each path once, sorted. */
function union(a: string[], b: readonly string[] | undefined): string[] {
  return b && b.length > 0 ? [...new Set([...a, ...b])].sort() : a;
}

function allFindings(unit: UnitResult): Finding[] {
  return [...unit.findings, ...unit.criteria.flatMap((c) => c.findings)];
}

function keyed(findings: Finding[]): Map<string, FindingChange> {
  const out = new Map<string, FindingChange>();
  for (const f of findings) {
    const change = { rule: f.rule, criterion: f.criterion ?? null, file: f.file ?? null, reason: f.reason };
    out.set(JSON.stringify([change.rule, change.criterion, change.file, change.reason]), change);
  }
  return out;
}

/** changes.json's bytes: the comparison as indented JSON, one final newline. */
export function changesText(changes: BatchChanges): string {
  return `${JSON.stringify(changes, null, 2)}\n`;
}

/** A few Vietnamese lines for the printed summary. */
export function describeChanges(changes: BatchChanges): string[] {
  if (!changes.hasPrevious && changes.previousProblem) return [`  Thay đổi so với lần chạy trước: không so sánh được (${changes.previousProblem}); mọi đơn vị được coi là mới`];
  if (!changes.hasPrevious) return ['  Thay đổi so với lần chạy trước: (lần chạy đầu tiên vào thư mục kết quả này)'];
  if (changes.units.length === 0 && changes.unitsRemoved.length === 0) return ['  Thay đổi so với lần chạy trước: không có'];
  const lines = ['  Thay đổi so với lần chạy trước:'];
  for (const u of changes.units) {
    const parts: string[] = [];
    if (u.added) parts.push('đơn vị mới');
    if (u.notAppraised) parts.push('không thẩm định được lần này (xem phát hiện mới), kết quả lần trước không còn áp dụng');
    if (u.totalBefore !== null && u.totalAfter !== null && u.totalBefore !== u.totalAfter) parts.push(`tổng điểm ${u.totalBefore} → ${u.totalAfter}`);
    if (u.rankBefore !== u.rankAfter && !u.added) parts.push(`hạng ${u.rankBefore ?? '-'} → ${u.rankAfter ?? '-'}`);
    if (u.newFindings.length) parts.push(`${u.newFindings.length} phát hiện mới`);
    if (u.resolvedFindings.length) parts.push(`${u.resolvedFindings.length} phát hiện đã khắc phục`);
    if (u.scoreChanges.length) parts.push(`${u.scoreChanges.length} tiêu chí đổi điểm`);
    const files = [
      u.evidenceAdded.length ? `${u.evidenceAdded.length} thêm` : '',
      u.evidenceChanged.length ? `${u.evidenceChanged.length} sửa` : '',
      u.evidenceRemoved.length ? `${u.evidenceRemoved.length} xóa` : '',
    ].filter(Boolean);
    if (files.length && !u.added) parts.push(`tài liệu: ${files.join(', ')}`);
    lines.push(`    ${u.unit.padEnd(10)} ${parts.join('; ')}`);
  }
  for (const code of changes.unitsRemoved) lines.push(`    ${code.padEnd(10)} không còn trong đợt thẩm định`);
  return lines;
}
