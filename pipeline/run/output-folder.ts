// Where a run may write: the output and cache folders are checked against the batch folder by their
// real paths (symlinks resolved, both ways) before anything is created, so no link can lead a run
// into writing inside its own input.
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';

/**
 * The real path `target` designates: its longest existing ancestor with links resolved, then the
 * components not created yet. Throws CchcError (exit 4) when an existing component is a file.
 * `label`: how the folder is named in messages (`Thư mục kết quả`, `Thư mục lưu kết quả đọc`).
 */
export async function realTarget(target: string, label: string): Promise<string> {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    const info = await lstat(existing).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw new CchcError(`Không tạo được ${label.toLowerCase()} ${absolute}: không truy cập được ${existing} (${describeFsError(error)}).`, ExitCode.Output);
    });
    if (info) break;
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
  const real = await realpath(existing).catch(() => existing);
  const kind = await stat(real).catch(() => null);
  if (kind && !kind.isDirectory()) {
    const what = existing === absolute ? 'đã có một tệp cùng tên' : `${existing} là một tệp, không phải thư mục`;
    throw new CchcError(`Không tạo được ${label.toLowerCase()} ${absolute}: ${what}.`, ExitCode.Output);
  }
  return path.join(real, ...missing);
}

/**
 * Refuse (exit 2) a folder the run would write to that lies inside the batch folder once links are
 * resolved, or that holds the batch folder (a run removes what it wrote there before: a batch
 * folder called `audit` below it would be emptied); exit 4 when it cannot be a folder at all.
 * Returns nothing: the run keeps using the path as given. Creates nothing.
 */
export async function checkWritableOutside(target: string, batchDir: string, label: string): Promise<void> {
  const real = await realTarget(target, label);
  const batchReal = await realpath(batchDir).catch(() => path.resolve(batchDir));
  if (isInside(real, batchReal)) {
    const shown = path.resolve(target);
    const via = real === shown ? '' : ` (qua liên kết: thực chất là ${real})`;
    throw new CchcError(
      `${label} ${shown}${via} nằm trong thư mục đợt thẩm định ${batchReal}: không được ghi vào thư mục đầu vào.`,
      ExitCode.Usage,
    );
  }
  // The other way round: a run replaces and removes what it wrote below its output folder (audit
  // pages, minutes), so a batch folder below it could lose its files to a later run.
  if (isInside(batchReal, real)) {
    throw new CchcError(
      `Thư mục đợt thẩm định ${batchReal} nằm trong ${label.toLowerCase()} ${path.resolve(target)}: lần chạy có thể ghi đè hoặc xóa tài liệu đầu vào; hãy chọn ${label.toLowerCase()} ở nơi khác, ngoài thư mục đợt thẩm định.`,
      ExitCode.Usage,
    );
  }
}

/** True when `child` is `parent` or below it (both absolute, already resolved). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
