import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverEvidence } from '../../pipeline/batch/discover-evidence.js';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { parse } from 'yaml';
import { batchYaml } from '../helpers/batch-yaml.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
beforeAll(async () => {
  framework = await loadFramework('hung-yen-2021-so', process.cwd());
});

async function batchWithFiles(files: string[]) {
  const dir = await tempDir();
  for (const f of files) {
    const full = path.join(dir, 'units', 'STP', 'evidence', f);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, '%PDF-1.4');
  }
  return parseBatch(parse(batchYaml()), dir);
}

describe('discoverEvidence', () => {
  it('lists files per criterion folder with batch-relative paths', async () => {
    const batch = await batchWithFiles(['1.1.1/Kế hoạch 05-KH-STP.pdf', '1.1.2/bao-cao.pdf', '1.1.2/phu-luc/bang-so-lieu.pdf']);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(findings).toEqual([]);
    expect(files.map((f) => [f.criterion, f.relPath])).toEqual([
      ['1.1.1', 'units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf'],
      ['1.1.2', 'units/STP/evidence/1.1.2/bao-cao.pdf'],
      ['1.1.2', 'units/STP/evidence/1.1.2/phu-luc/bang-so-lieu.pdf'],
    ]);
    expect(files[0]?.size).toBe(8);
  });

  it('gives NFC names for files stored with decomposed names (as macOS uploads them)', async () => {
    const batch = await batchWithFiles([`1.1.1/${'Kế hoạch.pdf'.normalize('NFD')}`]);
    const { files } = await discoverEvidence(batch, 'STP', framework);
    expect(files[0]?.name).toBe('Kế hoạch.pdf'.normalize('NFC'));
  });

  it('notes a folder that is no criterion, a file outside any folder and a parent criterion folder', async () => {
    const batch = await batchWithFiles(['9.9/a.pdf', 'lac.pdf', '1.1/b.pdf']);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files).toEqual([]);
    const reasons = findings.map((f) => f.reason);
    expect(reasons).toContain('Thư mục units/STP/evidence/9.9 không ứng với mã tiêu chí nào của bộ chỉ số hung-yen-2021-so.');
    expect(reasons).toContain('Tệp units/STP/evidence/lac.pdf nằm ngoài thư mục tiêu chí (evidence/<mã tiêu chí>/): không gắn được với tiêu chí nào.');
    expect(reasons.some((r) => r.includes('tiêu chí 1.1 có tiêu chí thành phần'))).toBe(true);
  });

  it('skips hidden files such as .DS_Store', async () => {
    const batch = await batchWithFiles(['1.2/.DS_Store', '1.2/bc.pdf']);
    const { files } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['bc.pdf']);
  });

  it('returns nothing for a unit without an evidence folder', async () => {
    const batch = await batchWithFiles([]);
    expect(await discoverEvidence(batch, 'STP', framework)).toEqual({ files: [], findings: [] });
  });
});
