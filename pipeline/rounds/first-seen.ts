// The "first seen" index (chỉ mục lần đầu thấy): for every report and evidence file of the batch,
// each content (by SHA-256) with the time the pipeline first saw it, kept from every nightly run
// in the output folder. It is how the pipeline proves what was there at a deadline: a file's mtime
// can be set to anything and is only kept as a hint, used when there is no history at all.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Claim, Extraction, Finding } from '../model.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';

export const FIRST_SEEN_FILE = '.history/first-seen.json';
const FORMAT = 'cchc-first-seen/1';

/** What the pipeline read from one content: an evidence reading, or a report's rows. */
export type SeenContent =
  | { kind: 'evidence'; reading: Omit<Extraction, 'file'> }
  | { kind: 'report'; claims: Claim[] | null; findings: Finding[] };

/** One content of one path. `sha256: null` records that the file was gone at `firstSeen`. */
export interface Sighting {
  sha256: string | null;
  size: number;
  /** UTC instant (ISO 8601) of the first run that saw this content at this path. */
  firstSeen: string;
  /** The file's modification time then (a hint only). */
  mtime?: string;
  content?: SeenContent;
}

export interface PathHistory {
  unit: string;
  /** Criterion folder of an evidence file; absent for the report. */
  criterion?: string;
  sightings: Sighting[];
}

export interface FirstSeenIndex {
  format: typeof FORMAT;
  /** When the history of this output folder began (the first run that kept it). */
  started: string;
  /** By path relative to the batch folder, `/`-separated. */
  paths: Record<string, PathHistory>;
}

/** One file as a run sees it. */
export interface Observation {
  relPath: string;
  unit: string;
  criterion?: string;
  sha256: string;
  size: number;
  mtime: string;
  content: SeenContent;
}

export function emptyIndex(now: Date): FirstSeenIndex {
  return { format: FORMAT, started: now.toISOString(), paths: {} };
}

/**
 * The index after a run at `now` saw `observations` (pure; the input is not changed). A content not
 * seen before at its path is added with `firstSeen: now`; a path seen before and absent now gets a
 * removal (`sha256: null`). A content seen again keeps its first time: later runs never move it.
 * `units`: the units observed this run (paths of other units are left alone).
 */
export function recordSightings(index: FirstSeenIndex, observations: Observation[], now: Date, units: ReadonlySet<string>): FirstSeenIndex {
  const at = now.toISOString();
  const paths: Record<string, PathHistory> = {};
  for (const [p, h] of Object.entries(index.paths)) paths[p] = { ...h, sightings: [...h.sightings] };
  const seen = new Set<string>();
  for (const o of observations) {
    seen.add(o.relPath);
    const history = (paths[o.relPath] ??= { unit: o.unit, ...(o.criterion ? { criterion: o.criterion } : {}), sightings: [] });
    const last = history.sightings[history.sightings.length - 1];
    if (last?.sha256 === o.sha256) {
      // Same content as last seen: keep its first time, refresh what was read (a newer reader).
      history.sightings[history.sightings.length - 1] = { ...last, content: o.content };
      continue;
    }
    history.sightings.push({ sha256: o.sha256, size: o.size, firstSeen: at, mtime: o.mtime, content: o.content });
  }
  for (const [p, history] of Object.entries(paths)) {
    if (seen.has(p) || !units.has(history.unit)) continue;
    const last = history.sightings[history.sightings.length - 1];
    if (last && last.sha256 !== null) history.sightings.push({ sha256: null, size: 0, firstSeen: at });
  }
  // Older contents' readings are kept: a snapshot may need what a replaced file said at its deadline.
  return { ...index, paths: sortKeys(paths) };
}

/**
 * The content a path had just before `deadline` (exclusive), and on what the claim rests:
 * `first-seen` (a run saw it before the deadline) or `mtime` (no history before the deadline at all:
 * the index began after it, and the file's own mtime is before it). Null: not there at the deadline.
 */
export function contentAt(index: FirstSeenIndex, history: PathHistory, deadline: Date): { sighting: Sighting; basis: 'first-seen' | 'mtime' } | null {
  const t = deadline.getTime();
  let found: Sighting | null = null;
  for (const s of history.sightings) if (new Date(s.firstSeen).getTime() < t) found = s;
  if (found) return found.sha256 === null ? null : { sighting: found, basis: 'first-seen' };
  if (new Date(index.started).getTime() < t) return null;
  const first = history.sightings[0];
  if (first?.sha256 && first.mtime && new Date(first.mtime).getTime() < t) return { sighting: first, basis: 'mtime' };
  return null;
}

export async function loadIndex(out: string, now: Date): Promise<FirstSeenIndex> {
  const file = path.join(out, FIRST_SEEN_FILE);
  if (!existsSync(file)) return emptyIndex(now);
  let data: FirstSeenIndex | null = null;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as FirstSeenIndex;
  } catch {
    data = null;
  }
  // Written atomically by the pipeline, so this is a hand edit or a damaged disk: the history is the
  // proof of what was there at a deadline, so the run stops rather than start a new one silently.
  if (data?.format !== FORMAT || typeof data.paths !== 'object' || data.paths === null) {
    throw new CchcError(
      `${file}: chỉ mục "lần đầu thấy" bị hỏng hoặc không phải của cchc; không thể xác định tệp nào có trước thời hạn. Khôi phục tệp này từ bản sao lưu, hoặc xóa nó để bắt đầu lịch sử mới (khi đó các vòng đã qua hạn cần ảnh chụp do đợt mang theo).`,
      ExitCode.Output,
    );
  }
  return data;
}

/** Write the index atomically; a night that saw nothing new leaves the file as it is (no write, no flush). */
export async function saveIndex(out: string, index: FirstSeenIndex): Promise<void> {
  const file = path.join(out, FIRST_SEEN_FILE);
  const text = `${JSON.stringify(index)}\n`;
  if ((await readFile(file, 'utf8').catch(() => null)) === text) return;
  await writeFileAtomic(file, text);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
