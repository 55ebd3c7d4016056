// The progress line of a run whose files are read by workers on a queue, when a worker is killed
// (kill -9) holding a file: the run waits for the file's job lock to expire (cchc worker
// --lock-timeout) and says so, instead of a time left of 0 seconds, and it never says 100 % while a
// file is still outstanding.
import { describe, expect, it } from 'vitest';
import { describeCounts, lineProgress, type ProgressCounts } from '../../pipeline/run/progress.js';
import type { RunLog } from '../../pipeline/run/run-log.js';

const counts = (over: Partial<ProgressCounts> = {}): ProgressCounts => ({
  units: 7, unitsTotal: 8, files: 187, filesTotal: 188, cached: 0, ocrPages: 36, unreadable: 4, ...over,
});

function capture(): { log: RunLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: { info: (l) => lines.push(l), detail: () => {}, file: null } };
}

describe('describeCounts with a file held by a worker that stopped answering', () => {
  it('says it waits for that file and how long its lock still holds it, not a time left of 0 seconds', () => {
    expect(describeCounts(counts(), 0, undefined, { files: 1, lockLeftMs: 41_200 })).toBe(
      'Tiến độ: 187/188 tệp (99%), 7/8 đơn vị, 0 tệp lấy từ bộ nhớ đệm, 36 trang OCR, 4 tệp không đọc được; '
      + 'đang chờ 1 tệp của máy đọc không còn trả lời (giao cho máy đọc khác khi khóa của tệp hết hạn, còn khoảng 42 giây)',
    );
  });

  it('once the lock has expired, says the file is being handed to another worker', () => {
    expect(describeCounts(counts(), 0, undefined, { files: 2, lockLeftMs: 0 })).toMatch(
      /; đang chờ 2 tệp của máy đọc không còn trả lời \(khóa của tệp đã hết hạn, đang giao cho máy đọc khác\)$/u,
    );
  });

  it('keeps the time left for the other files still being read', () => {
    expect(describeCounts(counts({ files: 150 }), 20, undefined, { files: 1, lockLeftMs: 9_000 })).toMatch(
      /; còn khoảng 20 giây; đang chờ 1 tệp của máy đọc không còn trả lời \(giao cho máy đọc khác khi khóa của tệp hết hạn, còn khoảng 9 giây\)$/u,
    );
  });

  it('never says 100 % while a file is outstanding', () => {
    expect(describeCounts(counts({ files: 1999, filesTotal: 2000 }), 1)).toContain('1999/2000 tệp (99%)');
  });
});

describe('lineProgress while a run waits for a stalled file', () => {
  it('prints a line at once when a file is found held by a worker that stopped answering, though no file finishes', () => {
    const { log, lines } = capture();
    const progress = lineProgress(log, 60_000);
    progress.begin({ units: 1, files: 2 });
    progress.fileDone({ unit: 'STP', file: 'a.pdf', status: 'ok' });
    expect(lines).toEqual(['Bắt đầu đọc 2 tệp tài liệu kiểm chứng của 1 đơn vị.']);
    progress.stalled({ files: 1, lockLeftMs: 30_000 });
    expect(lines[1]).toMatch(/^Tiến độ: 1\/2 tệp \(50%\), .*; đang chờ 1 tệp của máy đọc không còn trả lời \(giao cho máy đọc khác khi khóa của tệp hết hạn, còn khoảng 30 giây\)$/u);
    // The same file still waited for: the next line comes with the interval, not with every update.
    progress.stalled({ files: 1, lockLeftMs: 28_000 });
    expect(lines).toHaveLength(2);
    progress.stalled(null);
    progress.fileDone({ unit: 'STP', file: 'b.pdf', status: 'ok' });
    progress.settle({ unreadable: 0, notCounted: 0 });
    expect(lines[lines.length - 1]).toMatch(/^Tiến độ: 2\/2 tệp \(100%\), .*; xong$/u);
  });
});
