// The stat index in front of SHA-256: an unchanged file keeps its hash without being read; any stat
// change, and git's racily clean case, make it hashed again.
import type { BigIntStats } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../pipeline/util/files.js';
import { isFresh, StatIndex, statIndexPath, type FileStat, type StatEntry } from '../../pipeline/util/stat-index.js';
import { tempDir } from '../helpers/temp.js';

/** 1 January 2020, 00:00:00.200 UTC: long before any index these tests write. */
const PAST = new Date('2020-01-01T00:00:00.200Z');

/** One run: hash `files` through the index in `indexFile`, save it, say what was reused. */
async function night(indexFile: string, files: string[]) {
  const index = await StatIndex.load(indexFile);
  const sha256 = Object.fromEntries(await Promise.all(files.map(async (f) => [path.basename(f), await index.sha256(f)] as const)));
  await index.save();
  return { sha256, ...index.counts, problem: index.problem };
}

async function setup(names: string[] = ['ke-hoach.pdf']) {
  const dir = await tempDir();
  const files = [];
  for (const name of names) {
    const file = path.join(dir, 'batch', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `%PDF-1.7 ${name}`);
    await utimes(file, PAST, PAST);
    files.push(file);
  }
  return { dir, files, indexFile: statIndexPath(path.join(dir, 'cache'), path.join(dir, 'batch')) };
}

const stats = (over: Partial<FileStat> = {}): FileStat => ({
  size: 1200, mtimeNs: '1577836800200000000', ctimeNs: '1577836800200000000', ino: '42', dev: '2049', ...over,
});
const entry = (over: Partial<FileStat> = {}): StatEntry => ({ ...stats(over), sha256: 'a'.repeat(64) });
/** The index written at 2020-01-01T00:00:05Z, in ns. */
const LATER = 1577836805_000000000n;
const SAME_SECOND = 1577836800_900000000n;

describe('isFresh: when a recorded SHA-256 still holds', () => {
  it.each([
    ['every stat field the same, mtime seconds before the index was written', entry(), stats(), LATER, true],
    ['touched: another mtime', entry(), stats({ mtimeNs: '1577836801000000000' }), LATER, false],
    ['same size, edited in place: ctime changed', entry(), stats({ ctimeNs: '1577836802000000000' }), LATER, false],
    ['another size', entry(), stats({ size: 1201 }), LATER, false],
    ['replaced by rename: another inode', entry(), stats({ ino: '43' }), LATER, false],
    ['another file system: another device', entry(), stats({ dev: '2050' }), LATER, false],
    ['racily clean: same second as the index was written, even with every stat field the same', entry(), stats(), SAME_SECOND, false],
    ['racily clean: mtime after the index was written', entry({ mtimeNs: '1577836806000000000' }), stats({ mtimeNs: '1577836806000000000' }), LATER, false],
    ['no index written yet', entry(), stats(), null, false],
  ])('%s → %s', (_name, recorded, now, written, fresh) => {
    expect(isFresh(recorded, now, written)).toBe(fresh);
  });
});

describe('StatIndex across runs', () => {
  it('reuses the SHA-256 of an unchanged file without reading it', async () => {
    const { files, indexFile } = await setup();
    const first = await night(indexFile, files);
    expect(first).toMatchObject({ hashed: 1, reused: 0, problem: null });
    const second = await night(indexFile, files);
    expect(second).toMatchObject({ hashed: 0, reused: 1 });
    expect(second.sha256).toEqual(first.sha256);
  });

  it('leaves the index file as it is after a night that found nothing new', async () => {
    const { files, indexFile } = await setup(['a.pdf', 'b.pdf']);
    await night(indexFile, files);
    const written = (await stat(indexFile, { bigint: true })).mtimeNs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await night(indexFile, files)).toMatchObject({ hashed: 0, reused: 2 });
    expect((await stat(indexFile, { bigint: true })).mtimeNs).toBe(written);
  });

  it('counts a file known by its stat but read anyway once, as hashed', async () => {
    const { files, indexFile } = await setup();
    await night(indexFile, files);
    const index = await StatIndex.load(indexFile);
    const info = await stat(files[0]!, { bigint: true });
    const known = index.lookup(files[0]!, info);
    expect(known).not.toBeNull();
    // The reader had no kept reading for it (a refused file): it reads and hashes it again.
    index.record(files[0]!, info, known!);
    expect(index.counts).toEqual({ reused: 0, hashed: 1 });
  });

  it('hashes a touched file again (another mtime, same content)', async () => {
    const { files, indexFile } = await setup();
    await night(indexFile, files);
    await utimes(files[0]!, new Date('2020-02-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z'));
    expect(await night(indexFile, files)).toMatchObject({ hashed: 1, reused: 0 });
  });

  it('catches a same-size edit made in the same second the index was written (racily clean)', async () => {
    const { files, indexFile } = await setup();
    await night(indexFile, files);
    // The index was written in the very second the file was last modified…
    await utimes(indexFile, new Date(PAST.getTime() + 500), new Date(PAST.getTime() + 500));
    // …and the file changed within that second, same size, same mtime.
    await writeFile(files[0]!, '%PDF-1.7 ke-hoacX.pdf');
    await utimes(files[0]!, PAST, PAST);
    const after = await night(indexFile, files);
    expect(after).toMatchObject({ hashed: 1, reused: 0 });
    expect(after.sha256['ke-hoach.pdf']).toBe(sha256Hex('%PDF-1.7 ke-hoacX.pdf'));
  });

  it('hashes a racily clean entry again even when nothing changed, then trusts it once a later index is written', async () => {
    const { files, indexFile } = await setup();
    await night(indexFile, files);
    await utimes(indexFile, new Date(PAST.getTime() + 500), new Date(PAST.getTime() + 500));
    expect(await night(indexFile, files)).toMatchObject({ hashed: 1, reused: 0 });
    expect(await night(indexFile, files)).toMatchObject({ hashed: 0, reused: 1 });
  });

  it('hashes a file replaced by rename again (another inode, same size and mtime)', async () => {
    const { dir, files, indexFile } = await setup();
    await night(indexFile, files);
    const other = path.join(dir, 'batch', '.upload.tmp');
    await writeFile(other, '%PDF-1.7 ke-hoacX.pdf');
    await utimes(other, PAST, PAST);
    await rename(other, files[0]!);
    const after = await night(indexFile, files);
    expect(after).toMatchObject({ hashed: 1, reused: 0 });
    expect(after.sha256['ke-hoach.pdf']).toBe(sha256Hex('%PDF-1.7 ke-hoacX.pdf'));
  });

  it('drops a deleted file from the saved index', async () => {
    const { files, indexFile } = await setup(['a.pdf', 'b.pdf']);
    await night(indexFile, files);
    await rm(files[1]!);
    const index = await StatIndex.load(indexFile);
    await expect(index.sha256(files[1]!)).rejects.toMatchObject({ code: 'ENOENT' });
    await index.sha256(files[0]!);
    await index.save();
    const saved = JSON.parse(await readFile(indexFile, 'utf8')) as { entries: Record<string, StatEntry> };
    expect(Object.keys(saved.entries)).toEqual([files[0]]);
  });

  it.each([
    ['not JSON', '{"format": "cchc-stat-index", "entr'],
    ['another format', JSON.stringify({ format: 'git-index', version: 1, entries: {} })],
    ['an entry whose SHA-256 is not one', JSON.stringify({ format: 'cchc-stat-index', version: 1, entries: { '/x.pdf': { ...entry(), sha256: 'abc' } } })],
    ['a relative path', JSON.stringify({ format: 'cchc-stat-index', version: 1, entries: { 'x.pdf': entry() } })],
  ])('ignores a corrupt index (%s), says so in Vietnamese, and hashes everything', async (_name, text) => {
    const { files, indexFile } = await setup();
    await night(indexFile, files);
    await writeFile(indexFile, text);
    await utimes(indexFile, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const after = await night(indexFile, files);
    expect(after).toMatchObject({ hashed: 1, reused: 0 });
    expect(after.problem).toMatch(/^Chỉ mục trạng thái tệp .+ bị hỏng \(.+\), bỏ qua: mọi tệp được băm SHA-256 lại\.$/u);
    // The next run has a good index again.
    expect(await night(indexFile, files)).toMatchObject({ hashed: 0, reused: 1, problem: null });
  });

  it('keeps one index per batch folder inside the cache folder, never beside the inputs', async () => {
    const cache = '/srv/cchc/ket-qua/.cache';
    const a = statIndexPath(cache, '/data/cchc/2021-so');
    expect(path.dirname(a)).toBe(path.join(cache, 'stat-index'));
    expect(statIndexPath(cache, '/data/cchc/2021-huyen')).not.toBe(a);
  });

  it('within one run, a second look at an unchanged file uses the hash taken earlier in the run', async () => {
    const { files, indexFile } = await setup();
    const index = await StatIndex.load(indexFile);
    const first = await index.sha256(files[0]!);
    expect(await index.sha256(files[0]!)).toBe(first);
    expect(index.counts).toEqual({ hashed: 1, reused: 0 });
    const info: BigIntStats = await stat(files[0]!, { bigint: true });
    expect(index.lookup(files[0]!, info)).toBe(first);
  });
});
