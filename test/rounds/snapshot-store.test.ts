// Snapshots are written once, atomically, never rewritten, and checked against their SHA-256.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Round } from '../../pipeline/rounds/calendar.js';
import { emptyIndex, loadIndex, recordSightings, contentAt, type Observation } from '../../pipeline/rounds/first-seen.js';
import {
  readCarriedSnapshot, readStoredSnapshot, removeSnapshotLeftovers, sha256Hex, storeSnapshot,
} from '../../pipeline/rounds/snapshot-store.js';
import { buildSnapshot, serialiseSnapshot } from '../../pipeline/rounds/snapshot.js';
import { testBatch } from '../rules/support/factory.js';
import { tempDir } from '../helpers/temp.js';

const ROUND: Round = { index: 1, name: 'Lần 1', until: '2021-12-20T17:00:00.000Z', untilText: '23:59 ngày 20/12/2021', scope: null };

const seen = (relPath: string, sha256: string, mtime = '2021-12-01T00:00:00.000Z'): Observation => ({
  relPath, unit: 'STP', criterion: '1.1.1', sha256, size: 10, mtime,
  content: { kind: 'evidence', reading: { sha256 } as never },
});

describe('the first-seen index', () => {
  const FILE = 'units/STP/evidence/1.1.1/KH.pdf';
  const units = new Set(['STP']);

  it('keeps the first time a content was seen; a replacement after the deadline does not change what was there', () => {
    let index = emptyIndex(new Date('2021-12-10T00:00:00Z'));
    index = recordSightings(index, [seen(FILE, 'a')], new Date('2021-12-10T00:00:00Z'), units);
    index = recordSightings(index, [seen(FILE, 'a')], new Date('2021-12-15T00:00:00Z'), units);
    index = recordSightings(index, [seen(FILE, 'b')], new Date('2021-12-21T00:00:00Z'), units);
    const at = contentAt(index, index.paths[FILE]!, new Date(ROUND.until));
    expect(at?.sighting.sha256).toBe('a');
    expect(at?.sighting.firstSeen).toBe('2021-12-10T00:00:00.000Z');
    expect(at?.basis).toBe('first-seen');
  });

  it('records a removal, so a file removed before the deadline is not in the snapshot', () => {
    let index = emptyIndex(new Date('2021-12-10T00:00:00Z'));
    index = recordSightings(index, [seen(FILE, 'a')], new Date('2021-12-10T00:00:00Z'), units);
    index = recordSightings(index, [], new Date('2021-12-18T00:00:00Z'), units);
    expect(contentAt(index, index.paths[FILE]!, new Date(ROUND.until))).toBeNull();
  });

  it('never trusts a recent mtime over history: a file first seen after the deadline is late even if its mtime says otherwise', () => {
    let index = emptyIndex(new Date('2021-12-10T00:00:00Z'));
    index = recordSightings(index, [seen(FILE, 'a', '2021-12-01T00:00:00.000Z')], new Date('2021-12-21T00:00:00Z'), units);
    expect(contentAt(index, index.paths[FILE]!, new Date(ROUND.until))).toBeNull();
  });

  it('falls back on mtime only when the history began after the deadline, and says so', () => {
    let index = emptyIndex(new Date('2021-12-21T00:00:00Z'));
    index = recordSightings(index, [seen(FILE, 'a', '2021-12-01T00:00:00.000Z'), seen(`${FILE}2`, 'b', '2021-12-20T18:00:00.000Z')], new Date('2021-12-21T00:00:00Z'), units);
    expect(contentAt(index, index.paths[FILE]!, new Date(ROUND.until))?.basis).toBe('mtime');
    expect(contentAt(index, index.paths[`${FILE}2`]!, new Date(ROUND.until))).toBeNull();
  });
});

describe('the first-seen index on disk', () => {
  it('stops the run with a Vietnamese message when it is damaged, rather than start a new history silently', async () => {
    const out = await tempDir();
    await mkdir(path.join(out, '.history'), { recursive: true });
    await writeFile(path.join(out, '.history/first-seen.json'), '{"format":"cchc-first-seen/1","paths":');
    await expect(loadIndex(out, new Date())).rejects.toThrow(/chỉ mục "lần đầu thấy" bị hỏng hoặc không phải của cchc/u);
  });
});

describe('snapshots on disk', () => {
  it('are written once: a second write keeps the first bytes', async () => {
    const out = await tempDir();
    const first = await storeSnapshot(out, ROUND, '{"format":"cchc-snapshot/1","round":{"index":1,"until":"2021-12-20T17:00:00.000Z"},"units":[]}\n');
    const second = await storeSnapshot(out, ROUND, '{"format":"cchc-snapshot/1","round":{"index":1,"until":"2021-12-20T17:00:00.000Z"},"units":[{"code":"X"}]}\n');
    expect(second.sha256).toBe(first.sha256);
    expect(second.snapshot.units).toEqual([]);
    expect(await readFile(path.join(out, 'snapshots/lan-1.json.sha256'), 'utf8')).toBe(`${first.sha256}  lan-1.json\n`);
  });

  it('stop the run when edited after they were written', async () => {
    const out = await tempDir();
    await storeSnapshot(out, ROUND, '{"format":"cchc-snapshot/1","round":{"index":1,"until":"2021-12-20T17:00:00.000Z"},"units":[]}\n');
    await writeFile(path.join(out, 'snapshots/lan-1.json'), '{"format":"cchc-snapshot/1","round":{"index":1,"until":"2021-12-20T17:00:00.000Z"},"units":[{"code":"X","files":[]}]}\n');
    await expect(readStoredSnapshot(out, ROUND)).rejects.toThrow(/Ảnh chụp hồ sơ Lần 1 .* đã bị sửa sau khi ghi/u);
  });

  it('carried by a batch are checked against the SHA-256 batch.yaml gives', async () => {
    const dir = await tempDir();
    const batch = testBatch({ dir, units: [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }] });
    const bytes = serialiseSnapshot(buildSnapshot(batch, ROUND, emptyIndex(new Date('2021-12-01T00:00:00Z')), new Date('2021-12-21T00:00:00Z')));
    await writeFile(path.join(dir, 'lan-1.json'), bytes);
    const rel = (f: string) => path.relative(dir, f);
    const good = await readCarriedSnapshot({ ...ROUND, snapshot: { file: path.join(dir, 'lan-1.json'), sha256: sha256Hex(bytes) } }, rel);
    expect(good?.origin).toBe('batch');
    const wrong = '0'.repeat(64);
    await expect(readCarriedSnapshot({ ...ROUND, snapshot: { file: path.join(dir, 'lan-1.json'), sha256: wrong } }, rel))
      .rejects.toThrow(`Ảnh chụp hồ sơ Lần 1 lan-1.json có SHA-256 ${sha256Hex(bytes)}, khác giá trị khai báo trong batch.yaml (rounds[0].snapshot.sha256: ${wrong})`);
  });

  it('survive kill -9 at any point: never half-written, never two', async () => {
    const out = await tempDir();
    const target = path.join(out, 'snapshots', 'lan-1.json');
    const SIZE = 8_000_000;
    // Each writer writes 8 MB of "x" and its own tag; a torn file would be shorter or mix tags.
    const script = `import('${path.resolve('dist/pipeline/rounds/snapshot-store.js')}').then(async (m) => { process.stdout.write('go\\n'); await m.writeOnce(process.argv[1], 'x'.repeat(${SIZE}) + process.argv[2]); });`;
    const whole = (text: string) => text.length > SIZE && /^\d+$/u.test(text.slice(SIZE)) && !text.slice(0, SIZE).includes('\n');
    let first: string | null = null;
    for (const delayMs of [0, 1, 3, 8, 15, 30, 60]) {
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, ['-e', script, target, String(delayMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
        child.on('exit', () => resolve());
      });
      if (!existsSync(target)) continue;
      const text = await readFile(target, 'utf8');
      expect(whole(text)).toBe(true);
      first ??= text;
      // Once there, never replaced by a later writer.
      expect(text).toBe(first);
    }
    await removeSnapshotLeftovers(out);
    const names = await readdir(path.join(out, 'snapshots')).catch(() => [] as string[]);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('lan-1'))).toEqual(existsSync(target) ? ['lan-1.json'] : []);
  });
});
