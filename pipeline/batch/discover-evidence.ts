// List a unit's evidence files: units/<CODE>/evidence/<criterion code>/<file>.
// Every entry gets an outcome: a file to read, or a finding naming it (a folder that cannot be opened,
// a name that is not UTF-8, a link, a FIFO). One bad entry never stops the unit, let alone the batch.
// Folders are matched the way people name them (`1.2.`, `1.1.1. Ban hành kế hoạch…`, `TC 1.2`, `I.4`,
// an area folder holding criterion folders) and files the report names are placed wherever they were
// put (the evidence root, the unit folder); every guess is a finding.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Batch, Claim, EvidenceFile, Finding, Framework } from '../model.js';
import type { UncountedFile } from '../rules/rule.js';
import { allCriteria } from '../framework/load-framework.js';
import { toPosix } from '../util/files.js';
import { describeFsError } from '../util/fs-errors.js';
import { foldVietnamese, nfc } from '../util/text.js';
import { unitDir } from './load-batch.js';
import { matchCriterionFolder } from './match-folder.js';

export const EVIDENCE_RULE = 'evidence-layout';

export interface EvidenceListing {
  files: EvidenceFile[];
  findings: Finding[];
  /**
   * The one of `findings` saying the unit filed no evidence at all (a missing or empty evidence
   * folder): void when a closed round's snapshot still holds the unit's files (deleted after the deadline).
   */
  nothingFiled?: Finding;
  /** Files taken out of `files` because their NFC paths collide (see `setAsideTwins`): the council tells them apart. */
  setAside: UncountedFile[];
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

export interface DiscoverOptions {
  /** The unit's folder when it is not units/<code> (a folder named by the unit's name). */
  folder?: string;
  /** The unit's claims: files they name are placed even when they sit outside a criterion folder. */
  claims?: Claim[] | null;
  /** Files of the unit folder that are not evidence (the report itself). */
  skip?: string[];
}

/**
 * A hidden file (`.DS_Store`, LibreOffice's `.~lock.…#`, `.…`), an Office owner file (`~$…`) or
 * the thumbnails and folder settings Windows leaves in folders (`Thumbs.db`, `desktop.ini`): the
 * system's, never a document, so never evidence.
 */
export function isHiddenOrLockFile(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /^(thumbs\.db|ehthumbs\.db|desktop\.ini)$/iu.test(name);
}

/** How the report's evidence column and a file on disk are compared: folded, without `.pdf`. */
export function evidenceKey(name: string): string {
  return foldVietnamese(name).replace(/\.pdf$/u, '');
}

/**
 * The evidence files of `unit` and the findings about entries that cannot be evidence.
 * Links (symbolic links) are never followed, inside or outside the batch: a linked file or folder is
 * a finding asking for the real file, so nothing outside the batch folder is ever read.
 */
export async function discoverEvidence(
  batch: Batch, unit: string, framework: Framework, fs: ListingFs = nodeListingFs, options: DiscoverOptions = {},
): Promise<EvidenceListing> {
  const folder = options.folder ?? unitDir(batch, unit);
  const root = path.join(folder, 'evidence');
  const findings: Finding[] = [];
  const files: EvidenceFile[] = [];
  const diskRelOf = (full: string) => toPosix(path.relative(batch.dir, full));
  const relOf = (full: string) => nfc(diskRelOf(full));
  const note = (reason: string, file: string, criterion?: string, effect: Finding['effect'] = 'info') =>
    findings.push({ rule: EVIDENCE_RULE, effect, unit, ...(criterion ? { criterion } : {}), file, reason });
  const entriesOf = allCriteria(framework);
  const known = new Set(entriesOf.map((e) => e.criterion.code));
  const leaves = new Set(entriesOf.filter((e) => e.criterion.children.length === 0).map((e) => e.criterion.code));
  const titleOf = new Map(entriesOf.map((e) => [e.criterion.code, e.criterion.title]));
  for (const area of framework.areas) titleOf.set(area.code, area.title);

  // Files named in the report, by name: where they go when they are not in a criterion folder.
  const listed = new Map<string, string[]>();
  for (const claim of options.claims ?? []) {
    for (const name of claim.evidenceFiles) {
      const k = evidenceKey(path.basename(name));
      listed.set(k, [...new Set([...(listed.get(k) ?? []), claim.criterion])]);
    }
  }
  const add = async (full: string, criterion: string) => {
    try {
      const info = await fs.lstat(full);
      const onDisk = diskRelOf(full);
      const relPath = nfc(onDisk);
      files.push({ unit, criterion, path: full, relPath, ...(onDisk !== relPath ? { diskRelPath: onDisk } : {}), name: nfc(path.basename(full)), size: info.size });
    } catch (error) {
      note(`Không mở được tệp ${relOf(full)} (${describeFsError(error)}): tệp chưa được đọc.`, relOf(full), criterion, 'review');
    }
  };
  /** A file outside any criterion folder: placed by the report's evidence column, or reported. */
  const loose = async (full: string, where: string) => {
    const rel = relOf(full);
    const codes = (listed.get(evidenceKey(nfc(path.basename(full)))) ?? []).filter((c) => leaves.has(c));
    if (codes.length === 1) {
      await add(full, codes[0]!);
      note(`Tệp ${rel} nằm ${where}, không trong thư mục tiêu chí; báo cáo tự đánh giá kê tệp này cho tiêu chí ${codes[0]} nên tệp được xem xét cho tiêu chí ${codes[0]}.`, rel, codes[0]);
    } else if (codes.length > 1) {
      note(`Tệp ${rel} nằm ${where}; báo cáo tự đánh giá kê tệp này cho nhiều tiêu chí (${codes.join(', ')}), cần đặt vào thư mục của từng tiêu chí; tệp chưa được xem xét.`, rel);
    } else {
      note(`Tệp ${rel} nằm ${where}, không trong thư mục tiêu chí (evidence/<mã tiêu chí>/) và báo cáo tự đánh giá không kê tệp này: không gắn được với tiêu chí nào, tệp chưa được xem xét.`, rel);
    }
  };

  // Files put straight in the unit folder (not the report, not other workbooks: the report finder names those).
  if (options.claims && options.claims.length > 0) {
    const skip = new Set((options.skip ?? []).map((p) => path.resolve(p)));
    const top = await entries(fs, folder).catch(() => [] as Entry[]);
    for (const e of top) {
      if (e.badName || !e.dirent.isFile() || skip.has(path.resolve(e.full)) || isHiddenOrLockFile(e.name)) continue;
      if (/\.(xlsx|xlsm|xls|ods|csv)$/iu.test(e.name)) continue;
      await loose(e.full, 'ngay trong thư mục đơn vị');
    }
  }

  // A unit whose report was read but which filed nothing: said once for the unit, beside each
  // criterion's no-evidence finding, so that a missing folder is not mistaken for a thin one.
  let nothing: Finding | undefined;
  const nothingFiled = (what: string) => {
    if (files.length > 0 || !options.claims) return;
    note(`${what}: đơn vị không có tài liệu kiểm chứng nào được xem xét; điểm tự chấm của các tiêu chí chỉ còn dựa vào giải trình, Hội đồng thẩm định xem xét.`, relOf(root), undefined, 'review');
    nothing = findings.at(-1);
  };
  const setAside: UncountedFile[] = [];
  const listing = (): EvidenceListing => ({ files, findings, setAside, ...(nothing ? { nothingFiled: nothing } : {}) });
  const rootInfo = await fs.lstat(root).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : error));
  if (rootInfo === null) {
    nothingFiled(`Không có thư mục tài liệu kiểm chứng ${relOf(root)}`);
    return listing();
  }
  if (rootInfo instanceof Error || !rootInfo.isDirectory()) {
    const why = rootInfo instanceof Error ? describeFsError(rootInfo) : rootInfo.isSymbolicLink() ? 'là liên kết (symlink), không được theo' : 'không phải thư mục';
    note(`Không mở được thư mục tài liệu kiểm chứng ${relOf(root)} (${why}): chưa đọc được tài liệu nào của đơn vị.`, relOf(root), undefined, 'review');
    return { files, findings, setAside };
  }

  /** A folder's entries: each matched to a criterion or area; parents and areas are searched one level down. */
  const visit = async (dir: string, parent: string | null): Promise<void> => {
    let list: Entry[];
    try {
      list = await entries(fs, dir);
    } catch (error) {
      const reason = parent === null
        ? `Không mở được thư mục tài liệu kiểm chứng ${relOf(dir)} (${describeFsError(error)}): chưa đọc được tài liệu nào của đơn vị.`
        : `Không mở được thư mục ${relOf(dir)} (${describeFsError(error)}): tài liệu trong đó chưa được đọc.`;
      note(reason, relOf(dir), parent ?? undefined, 'review');
      return;
    }
    for (const entry of list) {
      const rel = relOf(entry.full);
      if (isHiddenOrLockFile(entry.name) && (parent !== null || !entry.dirent.isDirectory())) continue;
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
        if (entry.dirent.isFile() && !name.startsWith('.')) {
          const where = parent === null
            ? 'ở thư mục evidence/'
            : `trong thư mục của ${parent.includes('.') ? 'tiêu chí' : 'lĩnh vực'} ${parent} (gồm các tiêu chí thành phần)`;
          await loose(entry.full, where);
        } else if (!entry.dirent.isFile()) {
          note(`${rel} không phải tệp thông thường: không đọc.`, rel, undefined, 'review');
        }
        continue;
      }
      const match = matchCriterionFolder(name, framework);
      if (match.code === null) {
        const guesses = match.nearest.map((c) => `${c} (${titleOf.get(c) ?? ''})`);
        const hint = guesses.length > 0
          ? ` Có phải là tiêu chí ${guesses.length > 1 ? `${guesses.slice(0, -1).join(', ')} hoặc ${guesses.at(-1)}` : guesses[0]}? Cần đổi tên thư mục theo mã tiêu chí.`
          : ' Cần đổi tên thư mục theo mã tiêu chí.';
        note(`Thư mục ${rel} không ứng với mã tiêu chí nào của bộ chỉ số ${framework.id}; các tệp trong thư mục chưa được xem xét.${hint}`, rel);
        continue;
      }
      const code = match.code;
      if (match.how !== 'exact') {
        const by = match.how === 'title' ? 'theo tên tiêu chí' : 'theo mã ghi ở đầu tên thư mục';
        note(`Thư mục ${rel} được hiểu là tiêu chí ${code} (${titleOf.get(code) ?? ''}), ${by}.`, rel, code);
      }
      if (parent !== null && !code.startsWith(`${parent}.`)) {
        note(`Thư mục ${rel} (tiêu chí ${code}) nằm trong thư mục của ${parent}; vẫn được hiểu là tiêu chí ${code}.`, rel, code);
      }
      if (!leaves.has(code)) {
        await visit(entry.full, code);
        continue;
      }
      await walk(fs, entry.full, {
        file: (full) => add(full, code),
        problem: (full, reason) => note(reason(relOf(full)), relOf(full), code, 'review'),
      });
    }
  };
  await visit(root, null);
  setAside.push(...setAsideTwins(files, (reason, file, criterion) => note(reason, file, criterion, 'review')));
  nothingFiled(`Thư mục tài liệu kiểm chứng ${relOf(root)} không có tệp nào được nhận là tài liệu kiểm chứng`);
  return listing();
}

/**
 * Files whose paths are equal once NFC-normalised but differ on disk (`Kế hoạch.pdf` typed on Windows
 * beside the same name written decomposed by a Mac or a ZIP tool; Linux keeps both): the batch names
 * files by the NFC path, so neither can be told apart from the other in the report's evidence list,
 * the minutes or the rounds. Both are taken out of `files` (none is counted in place of the other)
 * and one `review` finding per path names them, with the form each name is written in, for the council.
 * Returns the files taken out, for the rules (a listed file that is there, a criterion not empty).
 */
export function setAsideTwins(files: EvidenceFile[], note: (reason: string, file: string, criterion: string) => void): UncountedFile[] {
  const byRel = new Map<string, EvidenceFile[]>();
  for (const f of files) byRel.set(f.relPath, [...(byRel.get(f.relPath) ?? []), f]);
  const twins = [...byRel.values()].filter((group) => group.length > 1);
  if (twins.length === 0) return [];
  const aside = new Set(twins.flat());
  files.splice(0, files.length, ...files.filter((f) => !aside.has(f)));
  for (const group of twins) {
    const first = group[0]!;
    const onDisk = group.map((f) => f.diskRelPath ?? f.relPath);
    // Two names in one folder: named by their file names; else (a folder written both ways) by their paths.
    const oneFolder = new Set(onDisk.map((p) => path.posix.dirname(p))).size === 1;
    const shown = onDisk.map((p) => (oneFolder ? path.posix.basename(p) : p));
    const named = shown.map((p) => `"${p}" (${unicodeForm(p)})`);
    const list = `${named.slice(0, -1).join(', ')} và ${named.at(-1)}`;
    const count = group.length === 2 ? 'hai' : String(group.length);
    const where = oneFolder
      ? `Thư mục ${path.posix.dirname(first.relPath)} có ${count} tệp trùng tên khi chuẩn hóa Unicode`
      : `Có ${count} tệp trùng đường dẫn ${first.relPath} khi chuẩn hóa Unicode (tên thư mục viết theo hai kiểu)`;
    note(
      `${where}: ${list}. ` +
        'Trên màn hình các tên này giống hệt nhau nhưng là các tệp khác nhau, không xác định được tệp nào là tài liệu đơn vị kê nên chưa tệp nào được xem xét; ' +
        `tiêu chí ${first.criterion} chờ Hội đồng thẩm định xem xét. Cần đổi tên hoặc bỏ bớt tệp rồi nộp lại.`,
      first.relPath, first.criterion,
    );
  }
  return twins.map((group) => ({
    path: group[0]!.relPath, criterion: group[0]!.criterion, forCouncil: true as const,
    why: `có ${group.length === 2 ? 'hai' : group.length} tệp trùng tên khi chuẩn hóa Unicode nên chưa tệp nào được xem xét`,
  }));
}

/** How a name's accented letters are written: precomposed (NFC, as Windows writes them) or decomposed (NFD, as macOS writes them). */
function unicodeForm(name: string): string {
  if (name === name.normalize('NFC')) return 'chữ có dấu dựng sẵn, NFC';
  if (name === name.normalize('NFD')) return 'chữ có dấu tổ hợp, NFD';
  return 'chữ có dấu viết lẫn hai kiểu dựng sẵn và tổ hợp';
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
    if (isHiddenOrLockFile(e.name)) continue;
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
