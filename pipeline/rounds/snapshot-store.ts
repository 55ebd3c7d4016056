// Snapshots on disk: `<out>/snapshots/lan-<N>.json`, written once and never rewritten, with a
// `lan-<N>.json.sha256` beside it (sha256sum format) so anyone can check the file later. A batch may
// carry a round's snapshot itself (batch.yaml `rounds[].snapshot: { file, sha256 }`): a fresh checkout
// has no history of what was seen when, so the one taken at the deadline travels with the batch.
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';
import { parseJson } from '../util/json.js';
import { sha256Hex, tempPathFor, writeFlushed } from '../util/files.js';
import type { Round } from './calendar.js';
import { SNAPSHOT_FORMAT, type Snapshot, type StoredSnapshot } from './snapshot.js';

export const SNAPSHOT_DIR = 'snapshots';

/** `snapshots/lan-1.json`, relative to the output folder. */
export function snapshotRel(round: Pick<Round, 'index'>): string {
  return `${SNAPSHOT_DIR}/lan-${round.index}.json`;
}

export { sha256Hex } from '../util/files.js';

/**
 * Create `target` with `data` only if it does not exist: the bytes go to a temp file, are flushed,
 * then hard-linked to the target name, which fails when the name exists. A process killed at any
 * point leaves either no target or the whole one, and two writers can never both succeed.
 * Returns false when the target already existed (the caller reads that one).
 */
export async function writeOnce(target: string, data: string | Uint8Array): Promise<boolean> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  await writeFlushed(temp, data, 'wx');
  try {
    await link(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Temp files of a snapshot write killed before its link; the lock holder removes them. */
export async function removeSnapshotLeftovers(out: string): Promise<void> {
  const dir = path.join(out, SNAPSHOT_DIR);
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) {
    if (name.startsWith('.') && name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
  }
}

/**
 * Record a new snapshot in the output folder, once. When a snapshot of this round is already there
 * (another run got there first), that one is kept and returned: never two for one round.
 */
export async function storeSnapshot(out: string, round: Round, bytes: string): Promise<StoredSnapshot> {
  const file = path.join(out, snapshotRel(round));
  await writeOnce(file, bytes);
  const stored = await readStoredSnapshot(out, round);
  if (!stored) throw new CchcError(`Không ghi được ảnh chụp hồ sơ ${file}.`, ExitCode.Output);
  return stored;
}

/**
 * The snapshot of a round in the output folder, checked against the `.sha256` written with it;
 * null when there is none. A snapshot whose bytes no longer match stops the run (exit 3).
 */
export async function readStoredSnapshot(out: string, round: Round): Promise<StoredSnapshot | null> {
  const file = path.join(out, snapshotRel(round));
  if (!existsSync(file)) return null;
  const bytes = await readFile(file);
  const sha256 = sha256Hex(bytes);
  const sidecar = `${file}.sha256`;
  // A run killed between the two links leaves the snapshot without its sum: the sum is of these bytes.
  await writeOnce(sidecar, `${sha256}  ${path.basename(file)}\n`);
  const recorded = (await readFile(sidecar, 'utf8')).trim().split(/\s+/u)[0];
  if (recorded !== sha256) {
    throw new CchcError(
      `Ảnh chụp hồ sơ ${round.name} (${file}) đã bị sửa sau khi ghi: SHA-256 hiện tại ${sha256}, khi ghi ${recorded}. Không thể dùng để thẩm định.`,
    );
  }
  return { snapshot: parseSnapshot(bytes, file, round), sha256, file, origin: 'output' };
}

/** The snapshot a batch carries for a round, checked against the SHA-256 batch.yaml gives it. */
export async function readCarriedSnapshot(round: Round, rel: (file: string) => string): Promise<StoredSnapshot | null> {
  if (!round.snapshot) return null;
  const { file, sha256: expected } = round.snapshot;
  if (!existsSync(file)) {
    throw new CchcError(`Không tìm thấy ảnh chụp hồ sơ ${round.name} ${rel(file)} khai báo trong batch.yaml (rounds[${round.index - 1}].snapshot.file).`);
  }
  const bytes = await readFile(file);
  const sha256 = sha256Hex(bytes);
  if (sha256 !== expected) {
    throw new CchcError(
      `Ảnh chụp hồ sơ ${round.name} ${rel(file)} có SHA-256 ${sha256}, khác giá trị khai báo trong batch.yaml (rounds[${round.index - 1}].snapshot.sha256: ${expected}): tệp đã bị sửa hoặc không phải ảnh chụp của vòng này.`,
    );
  }
  return { snapshot: parseSnapshot(bytes, rel(file), round), sha256, file, origin: 'batch' };
}

function parseSnapshot(bytes: Uint8Array, label: string, round: Round): Snapshot {
  const parsed = parseJson(Buffer.from(bytes).toString('utf8'));
  if (!parsed.ok) throw new CchcError(`Ảnh chụp hồ sơ ${label} không đọc được (${parsed.problem}).`);
  const data = parsed.value as Snapshot;
  if (data?.format !== SNAPSHOT_FORMAT || !Array.isArray(data.units)) {
    throw new CchcError(`${label}: không phải ảnh chụp hồ sơ của cchc (format ${SNAPSHOT_FORMAT}).`);
  }
  if (data.round?.index !== round.index || data.round.until !== round.until) {
    throw new CchcError(
      `${label}: là ảnh chụp của vòng ${data.round?.name ?? '?'} (hạn ${data.round?.untilText ?? '?'}), không phải ${round.name} (hạn ${round.untilText}) theo batch.yaml.`,
    );
  }
  return data;
}
