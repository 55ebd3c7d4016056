// A round's snapshot (ảnh chụp hồ sơ tại thời hạn): every report and evidence file of every unit as
// it stood at the round's deadline — path, size, SHA-256, when the pipeline first saw that content,
// and what was read from it — so the round is appraised on exactly that content even after the
// folder has moved on. Built from the first-seen index (pure); stored by snapshot-store.ts.
import type { Batch, Claim, Extraction, Finding } from '../model.js';
import type { Round } from './calendar.js';
import { contentAt, type FirstSeenIndex, type Sighting } from './first-seen.js';

export const SNAPSHOT_FORMAT = 'cchc-snapshot/1';

/**
 * On what a file's presence at the deadline rests (see first-seen.ts contentAt): `first-seen` a run
 * saw it before the deadline; `mtime` no history before the deadline, the file's own time is before
 * it; `declared` no history before the deadline and the person taking the snapshot declared the
 * folder as it is to be what was there (`cchc snapshot --accept-current`).
 */
export type SeenBasis = 'first-seen' | 'mtime' | 'declared';

export interface SnapshotFile {
  /** Relative to the batch folder, `/`-separated. */
  path: string;
  criterion: string;
  size: number;
  sha256: string;
  firstSeen: string;
  basis: SeenBasis;
  reading: Omit<Extraction, 'file'> | null;
}

export interface SnapshotReport {
  path: string;
  size: number;
  sha256: string;
  firstSeen: string;
  basis: SeenBasis;
  claims: Claim[] | null;
  findings: Finding[];
}

export interface SnapshotUnit {
  code: string;
  report: SnapshotReport | null;
  files: SnapshotFile[];
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  province: string;
  year: number;
  round: { index: number; name: string; until: string; untilText: string };
  /** When the snapshot was taken (UTC). */
  takenAt: string;
  /** When the first-seen history it rests on began. */
  historySince: string;
  units: SnapshotUnit[];
}

/** A snapshot as read back: its content, its file's SHA-256, where it is and where it came from. */
export interface StoredSnapshot {
  snapshot: Snapshot;
  sha256: string;
  /** Absolute path. */
  file: string;
  /** `batch`: carried by the batch (batch.yaml rounds[].snapshot); `output`: taken into the output folder. */
  origin: 'batch' | 'output';
}

/**
 * The snapshot of `round` from the first-seen index (pure). Every unit of the batch is listed, with
 * the report and the evidence files it had just before the deadline; content whose reading the
 * index no longer holds gets `reading: null` (the appraisal sends it to the council).
 */
export function buildSnapshot(batch: Batch, round: Round, index: FirstSeenIndex, takenAt: Date, options: { acceptCurrent?: boolean } = {}): Snapshot {
  const deadline = new Date(round.until);
  const declare = options.acceptCurrent === true && !historyBefore(index, round);
  const units: SnapshotUnit[] = batch.units.map((u) => ({ code: u.code, report: null, files: [] }));
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (const [p, history] of Object.entries(index.paths)) {
    const unit = byCode.get(history.unit);
    if (!unit) continue;
    const current = history.sightings[history.sightings.length - 1];
    const at = contentAt(index, history, deadline)
      ?? (declare && current?.sha256 ? { sighting: current, basis: 'declared' as const } : null);
    if (!at) continue;
    const { sighting, basis } = at;
    const base = { path: p, size: sighting.size, sha256: sighting.sha256!, firstSeen: sighting.firstSeen, basis };
    if (sighting.content?.kind === 'report' || (!history.criterion && !sighting.content)) {
      unit.report = { ...base, ...reportOf(sighting) };
    } else if (history.criterion) {
      unit.files.push({ ...base, criterion: history.criterion, reading: sighting.content?.kind === 'evidence' ? sighting.content.reading : null });
    }
  }
  for (const u of units) u.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    format: SNAPSHOT_FORMAT,
    province: batch.province,
    year: batch.year,
    round: { index: round.index, name: round.name, until: round.until, untilText: round.untilText },
    takenAt: takenAt.toISOString(),
    historySince: index.started,
    units,
  };
}

/** True when the first-seen history began before the round's deadline (a run saw the folder while it was open). */
export function historyBefore(index: FirstSeenIndex, round: Round): boolean {
  return new Date(index.started).getTime() < new Date(round.until).getTime();
}

/**
 * True when what the units had filed at `round`'s deadline cannot be established: the history began
 * after the deadline (no run saw the folder while it was open), files are there now, and not one has
 * a modification time before the deadline — a folder copied afresh (`cp -r`, `git clone`), whose
 * snapshot would say "nothing was filed" and, written once, would say it for ever. Pure.
 */
export function deadlineUnestablished(batch: Batch, round: Round, index: FirstSeenIndex, snapshot: Snapshot): boolean {
  if (historyBefore(index, round)) return false;
  if (snapshot.units.some((u) => u.report || u.files.length > 0)) return false;
  const units = new Set(batch.units.map((u) => u.code));
  return Object.values(index.paths).some((h) => units.has(h.unit) && (h.sightings[h.sightings.length - 1]?.sha256 ?? null) !== null);
}

function reportOf(s: Sighting): Pick<SnapshotReport, 'claims' | 'findings'> {
  return s.content?.kind === 'report' ? { claims: s.content.claims, findings: s.content.findings } : { claims: null, findings: [] };
}

/** The snapshot's bytes: stable key order from construction, one line per unit for readable diffs. */
export function serialiseSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 1)}\n`;
}
