// List a unit's evidence files: units/<CODE>/evidence/<criterion code>/<file>.
// Every entry gets an outcome: a file to read, or a finding naming it (a folder that cannot be opened,
// a name that is not UTF-8, a link, a FIFO). One bad entry never stops the unit, let alone the batch.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Batch, EvidenceFile, Finding, Framework } from '../model.js';
import { allCriteria } from '../framework/load-framework.js';
import { toPosix } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { nfc } from '../util/text.js';
import { unitDir } from './load-batch.js';

export const EVIDENCE_RULE = 'evidence-layout';

export interface EvidenceListing {
  files: EvidenceFile[];
  findings: Finding[];
}

/** The two calls listing makes; injectable so that tests can simulate errors root does not get. */
export interface ListingFs {
  /** Entries of a folder with raw (byte) names. */
  readdir(dir: string): Promise<Dirent<Buffer>[]>;
  lstat(file: string): Promise<Stats>;
}

export const nodeListingFs: ListingFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true, encoding: 'buffer' }),
  lstat: (file) => lstat(file),
};

/**
 * The evidence files of `unit` and the findings about entries that cannot be evidence.
 * Links (symbolic links) are never followed, inside or outside the batch: a linked file or folder is
 * a finding asking for the real file, so nothing outside the batch folder is ever read.
 */
export async function discoverEvidence(batch: Batch, unit: string, framework: Framework, fs: ListingFs = nodeListingFs): Promise<EvidenceListing> {
  const root = path.join(unitDir(batch, unit), 'evidence');
  const findings: Finding[] = [];
  const files: EvidenceFile[] = [];
  const relOf = (full: string) => nfc(toPosix(path.relative(batch.dir, full)));
  const note = (reason: string, file: string, criterion?: string, effect: Finding['effect'] = 'info') =>
    findings.push({ rule: EVIDENCE_RULE, effect, unit, ...(criterion ? { criterion } : {}), file, reason });

  const rootInfo = await fs.lstat(root).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (rootInfo === null) return { files, findings };
  if (rootInfo instanceof Error || !rootInfo.isDirectory()) {
    const why = rootInfo instanceof Error ? describeFsError(rootInfo) : rootInfo.isSymbolicLink() ? 'là liên kết (symlink), không được theo' : 'không phải thư mục';
    note(`Không mở được thư mục tài liệu kiểm chứng ${relOf(root)} (${why}): chưa đọc được tài liệu nào của đơn vị.`, relOf(root), undefined, 'review');
    return { files, findings };
  }
  const known = new Set(allCriteria(framework).map((e) => e.criterion.code));
  const leaves = new Set(allCriteria(framework).filter((e) => e.criterion.children.length === 0).map((e) => e.criterion.code));

  let folders: Entry[];
  try {
    folders = await entries(fs, root);
  } catch (error) {
    note(`Không mở được thư mục tài liệu kiểm chứng ${relOf(root)} (${describeFsError(error)}): chưa đọc được tài liệu nào của đơn vị.`, relOf(root), undefined, 'review');
    return { files, findings };
  }
  for (const entry of folders) {
    const rel = relOf(entry.full);
    if (entry.badName) {
      note(badNameReason(rel, entry), rel, undefined, 'review');
      continue;
    }
    const name = nfc(entry.name);
    if (entry.dirent.isSymbolicLink()) {
      note(`${rel} là liên kết (symlink), không phải thư mục thật: không được theo; hãy đặt tài liệu vào thư mục evidence/<mã tiêu chí>/.`, rel, known.has(name) ? name : undefined, 'review');
      continue;
    }
    if (!entry.dirent.isDirectory()) {
      note(`Tệp ${rel} nằm ngoài thư mục tiêu chí (evidence/<mã tiêu chí>/): không gắn được với tiêu chí nào.`, rel);
      continue;
    }
    if (!known.has(name)) {
      note(`Thư mục ${rel} không ứng với mã tiêu chí nào của bộ chỉ số ${framework.id}.`, rel);
      continue;
    }
    if (!leaves.has(name)) {
      note(`Thư mục ${rel} ứng với tiêu chí ${name} có tiêu chí thành phần; cần đặt tài liệu vào thư mục của từng tiêu chí thành phần.`, rel, name);
      continue;
    }
    await walk(fs, entry.full, {
      file: async (full) => {
        try {
          const info = await fs.lstat(full);
          files.push({ unit, criterion: name, path: full, relPath: relOf(full), name: nfc(path.basename(full)), size: info.size });
        } catch (error) {
          note(`Không mở được tệp ${relOf(full)} (${describeFsError(error)}): tệp chưa được đọc.`, relOf(full), name, 'review');
        }
      },
      problem: (full, reason) => note(reason(relOf(full)), relOf(full), name, 'review'),
    });
  }
  return { files, findings };
}

interface Entry {
  dirent: Dirent<Buffer>;
  /** The name as UTF-8 text (with U+FFFD where the bytes are not UTF-8). */
  name: string;
  full: string;
  /** The raw bytes are not UTF-8: the file cannot be opened by its text name. */
  badName: boolean;
  raw: Buffer;
}

async function entries(fs: ListingFs, dir: string): Promise<Entry[]> {
  const list = (await fs.readdir(dir)).map((dirent) => {
    const raw = dirent.name;
    const name = raw.toString('utf8');
    return { dirent, name, full: path.join(dir, name), raw, badName: !Buffer.from(name, 'utf8').equals(raw) };
  });
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** A name whose bytes are not UTF-8 (a ZIP made on Windows, Latin-1 or Windows-1258), with a guess at what it says. */
function badNameReason(rel: string, entry: Entry): string {
  const guess = new TextDecoder('windows-1258').decode(entry.raw);
  return `Tên ${entry.dirent.isDirectory() ? 'thư mục' : 'tệp'} ${rel} không phải mã UTF-8 (thường do giải nén tệp ZIP tạo trên Windows; có thể là "${nfc(guess)}"): ` +
    'không mở được theo tên này; hãy đổi tên rồi nộp lại. Tệp chưa được đọc.';
}

interface WalkVisitor {
  file(full: string): Promise<void>;
  /** An entry that is not a readable file: `reason` builds the sentence from its batch-relative path. */
  problem(full: string, reason: (rel: string) => string): void;
}

/** Files under a criterion folder, depth first in name order; hidden entries (`.DS_Store`) are skipped. */
async function walk(fs: ListingFs, dir: string, visit: WalkVisitor): Promise<void> {
  let list: Entry[];
  try {
    list = await entries(fs, dir);
  } catch (error) {
    visit.problem(dir, (rel) => `Không mở được thư mục ${rel} (${describeFsError(error)}): tài liệu trong đó chưa được đọc.`);
    return;
  }
  for (const e of list) {
    if (e.name.startsWith('.')) continue;
    if (e.badName) {
      visit.problem(e.full, (rel) => badNameReason(rel, e));
    } else if (e.dirent.isSymbolicLink()) {
      visit.problem(e.full, (rel) => `${rel} là liên kết (symlink) chứ không phải tệp thật: không được theo (không đọc ngoài thư mục đợt); hãy nộp bản tệp thật.`);
    } else if (e.dirent.isDirectory()) {
      await walk(fs, e.full, visit);
    } else if (e.dirent.isFile()) {
      await visit.file(e.full);
    } else {
      const kind = e.dirent.isFIFO() ? 'một ống dẫn (FIFO)' : e.dirent.isSocket() ? 'một socket' : 'một tệp thiết bị';
      visit.problem(e.full, (rel) => `${rel} là ${kind}, không phải tệp thông thường: không đọc.`);
    }
  }
}
