// Where a worker finds the run's files when it mounts the batch folders elsewhere
// (`cchc worker --path-map /srv/batch=/mnt/batch`): the job carries the path on the run's machine;
// the worker replaces the longest matching folder prefix. The file's SHA-256 is still checked
// against the job's, so a map pointing at the wrong folder refuses content instead of reading it.
import path from 'node:path';

/** One prefix rewrite: a folder on the run's machine (`from`) and where this worker sees it (`to`). */
export interface PathMapping {
  /** Absolute, normalised, without a trailing slash (except the root). */
  from: string;
  to: string;
}

/**
 * Parse `--path-map FROM=TO` values. Both sides are absolute POSIX paths; the split is at the
 * first `=` followed by `/`, so a folder name containing `=` on the left side is allowed (TO
 * begins with `/`). Errors are Vietnamese messages naming the value (the CLI makes them exit 2).
 */
export function parsePathMap(values: readonly string[]): { mappings: PathMapping[] } | { problem: string } {
  const mappings: PathMapping[] = [];
  for (const value of values) {
    const at = value.indexOf('=/');
    const from = at < 0 ? '' : value.slice(0, at);
    const to = at < 0 ? '' : value.slice(at + 1);
    if (!path.posix.isAbsolute(from) || !path.posix.isAbsolute(to)) {
      return { problem: `--path-map cần dạng /đường-dẫn-trên-máy-chạy=/đường-dẫn-trên-máy-đọc (hai đường dẫn tuyệt đối), không phải "${value}".` };
    }
    const mapping = { from: trim(from), to: trim(to) };
    if (mappings.some((m) => m.from === mapping.from && m.to !== mapping.to)) {
      return { problem: `--path-map cho ${mapping.from} hai đích khác nhau (${mappings.find((m) => m.from === mapping.from)!.to} và ${mapping.to}).` };
    }
    if (!mappings.some((m) => m.from === mapping.from)) mappings.push(mapping);
  }
  return { mappings };
}

/**
 * The path of the run's `file` on this worker: the mapping with the longest `from` that is `file`
 * itself or a folder above it (whole path segments: `/srv/batch` does not match `/srv/batch2/x`),
 * or `file` unchanged when none matches.
 */
export function mapPath(file: string, mappings: readonly PathMapping[]): string {
  let best: PathMapping | null = null;
  for (const m of mappings) {
    const inside = file === m.from || file.startsWith(m.from === '/' ? '/' : `${m.from}/`);
    if (inside && (!best || m.from.length > best.from.length)) best = m;
  }
  if (!best) return file;
  const rest = file.slice(best.from === '/' ? 1 : best.from.length).replace(/^\//u, '');
  return rest ? path.posix.join(best.to, rest) : best.to;
}

function trim(p: string): string {
  const normal = path.posix.normalize(p);
  return normal.length > 1 ? normal.replace(/\/+$/u, '') : normal;
}
