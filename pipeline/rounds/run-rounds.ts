// The calendar inside a run: keep the first-seen history, make sure every closed round has its
// snapshot (carried by the batch, already in the output folder, or taken now, once), and appraise
// each closed round in turn on what its snapshot allows. The caller supplies the appraisal itself.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Batch, Finding, UnitResult } from '../model.js';
import type { RunLog } from '../run/run-log.js';
import { requestedCriteria } from '../documents/facts.js';
import { toPosix } from '../util/files.js';
import { formatVietnamTime, roundAt, roundsClosed, type Round } from './calendar.js';
import type { FirstSeenIndex } from './first-seen.js';
import {
  firstRoundInput, lateChanges, lateFindings, laterRoundInput, uncountedFiles, type CurrentUnit, type FileChange, type KeptReadings, type RoundUnitInput,
} from './round-plan.js';
import type { RoundResult, RoundUnitOutcome } from './round-result.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { buildSnapshot, deadlineUnestablished, historyBefore, serialiseSnapshot, type SnapshotUnit, type StoredSnapshot } from './snapshot.js';
import { readCarriedSnapshot, readStoredSnapshot, snapshotRel, storeSnapshot } from './snapshot-store.js';

/**
 * The snapshot of each closed round: the batch's own (checked against batch.yaml's SHA-256) first,
 * then the one in the output folder, else one taken now from the first-seen history and written once.
 */
export async function ensureSnapshots(
  batch: Batch, out: string, now: Date, index: FirstSeenIndex, log: RunLog, only?: Round, options: { acceptCurrent?: boolean } = {},
): Promise<Map<number, StoredSnapshot>> {
  const snapshots = new Map<number, StoredSnapshot>();
  const relBatch = (file: string) => toPosix(path.relative(batch.dir, file));
  for (const round of only ? [only] : roundsClosed(batch.rounds ?? [], now)) {
    const carried = await readCarriedSnapshot(round, relBatch);
    const stored = await readStoredSnapshot(out, round);
    if (carried) {
      if (stored && stored.sha256 !== carried.sha256) {
        log.info(`Lưu ý: thư mục kết quả có ảnh chụp ${round.name} khác (SHA-256 ${stored.sha256}); dùng ảnh chụp đợt thẩm định mang theo (${relBatch(carried.file)}, SHA-256 ${carried.sha256}).`);
      }
      snapshots.set(round.index, carried);
      continue;
    }
    if (stored) {
      snapshots.set(round.index, stored);
      continue;
    }
    const deleted = snapshotDeleted(out, round, batch.rounds ?? []);
    if (deleted) {
      throw new CchcError(
        `Ảnh chụp hồ sơ ${round.name} (${snapshotRel(round)}) không còn trong thư mục kết quả ${out}, trong khi ${deleted}: ảnh chụp này đã bị xóa. Hãy chép lại tệp ${snapshotRel(round)} và ${snapshotRel(round)}.sha256 từ bản sao lưu; không lập lại ảnh chụp của vòng đã qua, vì hồ sơ hiện nay có thể đã đổi sau thời hạn ${round.untilText}.`,
      );
    }
    if (options.acceptCurrent && historyBefore(index, round)) {
      throw new CchcError(
        `Không dùng được --accept-current cho ${round.name}: lịch sử "lần đầu thấy" của thư mục kết quả có từ ${formatVietnamTime(index.started)}, trước thời hạn ${round.untilText}; ảnh chụp được lập theo lịch sử đó (bỏ --accept-current).`,
        ExitCode.Usage,
      );
    }
    const snapshot = buildSnapshot(batch, round, index, now, options);
    if (deadlineUnestablished(batch, round, index, snapshot)) throw unestablished(batch, round, index);
    const taken = await storeSnapshot(out, round, serialiseSnapshot(snapshot));
    const mtimeOnly = snapshot.units.some((u) => u.report?.basis === 'mtime' || u.files.some((f) => f.basis === 'mtime'));
    const declared = snapshot.units.some((u) => u.report?.basis === 'declared' || u.files.some((f) => f.basis === 'declared'));
    log.info(`Đã chụp hồ sơ ${round.name} (hạn ${round.untilText}): ${toPosix(path.relative(out, taken.file))}, SHA-256 ${taken.sha256}.`);
    if (declared) {
      log.info(`Lưu ý: ảnh chụp ${round.name} lập theo hồ sơ hiện có trong thư mục đợt, do người chạy xác nhận đó là hồ sơ tại thời hạn (--accept-current); không có lịch sử nào trước thời hạn để đối chiếu.`);
    }
    if (mtimeOnly) {
      log.info(`Lưu ý: lịch sử "lần đầu thấy" chỉ bắt đầu từ ${formatVietnamTime(index.started)}, sau thời hạn ${round.name}; các tệp có trước đó được xác định theo thời gian sửa đổi tệp (mtime), chỉ mang tính tham khảo.`);
    }
    snapshots.set(round.index, taken);
  }
  return snapshots;
}

/**
 * Why `round`'s snapshot, missing from `out`, must have been there (a Vietnamese clause), or null:
 * its `.sha256` is still beside where it was, or a later round's snapshot exists (taken after it).
 */
function snapshotDeleted(out: string, round: Round, rounds: Round[]): string | null {
  if (existsSync(path.join(out, `${snapshotRel(round)}.sha256`))) return `tệp ${snapshotRel(round)}.sha256 ghi khi chụp vẫn còn`;
  const later = rounds.find((r) => r.index > round.index && existsSync(path.join(out, snapshotRel(r))));
  return later ? `ảnh chụp ${later.name} (${snapshotRel(later)}), chụp sau, vẫn còn` : null;
}

/**
 * The stop when a closed round's content cannot be established (see deadlineUnestablished): what
 * happened, and the four ways on, in Vietnamese.
 */
function unestablished(batch: Batch, round: Round, index: FirstSeenIndex): CchcError {
  const n = round.index;
  return new CchcError([
    `Không xác định được hồ sơ các đơn vị đã nộp đến thời hạn ${round.name} (${round.untilText}, giờ Việt Nam).`,
    `Chưa có ảnh chụp hồ sơ của vòng này; lịch sử "lần đầu thấy" của thư mục kết quả bắt đầu từ ${formatVietnamTime(index.started)}, sau thời hạn; và mọi tệp trong thư mục đợt đều có thời gian sửa đổi sau thời hạn (thư mục đợt có lẽ vừa được sao chép, ví dụ bằng cp -r hoặc git clone).`,
    'Không lập ảnh chụp rỗng (ảnh chụp chỉ ghi một lần, không sửa được) và không ghi kết quả nào. Cách làm tiếp, một trong các cách:',
    `  1. Mang theo ảnh chụp đã lập trên máy cũ: chép tệp snapshots/lan-${n}.json vào thư mục đợt và khai báo trong batch.yaml, ở vòng ${round.name}: snapshot: { file: snapshots/lan-${n}.json, sha256: <SHA-256 trong tệp lan-${n}.json.sha256> }.`,
    '  2. Chạy với --out là thư mục kết quả cũ (có .history/first-seen.json) hoặc một bản sao của nó.',
    '  3. Sao chép lại thư mục đợt mà giữ nguyên thời gian sửa đổi tệp (cp -a, rsync -a), vào một thư mục kết quả mới.',
    `  4. Nếu chắc chắn hồ sơ hiện có đúng là hồ sơ tại thời hạn: cchc snapshot ${batch.dir} --round ${n} --accept-current --out <thư mục kết quả> (ảnh chụp ghi rõ là do người chạy xác nhận), rồi chạy lại cchc run.`,
  ].join('\n'), ExitCode.RoundUnestablished);
}

export interface RoundsOutcome {
  /** The last closed round's unit results, ranked. */
  units: UnitResult[];
  rounds: RoundResult[];
}

/**
 * Appraise every closed round in calendar order. `appraise` turns one round's inputs (one per unit of
 * the batch) into ranked unit results. Changes after the last closed deadline are findings on the
 * final results; rounds still open or to come are listed without outcome. `kept`: readings, by
 * SHA-256, of snapshot contents no longer in the folder (see round-plan.ts KeptReadings).
 */
export function appraiseRounds(
  batch: Batch, now: Date, out: string, snapshots: Map<number, StoredSnapshot>, current: Map<string, CurrentUnit>,
  appraise: (inputs: Map<string, RoundUnitInput>) => UnitResult[], kept: KeptReadings = new Map(),
): RoundsOutcome {
  const rounds = batch.rounds ?? [];
  const closed = roundsClosed(rounds, now);
  const results: RoundResult[] = [];
  let previous: { inputs: Map<string, RoundUnitInput>; units: UnitResult[]; snapshot: Map<string, SnapshotUnit> } | null = null;
  const roundOf = (firstSeen: string | null) => (firstSeen ? (roundAt(rounds, new Date(firstSeen))?.name ?? null) : null);

  for (const round of closed) {
    const stored = snapshots.get(round.index)!;
    const byUnit = new Map(stored.snapshot.units.map((u) => [u.code, u]));
    const last = round === closed[closed.length - 1];
    const inputs = new Map<string, RoundUnitInput>();
    const requestedBy = new Map<string, string[]>();
    for (const unit of batch.units) {
      const snap = byUnit.get(unit.code) ?? { code: unit.code, report: null, files: [] };
      const now_ = current.get(unit.code);
      let input: RoundUnitInput;
      if (!previous) {
        input = firstRoundInput(batch.dir, snap, now_, round, kept);
      } else {
        const before = previous.snapshot.get(unit.code) ?? { code: unit.code, report: null, files: [] };
        const prior = previous.inputs.get(unit.code)!;
        const priorResult = previous.units.find((u) => u.code === unit.code);
        const requested = round.scope === 'all' ? null : new Set(priorResult ? requestedCriteria(priorResult).map((c) => c.code) : []);
        requestedBy.set(unit.code, requested ? [...requested] : []);
        input = laterRoundInput(batch.dir, prior, before, snap, now_, round, rounds, requested, kept);
      }
      if (last && now_) {
        const late = lateChanges(snap, now_, roundOf);
        const findings = [...input.findings, ...lateFindings(unit.code, round, late)];
        input = { ...input, late, findings, uncounted: uncountedFiles({ ...input, late }, round) };
      }
      inputs.set(unit.code, input);
    }
    const units = appraise(inputs);
    const outcome = (u: UnitResult): RoundUnitOutcome => {
      const input = inputs.get(u.code)!;
      return {
        code: u.code, appraisedTotal: u.appraisedTotal, index: u.index, rating: u.rating, rank: u.rank,
        requested: requestedBy.get(u.code) ?? [], applied: input.applied, outOfScope: input.outOfScope, late: input.late,
      };
    };
    const ref = stored.origin === 'batch' ? toPosix(path.relative(batch.dir, stored.file)) : toPosix(path.relative(out, stored.file));
    results.push({
      ...roundHead(round), status: 'closed',
      snapshot: { file: ref, sha256: stored.sha256, takenAt: stored.snapshot.takenAt, historySince: stored.snapshot.historySince, origin: stored.origin },
      units: units.map(outcome),
      ...(last ? {} : { results: units }),
    });
    previous = { inputs, units, snapshot: byUnit };
  }
  for (const round of rounds.slice(closed.length)) {
    const open = roundAt(rounds, now)?.index === round.index;
    results.push({ ...roundHead(round), status: open ? 'open' : 'upcoming', units: [] });
  }
  return { units: previous?.units ?? [], rounds: results };
}

function roundHead(round: Round): Omit<RoundResult, 'status' | 'units'> {
  return {
    index: round.index, name: round.name, until: round.until, untilText: round.untilText,
    ...(round.fromText ? { fromText: round.fromText } : {}), scope: round.scope,
    ...(round.meetingDate ? { meetingDate: round.meetingDate } : {}),
  };
}

export { describeRounds } from './describe-rounds.js';

export type { FileChange, Finding };
