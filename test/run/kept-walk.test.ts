// The batch walk a kept record vouches for (pipeline/run/kept-run.ts walkTree): the same tree gives
// the same digest; any entry added, removed, renamed or changed (even edited in place with its size
// and modification time put back) gives another; a batch given as a link is walked where it leads.
import { mkdir, rename, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkTree } from '../../pipeline/run/kept-run.js';
import { tempDir } from '../helpers/temp.js';

async function tree(): Promise<string> {
  const dir = await tempDir('cchc-walk-');
  await mkdir(path.join(dir, 'units/STP/evidence/1.1.1'), { recursive: true });
  await writeFile(path.join(dir, 'batch.yaml'), 'province: Hưng Yên\n');
  await writeFile(path.join(dir, 'units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf'), '%PDF-1.7 một');
  return dir;
}

describe('walkTree', () => {
  it('the same tree walked twice gives the same digest and entry count', async () => {
    const dir = await tree();
    const a = walkTree(dir);
    const b = walkTree(dir);
    expect(b.digest).toBe(a.digest);
    expect(a.entries).toBe(7);
  });

  it('a file added, renamed or edited in place (size and mtime put back) changes the digest', async () => {
    const dir = await tree();
    const seen = new Set([walkTree(dir).digest]);
    const pdf = path.join(dir, 'units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf');
    const before = await stat(pdf);
    await writeFile(pdf, '%PDF-1.7 hai');
    await utimes(pdf, before.atime, before.mtime);
    seen.add(walkTree(dir).digest);
    await rename(pdf, path.join(dir, 'units/STP/evidence/1.1.1/Kế hoạch 06-KH-STP.pdf'));
    seen.add(walkTree(dir).digest);
    await writeFile(path.join(dir, 'hieu-chinh-STP.json'), '{}');
    seen.add(walkTree(dir).digest);
    expect(seen.size).toBe(4);
  });

  it('a batch given as a link is walked where it leads: a change inside it shows', async () => {
    const dir = await tree();
    const link = path.join(await tempDir('cchc-walk-link-'), 'dot-2021');
    await symlink(dir, link);
    const before = walkTree(link);
    expect(before.entries).toBe(7);
    await writeFile(path.join(dir, 'units/STP/report.xlsx'), 'x');
    expect(walkTree(link).digest).not.toBe(before.digest);
  });

  it('a missing folder is digested as missing, not as an empty one', async () => {
    const dir = await tempDir('cchc-walk-');
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    expect(walkTree(path.join(dir, 'absent')).digest).not.toBe(walkTree(empty).digest);
  });
});
