// A write the file system refuses where no module says so itself (the first-seen history, the
// reading cache…) still ends as exit 4 with a Vietnamese message naming the file, never as an
// "unexpected error" with Node's English stack.
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../../pipeline/util/errors.js';

const refused = { code: 'ENOSPC', path: '/srv/cchc/ket-qua/.history/first-seen.json' };
vi.mock('../../pipeline/commands/run.js', () => ({
  runCommand: () => new Command('run').argument('<batch>').action(() => {
    throw Object.assign(new Error(`${refused.code}: refused, write`), { code: refused.code, syscall: 'write', path: refused.path });
  }),
}));

describe('a write refused by the file system anywhere in a run', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['ENOSPC', 'đĩa đã đầy', 'Hãy giải phóng chỗ trống'],
    ['EROFS', 'ổ đĩa chỉ cho đọc', 'Hãy chọn thư mục ghi được'],
  ])('%s → exit 4, "Lỗi: Không ghi được <file> (%s)…", no stack', async (code, said, todo) => {
    refused.code = code;
    const { main } = await import('../../pipeline/program.js');
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    expect(await main(['node', 'cchc', 'run', '/srv/cchc/dot-1'])).toBe(ExitCode.Output);
    expect(stderr).toBe(`Lỗi: Không ghi được /srv/cchc/ket-qua/.history/first-seen.json (${said}): lần chạy dừng lại trước khi thay bộ kết quả, kết quả của lần chạy trước (nếu có) được giữ nguyên. ${todo} rồi chạy lại.\n`);
  });
});
