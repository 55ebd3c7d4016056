import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeDirectory, removeDeadTemps, sha256File, writeFileAtomic } from '../../pipeline/util/files.js';
import { normaliseZip } from '../../pipeline/util/zip.js';
import { tempDir } from '../helpers/temp.js';

describe('writeFileAtomic', () => {
  it('writes the content and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'nested', 'results.json');
    await writeFileAtomic(target, '{"a":1}');
    await writeFileAtomic(target, '{"a":2}');
    expect(await readFile(target, 'utf8')).toBe('{"a":2}');
    expect(await readdir(path.dirname(target))).toEqual(['results.json']);
  });

  it('hashes a file with SHA-256', async () => {
    const dir = await tempDir();
    await writeFileAtomic(path.join(dir, 'a.txt'), 'abc');
    expect(await sha256File(path.join(dir, 'a.txt'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('makeDirectory', () => {
  it('creates every missing level of a folder and accepts one that exists', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'a', 'b', 'c');
    await makeDirectory(target);
    await makeDirectory(target);
    expect(await readdir(path.join(dir, 'a', 'b'))).toEqual(['c']);
  });

  it('fails with ENOTDIR under a file instead of creating anything', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(makeDirectory(path.join(dir, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.runIf(process.platform === 'linux')('fails under /proc, where Node\'s recursive mkdir never returns', async () => {
    await expect(makeDirectory('/proc/cchc-nope/out')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('normaliseZip', () => {
  it('makes a workbook written at two different times byte-identical, and still readable', async () => {
    const make = async () => {
      const wb = new ExcelJS.Workbook();
      wb.created = wb.modified = new Date(Date.UTC(2021, 0, 1));
      wb.addWorksheet('Xếp hạng').addRow(['Sở Tư pháp', 98.69]);
      return normaliseZip(new Uint8Array(await wb.xlsx.writeBuffer()));
    };
    const first = await make();
    await new Promise((r) => setTimeout(r, 2100));
    const second = await make();
    expect(first.equals(second)).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(first as unknown as ArrayBuffer);
    expect(back.getWorksheet('Xếp hạng')?.getCell('B1').value).toBe(98.69);
  });
});

describe('removeDeadTemps (cache temp files left by a killed run)', () => {
  it('removes the temp files of a process that no longer exists, keeps a live writer\'s and every other file', async () => {
    const dir = await tempDir();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    await mkdir(path.join(dir, 'ab'), { recursive: true });
    await writeFile(path.join(dir, 'ab', `.ab12.reader-4.json.${dead}.0badcafe.tmp`), '{"half":');
    await writeFile(path.join(dir, 'ab', `.ab34.reader-4.json.${process.pid}.00c0ffee.tmp`), '{"writing":');
    await writeFile(path.join(dir, 'ab', 'ab12.reader-4.json'), '{}');
    expect(await removeDeadTemps(dir)).toBe(1);
    expect((await readdir(path.join(dir, 'ab'))).sort()).toEqual([`.ab34.reader-4.json.${process.pid}.00c0ffee.tmp`, 'ab12.reader-4.json']);
  });
});
