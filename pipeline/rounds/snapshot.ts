// A round's snapshot (ảnh chụp hồ sơ tại thời hạn): every report and evidence file of every unit as
// it stood at the round's deadline — path, size, SHA-256, when the pipeline first saw that content,
// and what was read from it — so the round is appraised on exactly that content even after the
// folder has moved on. Built from the first-seen index (pure); stored by snapshot-store.ts.
import type { Batch, Claim, Extraction, Finding } from '../model.js';
import type { Round } from './calendar.js';
import { contentAt, type FirstSeenIndex, type Sighting } from './first-seen.js';

export const SNAPSHOT_FORMAT = 'cchc-snapshot/1';

/** On what a file's presence at the deadline rests (see first-seen.ts contentAt). */
export type SeenBasis = 'first-seen' | 'mtime';

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
export function buildSnapshot(batch: Batch, round: Round, index: FirstSeenIndex, takenAt: Date): Snapshot {
  const deadline = new Date(round.until);
  const units: SnapshotUnit[] = batch.units.map((u) => ({ code: u.code, report: null, files: [] }));
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (const [p, history] of Object.entries(index.paths)) {
    const unit = byCode.get(history.unit);
    if (!unit) continue;
    const at = contentAt(index, history, deadline);
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

function reportOf(s: Sighting): Pick<SnapshotReport, 'claims' | 'findings'> {
  return s.content?.kind === 'report' ? { claims: s.content.claims, findings: s.content.findings } : { claims: null, findings: [] };
}

/** The snapshot's bytes: stable key order from construction, one line per unit for readable diffs. */
export function serialiseSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 1)}\n`;
}
