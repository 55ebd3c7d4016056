// What results.json says about the calendar: every round, its snapshot (file and SHA-256), and per
// unit what was counted, what came in after the deadline and what fell outside a round's scope.
import type { UnitResult } from '../model.js';
import type { RoundScope } from './calendar.js';
import type { FileChange } from './round-plan.js';

export interface RoundSnapshotRef {
  /** Where the snapshot is: relative to the batch folder (`origin: batch`) or the output folder. */
  file: string;
  /** SHA-256 of the snapshot file's bytes: `sha256sum` of the file gives the same. */
  sha256: string;
  takenAt: string;
  historySince: string;
  origin: 'batch' | 'output';
}

export interface RoundUnitOutcome {
  code: string;
  appraisedTotal: number;
  index: number;
  rating: string;
  rank: number | null;
  /** Criteria the previous round's minutes asked to supplement or explain (later rounds, scope `requested`). */
  requested: string[];
  /** Changes counted in this round (supplements). */
  applied: FileChange[];
  /** Changes in this round outside its scope or window: not counted. */
  outOfScope: FileChange[];
  /** Changes after this round's deadline (the last closed round only): "nộp sau thời hạn", not counted. */
  late: FileChange[];
}

export interface RoundResult {
  index: number;
  name: string;
  /** UTC instant. */
  until: string;
  /** As written in batch.yaml, Vietnam time. */
  untilText: string;
  fromText?: string;
  scope: RoundScope | null;
  meetingDate?: string;
  /** `closed`: deadline passed, appraised on its snapshot; `open`: the current window; `upcoming`. */
  status: 'closed' | 'open' | 'upcoming';
  snapshot?: RoundSnapshotRef;
  units: RoundUnitOutcome[];
  /** Full unit results of a closed round that is not the last closed one (its minutes are rendered from them). */
  results?: UnitResult[];
}
