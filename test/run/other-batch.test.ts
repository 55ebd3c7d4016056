// An output folder holding another batch's results (another year, province, framework, or no unit in
// common) is refused, exit 2, writing nothing, unless `--replace-out`: then that batch is replaced,
// not compared with as if it were this one. The same batch moved to another folder is the same batch.
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameBatch, type BatchIdentity } from '../../pipeline/run/batch-identity.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const HELD: BatchIdentity = { province: 'Hưng Yên', year: 2021, frameworks: ['so=hung-yen-2021-so'], units: ['SNN', 'STP'], title: null };

describe('sameBatch', () => {
  it.each<[string, Partial<BatchIdentity>, boolean]>([
    ['the same batch (moved or copied: the path is not part of it)', {}, true],
    ['a unit added and one removed (a normal change between nights)', { units: ['STP', 'SXD'] }, true],
    ['the province in another case or Unicode form', { province: 'HƯNG YÊN'.normalize('NFD') }, true],
    ['another title', { title: 'Thẩm định lại' }, true],
    ['another year', { year: 2022 }, false],
    ['another province', { province: 'Hải Dương' }, false],
    ['another framework', { frameworks: ['so=hung-yen-2022-so'] }, false],
    ['another group', { frameworks: ['huyen=hung-yen-2021-huyen', 'so=hung-yen-2021-so'] }, false],
    ['no unit in common', { units: ['SXD'] }, false],
  ])('%s → %s', (_what, change, expected) => {
    expect(sameBatch(HELD, { ...HELD, ...change })).toBe(expected);
  });
});

describe('cchc run into an output folder holding another batch', () => {
  it('refuses (exit 2) naming the folder and both batches and writes nothing; --replace-out replaces it without comparing; the same batch moved runs', async () => {
    const first = await smallBatch([{ code: 'STP', name: 'Sở Tư pháp' }, { code: 'SNN', name: 'Sở Nông nghiệp' }]);
    const other = await smallBatch([{ code: 'STP', name: 'Sở Tư pháp' }], { year: 2022, dataWindow: { from: '2021-12-01', to: '2022-11-30' } });
    const out = path.join(await tempDir('cchc-other-'), 'out');
    const run = (batch: string, ...more: string[]) => runCli(['run', batch, '--out', out, '--quiet', '--no-audit', ...more]);
    expect((await run(first)).code).toBe(0);
    const before = await treeHash(out);

    const refused = await run(other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Thư mục kết quả ${out} đang chứa kết quả của một đợt thẩm định khác: (tỉnh Hưng Yên, năm 2021, bộ chỉ số hung-yen-2021-so; 2 đơn vị: SNN, STP)`);
    expect(refused.stderr).toContain(`Đợt được yêu cầu (${other}) là (tỉnh Hưng Yên, năm 2022, bộ chỉ số hung-yen-2021-so; 1 đơn vị: STP)`);
    expect(refused.stderr).toContain('--replace-out');
    // Nothing written: not the log, not a lock, not a document.
    expect(await treeHash(out)).toEqual(before);

    // The same batch, moved to another folder: the same batch, nothing changed.
    const moved = path.join(await tempDir('cchc-moved-'), 'batch');
    await cp(first, moved, { recursive: true });
    const again = await run(moved);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Thay đổi so với lần chạy trước: không có');

    const replaced = await run(other, '--replace-out');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('Thay đổi so với lần chạy trước: không so sánh được (thư mục kết quả chứa kết quả của đợt khác (tỉnh Hưng Yên, năm 2021');
    expect(replaced.stdout).not.toContain('→');
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { year: number; units: Array<{ code: string }> };
    expect(results.year).toBe(2022);
    expect(results.units.map((u) => u.code)).toEqual(['STP']);
    const files = [...(await treeHash(out)).keys()];
    expect(files).not.toContain('bien-ban/bien-ban-tham-dinh-SNN.docx');
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('Thay kết quả của đợt khác trong thư mục kết quả theo --replace-out');

    // From now on the folder holds the 2022 batch: it runs without the option, and the 2021 one is refused.
    expect((await run(other)).code).toBe(0);
    expect((await run(first)).code).toBe(2);
  }, 180_000);
});
