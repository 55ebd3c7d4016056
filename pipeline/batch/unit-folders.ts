// Which folder under units/ holds each unit's file: named by its code as documented, or as people
// name them (the code in another case, the unit's name "Xã Hòa An", "STP - Sở Tư pháp"). Every
// folder the run does not use is listed, so nothing a unit sent is passed over in silence.
import { existsSync } from 'node:fs';
import { access, lstat, readdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import type { Batch, Finding } from '../model.js';
import { CchcError } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { foldVietnamese, nfc } from '../util/text.js';

export const UNIT_FOLDER_RULE = 'unit-folder';

export interface UnitFolders {
  /** Unit code → absolute folder path, for units whose folder was found. */
  dirs: Map<string, string>;
  /** Unit-level guesses (`unit` set) and batch-level unused folders (`unit` empty). */
  findings: Finding[];
}

/**
 * The batch's `units/` folder must be there and readable: without it no unit can be appraised, and a
 * run that published "nobody" with exit 0 would look like a finished appraisal (exit 3 instead, naming
 * the folder). An empty `units/` is a batch nobody has uploaded to yet: that runs.
 */
export async function checkUnitsFolder(batch: Batch): Promise<void> {
  const root = path.join(batch.dir, 'units');
  const info = await lstat(root).catch((error: unknown) => error as NodeJS.ErrnoException);
  let why: string | null = null;
  if (info instanceof Error) why = info.code === 'ENOENT' ? 'không tồn tại' : describeFsError(info);
  else if (info.isSymbolicLink()) why = 'là liên kết (symlink), không được theo';
  else if (!info.isDirectory()) why = 'không phải thư mục';
  else why = await access(root, constants.R_OK | constants.X_OK).then(() => null, (error: unknown) => describeFsError(error));
  if (why) {
    throw new CchcError(`Thư mục hồ sơ các đơn vị ${root} ${why}: không đơn vị nào thẩm định được. `
      + 'Mỗi đơn vị cần một thư mục units/<mã đơn vị>/ có báo cáo tự đánh giá và tài liệu kiểm chứng (xem README, "Định dạng đợt thẩm định").');
  }
}

const key = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]+/gu, ' ').trim();

/**
 * Match the entries of `<batch>/units/` to the batch's units: the exact code first, then the code
 * folded (case, diacritics), then the folder named by the unit's name, or beginning with its code
 * or ending with its name (`STP - Sở Tư pháp`). A folder serves one unit.
 */
export async function matchUnitFolders(batch: Batch): Promise<UnitFolders> {
  const root = path.join(batch.dir, 'units');
  const dirs = new Map<string, string>();
  const findings: Finding[] = [];
  if (!existsSync(root)) return { dirs, findings };
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    return { dirs, findings };
  }
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort((a, b) => a.localeCompare(b));
  const used = new Set<string>();
  const tests: Array<(folder: string, unit: Batch['units'][number]) => boolean> = [
    (f, u) => nfc(f) === u.code,
    (f, u) => key(f) === key(u.code),
    (f, u) => key(f) === key(u.name),
    (f, u) => {
      const k = key(f);
      return k.startsWith(`${key(u.code)} `) || (key(u.name).length >= 6 && k.endsWith(` ${key(u.name)}`));
    },
  ];
  for (const [level, test] of tests.entries()) {
    for (const unit of batch.units) {
      if (dirs.has(unit.code)) continue;
      const hits = folders.filter((f) => !used.has(f) && test(f, unit));
      if (hits.length !== 1) continue;
      const folder = hits[0]!;
      used.add(folder);
      dirs.set(unit.code, path.join(root, folder));
      if (level > 0) {
        findings.push({
          rule: UNIT_FOLDER_RULE, effect: 'info', unit: unit.code, file: `units/${nfc(folder)}`,
          reason: `Thư mục units/${nfc(folder)} được hiểu là hồ sơ của đơn vị ${unit.code} (${unit.name}); theo quy ước, thư mục nên mang mã đơn vị: units/${unit.code}.`,
        });
      }
    }
  }
  for (const folder of folders.filter((f) => !used.has(f))) {
    // A second folder for a unit that has one already (`units/stp` beside `units/STP`): say whose it is.
    const twin = batch.units.find((u) => dirs.has(u.code) && tests.some((test) => test(folder, u)));
    if (twin) {
      const own = path.basename(dirs.get(twin.code)!);
      findings.push({
        rule: UNIT_FOLDER_RULE, effect: 'info', unit: twin.code, file: `units/${nfc(folder)}`,
        reason: `Thư mục units/${nfc(folder)} cũng mang mã hoặc tên của đơn vị ${twin.code} (${twin.name}), nhưng hồ sơ của đơn vị được lấy từ thư mục units/${nfc(own)}: tài liệu trong units/${nfc(folder)} không được thẩm định. Cần chuyển tài liệu vào units/${nfc(own)} hoặc xóa thư mục thừa.`,
      });
      continue;
    }
    findings.push({
      rule: UNIT_FOLDER_RULE, effect: 'info', unit: '', file: `units/${nfc(folder)}`,
      reason: `Thư mục units/${nfc(folder)} không ứng với đơn vị nào trong batch.yaml (theo mã hoặc tên đơn vị): hồ sơ trong thư mục này không được thẩm định. Cần bổ sung đơn vị vào batch.yaml hoặc đổi tên thư mục theo mã đơn vị.`,
    });
  }
  for (const e of entries.filter((x) => !x.isDirectory() && !x.name.startsWith('.'))) {
    findings.push({
      rule: UNIT_FOLDER_RULE, effect: 'info', unit: '', file: `units/${nfc(e.name)}`,
      reason: `Tệp units/${nfc(e.name)} nằm trực tiếp trong thư mục units/, không thuộc đơn vị nào: tệp không được xem xét.`,
    });
  }
  return { dirs, findings };
}
