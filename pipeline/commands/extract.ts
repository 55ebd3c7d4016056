import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import type { X509Certificate } from 'node:crypto';
import type { Extraction } from '../model.js';
import { chainStatus } from '../audit/signature-verdict.js';
import { isHiddenOrLockFile } from '../batch/discover-evidence.js';
import { DEFAULT_MIN_CONFIDENCE } from '../rules/unreadable-evidence.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { formatDateVn, nfc } from '../util/text.js';

export function extractCommand(): Command {
  return new Command('extract')
    .description('đọc số, ngày, loại văn bản và chữ ký của các tệp PDF tài liệu kiểm chứng')
    .argument('<tệp...>', 'các tệp PDF (hoặc ảnh quét), hay thư mục: đọc mọi tệp trong thư mục và các thư mục con')
    .option('--json', 'in kết quả dạng JSON (mỗi tệp một mục, theo thứ tự đã nhập; tệp trong thư mục theo tên)')
    .option('--trust <thư-mục>', 'thư mục chứng thư số tin cậy (PEM/DER) để kiểm tra chuỗi chứng thư của chữ ký số')
    .action(async (args: string[], opts: { json?: boolean; trust?: string }) => {
      // The readers are loaded by the command that uses them (cchc starts light).
      const { checkIssuerSequences, NOTHING_SAID, resolveHandwriting } = await import('../evidence/handwriting/resolve.js');
      const { createEvidenceReader } = await import('../evidence/reader.js');
      const { settleSignatures } = await import('../evidence/signature/settle.js');
      const { loadTrustAnchors } = await import('../evidence/signature/trust.js');
      let anchors: X509Certificate[] = [];
      if (opts.trust) {
        try {
          const loaded = await loadTrustAnchors(path.resolve(opts.trust));
          for (const problem of loaded.problems) process.stderr.write(`${problem}\n`);
          anchors = loaded.certificates;
        } catch (error) {
          const what = await stat(opts.trust).then((s) => (s.isDirectory() ? describeFsError(error) : 'đây là một tệp, không phải thư mục'), () => 'không tìm thấy thư mục này');
          throw new CchcError(`--trust: không đọc được thư mục chứng thư tin cậy ${opts.trust} (${what}).`, ExitCode.Usage);
        }
      }
      const { files, empty, badNames, skipped } = await expandFolders(args);
      for (const dir of empty) process.stderr.write(`Thư mục ${dir} không có tệp nào để đọc.\n`);
      for (const name of badNames) {
        process.stderr.write(`Tên tệp ${name} không phải mã UTF-8 (thường do giải nén tệp ZIP tạo trên Windows): không mở được theo tên này; hãy đổi tên rồi đọc lại. Tệp chưa được đọc.\n`);
      }
      for (const { file, why } of skipped) process.stderr.write(`${file} ${why}: không đọc (như khi thẩm định đợt).\n`);
      for (const group of nfcTwins(files)) {
        process.stderr.write(`Các tệp ${group.map((f) => `"${f}" (${f === nfc(f) ? 'dạng dựng sẵn, NFC' : 'dạng tổ hợp, NFD'})`).join(', ')} trùng tên khi chuẩn hóa Unicode: là các tệp khác nhau, tệp nào cũng được đọc nhưng tên hiện giống nhau; trường diskPath của --json phân biệt chúng. Khi thẩm định đợt, các tệp này chưa được tính và chờ Hội đồng thẩm định.\n`);
      }
      if (badNames.length > 0 || skipped.length > 0) process.exitCode = ExitCode.Unreadable;
      if (files.length === 0) throw new CchcError('Không có tệp nào để đọc.', badNames.length > 0 || skipped.length > 0 ? ExitCode.Unreadable : ExitCode.Usage);
      const reader = createEvidenceReader();
      let results: Extraction[];
      try {
        // Handwritten parts are checked against the file's own name (there is no report here).
        // Read by the name on disk (NFD from a Mac stays NFD), shown NFC.
        const read = await Promise.all(files.map(async (f) => resolveHandwriting({ ...(await reader.read(path.resolve(f))), file: nfc(f), ...(nfc(f) !== f ? { diskPath: f } : {}) }, NOTHING_SAID)));
        // No batch: the signer's role is judged from the symbol's issuer abbreviation alone (records offices are still named).
        results = checkIssuerSequences(read).map((extraction) => settleSignatures(extraction, anchors, { issuer: [], parent: [] }));
      } finally {
        await reader.close();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(results, null, 2)}\n` : renderTable(results));
      if (results.some((r) => r.status === 'unreadable')) process.exitCode = ExitCode.Unreadable;
    });
}

/**
 * The files named, a folder replaced by the files in it and its subfolders (as a unit's evidence
 * folder is listed: regular files, not hidden `.…` or Office's `~$…` lock files, symbolic links
 * not followed), sorted by path as shown (NFC), each path as on disk (a decomposed, NFD, name opens
 * only by its own bytes); `skipped` the links and special files in a folder (not read, as
 * in a batch); `empty` the folders that held none; `badNames` the files in a
 * folder whose names are not UTF-8 (they cannot be opened by the name listed). A name given that is
 * neither (or does not exist) is kept: the reader says what it is.
 */
export async function expandFolders(args: string[]): Promise<{ files: string[]; empty: string[]; badNames: string[]; skipped: Array<{ file: string; why: string }> }> {
  const files: string[] = [];
  const empty: string[] = [];
  const badNames: string[] = [];
  const skipped: Array<{ file: string; why: string }> = [];
  // Listed in the order of the names as shown (NFC); each path stays as on disk, the name that opens it.
  const byPath = (a: string, b: string) => (nfc(a) < nfc(b) ? -1 : nfc(a) > nfc(b) ? 1 : a < b ? -1 : a > b ? 1 : 0);
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info?.isDirectory()) {
      files.push(arg);
      continue;
    }
    const entries = (await readdir(arg, { recursive: true, withFileTypes: true })).filter((e) => !isHiddenOrLockFile(e.name));
    const inside = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort(byPath);
    // What a batch run would report and not read: named, never passed over in silence.
    const skippedBefore = skipped.length;
    for (const e of entries.filter((x) => !x.isFile() && !x.isDirectory()).sort((a, b) => byPath(a.name, b.name))) {
      skipped.push({ file: nfc(path.join(e.parentPath, e.name)), why: e.isSymbolicLink() ? 'là liên kết (symlink), không được theo' : 'không phải tệp thông thường (ống dẫn, thiết bị hoặc socket)' });
    }
    if (inside.length === 0 && skipped.length === skippedBefore) empty.push(arg);
    for (const file of inside) {
      // A name whose bytes are not UTF-8 is listed with U+FFFD in it, a name no file has.
      if (file.includes('\uFFFD') && !(await lstat(file).then(() => true, () => false))) badNames.push(nfc(file));
      else files.push(file);
    }
  }
  return { files, empty, badNames, skipped };
}

/** Paths given or listed that differ on disk but are equal once NFC-normalised, in groups (each group in listing order). */
export function nfcTwins(files: string[]): string[][] {
  const byName = new Map<string, string[]>();
  for (const f of new Set(files)) byName.set(nfc(f), [...(byName.get(nfc(f)) ?? []), f]);
  return [...byName.values()].filter((group) => group.length > 1);
}

const SIGNATURE_LABEL: Record<string, string> = {
  valid: 'hợp lệ', broken: 'KHÔNG hợp lệ', modified: 'bị sửa sau khi ký', unverifiable: 'không kiểm tra được', none: 'chỉ có khung chữ ký',
};

/**
 * `có, hợp lệ (Sở Tư pháp)`, `có, hợp lệ, chưa kiểm tra chuỗi chứng thư (…)`, `có, bị sửa sau khi ký
 * (…)`, `không`. A valid signature whose chain was not checked against the province's trust anchors
 * (no `--trust`) says so, as the audit page does: valid alone would read as trusted.
 */
function signedCell(r: Extraction): string {
  if (!r.signed && (r.signatures ?? []).length === 0) return 'không';
  const status = r.signatureStatus === 'valid' ? chainStatus(r) : null;
  const chain = status === 'untrusted' ? ', chuỗi chứng thư không tin cậy' : status === 'not-checked' ? ', chưa kiểm tra chuỗi chứng thư' : '';
  const verdict = r.signatureStatus ? `, ${SIGNATURE_LABEL[r.signatureStatus] ?? r.signatureStatus}${chain}` : '';
  return `có${verdict}${r.signer ? ` (${r.signer})` : ''}`;
}

const SOURCE_LABEL: Record<string, string> = { text: 'lớp chữ', annotation: 'chú thích ký số', ocr: 'OCR', 'ocr+claim': 'viết tay + thông tin đơn vị' };

/** One row per file, columns padded: what a secretary reads in a terminal. */
export function renderTable(results: Extraction[]): string {
  const header = ['Tệp', 'Số', 'Ngày', 'Loại', 'Nguồn', 'Tin cậy', 'Ký số', 'Ghi chú'];
  const rows = results.map((r) => {
    if (r.status === 'unreadable') return [r.file, '', '', '', '', '', '', `không đọc được: ${r.error ?? ''}`];
    const notes: string[] = [];
    if (r.suffixed) notes.push('số có chữ cái kèm theo');
    if (r.blankNumber) notes.push('chưa ghi số');
    if (r.blankDate) notes.push('chưa ghi ngày');
    if (r.scanned) notes.push(r.scanDpi ? `bản quét ${r.scanDpi} dpi` : 'bản quét');
    if (r.textLayer === 'legacy-font') notes.push('phông chữ cũ (TCVN3/VNI)');
    // Nothing read (no source) is not a reading to trust either: a person reads the file.
    if (r.confidence < 0.8) notes.push(r.source === null ? 'không đọc được số và ngày, cần người đọc' : 'cần kiểm tra lại');
    // A value read with low confidence is the reader's guess: said so in its cell.
    const unsure = (confidence: number) => (confidence < DEFAULT_MIN_CONFIDENCE ? ' (chưa chắc)' : '');
    return [
      r.file,
      r.number ? `${r.number}${unsure(r.numberConfidence)}` : r.blankNumber ? '(để trống)' : '(không thấy)',
      r.date ? `${formatDateVn(r.date)}${unsure(r.dateConfidence)}` : r.blankDate ? '(để trống)' : '(không thấy)',
      r.typeCode ?? (r.number ? 'công văn' : ''),
      r.source ? (SOURCE_LABEL[r.source] ?? r.source) : '',
      r.confidence.toLocaleString('vi-VN', { maximumFractionDigits: 2 }),
      signedCell(r),
      notes.join('; '),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return `${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`;
}
