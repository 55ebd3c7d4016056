// Which batch an output folder holds. A run into a folder that holds another batch's results would
// replace its minutes and decision and compare two batches as one ("STP tổng điểm 95.74 → 73.5"), so
// it is refused unless the user asks for it (`cchc run --replace-out`).
//
// Identity, not path: a batch folder may be moved or copied (to a new disk, a USB drive) and stay the
// same batch, so the folder's path is not what names it. A batch is named by what batch.yaml says
// and results.json repeats: the province, the assessed year and each group's framework. Two batches
// agreeing on those but with no unit in common are still two batches (a test batch of other units).
// Units added or removed between nights (a normal change, listed in changes.json) keep the identity.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_FILES } from '../documents/context.js';
import type { Batch } from '../model.js';
import { FIRST_SEEN_FILE } from '../rounds/first-seen.js';
import { SNAPSHOT_DIR } from '../rounds/snapshot-store.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { nfc } from '../util/text.js';

/** What names a batch: province, year, `group=framework` pairs (sorted), unit codes (sorted), title. */
export interface BatchIdentity {
  province: string;
  year: number;
  frameworks: string[];
  units: string[];
  title: string | null;
}

/** The identity of the batch being run (batch.yaml as loaded). */
export function identityOfBatch(batch: Batch): BatchIdentity {
  return {
    province: nfc(batch.province),
    year: batch.year,
    frameworks: batch.groups.map((g) => `${g.code}=${nfc(g.framework)}`).sort(),
    units: batch.units.map((u) => u.code).sort(),
    title: batch.title ?? null,
  };
}

/**
 * The identity of the batch whose results.json this is (parsed JSON), or null when it does not have
 * the fields (not cchc's results, or damaged: the run then says it cannot compare, as before).
 */
export function identityOfResults(value: unknown): BatchIdentity | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as { province?: unknown; year?: unknown; groups?: unknown; units?: unknown; title?: unknown };
  if (typeof r.province !== 'string' || typeof r.year !== 'number' || !Array.isArray(r.groups) || !Array.isArray(r.units)) return null;
  const groups = r.groups as Array<{ code?: unknown; framework?: unknown }>;
  if (!groups.every((g) => typeof g?.code === 'string' && typeof g.framework === 'string')) return null;
  return {
    province: nfc(r.province),
    year: r.year,
    frameworks: groups.map((g) => `${String(g.code)}=${nfc(String(g.framework))}`).sort(),
    units: (r.units as Array<{ code?: unknown }>).map((u) => String(u?.code ?? '')).filter(Boolean).sort(),
    title: typeof r.title === 'string' ? r.title : null,
  };
}

/**
 * True when `held` (the folder's results) and `asked` (the batch run) are one batch: same province
 * (case and Unicode form aside), year and group frameworks, and at least one unit in common when
 * both have units. Pure.
 */
export function sameBatch(held: BatchIdentity, asked: BatchIdentity): boolean {
  const province = (id: BatchIdentity) => nfc(id.province).toLocaleLowerCase('vi');
  if (province(held) !== province(asked) || held.year !== asked.year) return false;
  if (held.frameworks.join('\n') !== asked.frameworks.join('\n')) return false;
  if (held.units.length === 0 || asked.units.length === 0) return true;
  const units = new Set(held.units);
  return asked.units.some((code) => units.has(code));
}

/** A batch in one Vietnamese phrase: `"<title>" (tỉnh …, năm …, bộ chỉ số …; N đơn vị: A, B, C…)`. */
export function describeBatch(id: BatchIdentity): string {
  const frameworks = [...new Set(id.frameworks.map((f) => f.slice(f.indexOf('=') + 1)))].join(', ');
  const units = `${id.units.length} đơn vị${id.units.length > 0 ? `: ${id.units.slice(0, 5).join(', ')}${id.units.length > 5 ? ', …' : ''}` : ''}`;
  return `${id.title ? `"${id.title}" ` : ''}(tỉnh ${id.province}, năm ${id.year}, bộ chỉ số ${frameworks}; ${units})`;
}

/** The identity of the batch whose results.json is in `out`; null when there is none or it cannot be read. */
export async function heldBatch(out: string): Promise<BatchIdentity | null> {
  try {
    return identityOfResults(JSON.parse(await readFile(path.join(out, OUTPUT_FILES.results), 'utf8')));
  } catch {
    return null;
  }
}

/**
 * Refuse (CchcError, exit 2: a usage problem, as an output folder holding the batch folder is) a run
 * of `batch` into `out` when `out` holds another batch's results, unless `replace` (`--replace-out`).
 * Reads only `out/results.json`; writes nothing. Returns the other batch's identity when it is
 * replaced (the run then does not compare with it), null when the folder holds this batch, no
 * results, or results it cannot read (the run says so as before).
 */
export async function checkSameBatch(out: string, batch: Batch, replace: boolean): Promise<BatchIdentity | null> {
  const held = await heldBatch(out);
  const asked = identityOfBatch(batch);
  if (!held || sameBatch(held, asked)) return null;
  if (replace) return held;
  throw new CchcError(
    `Thư mục kết quả ${out} đang chứa kết quả của một đợt thẩm định khác: ${describeBatch(held)}. ` +
      `Đợt được yêu cầu (${batch.dir}) là ${describeBatch(asked)}. ` +
      'Chạy vào đây sẽ thay biên bản, quyết định của đợt kia và so sánh hai đợt khác nhau như một nên lần chạy dừng lại, không ghi gì. ' +
      'Hãy chọn thư mục kết quả khác (--out), hoặc chạy `cchc run` với --replace-out nếu thật sự muốn thay kết quả của đợt kia bằng kết quả của đợt này.',
    ExitCode.Usage,
  );
}

/**
 * With `--replace-out`, what the other batch's history was in `out` (`.history/`: when each file was
 * first seen; `snapshots/`: its rounds' snapshots) would be taken for this batch's: a round's
 * snapshot of the other batch would decide this batch's round. They are renamed (atomic, nothing
 * deleted) into `<out>/dot-khac-<YYYYMMDD-HHMMSS>/` (Vietnam time), under their own names, so a person
 * can put them back. Returns that folder (relative) when anything was moved, else null.
 */
export async function setAsideOtherHistory(out: string, now: Date): Promise<string | null> {
  const vn = new Date(now.getTime() + 7 * 3_600_000).toISOString();
  let folder = `dot-khac-${vn.slice(0, 10).replaceAll('-', '')}-${vn.slice(11, 19).replaceAll(':', '')}`;
  for (let n = 2; existsSync(path.join(out, folder)); n++) folder = `${folder.replace(/-\d+$/u, '')}-${n}`;
  let moved = false;
  for (const name of [path.posix.dirname(FIRST_SEEN_FILE), SNAPSHOT_DIR]) {
    if (!existsSync(path.join(out, name))) continue;
    await mkdir(path.join(out, folder), { recursive: true });
    await rename(path.join(out, name), path.join(out, folder, name));
    moved = true;
  }
  return moved ? folder : null;
}
