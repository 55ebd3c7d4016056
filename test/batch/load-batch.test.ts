import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatch } from '../../pipeline/batch/load-batch.js';
import { CchcError, ExitCode } from '../../pipeline/util/errors.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { tempDir } from '../helpers/temp.js';

async function batchWith(yamlText: string): Promise<string> {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'batch.yaml'), yamlText);
  return dir;
}

async function problem(yamlText: string): Promise<string> {
  const dir = await batchWith(yamlText);
  const error = await loadBatch(dir).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CchcError);
  expect((error as CchcError).exitCode).toBe(ExitCode.BadBatch);
  return (error as CchcError).message;
}

describe('loadBatch', () => {
  it('loads the bundled sample batch', async () => {
    const batch = await loadBatch('fixtures/sample-batch');
    expect(batch.province).toBe('Hưng Yên');
    expect(batch.units.map((u) => u.code)).toContain('SXD');
    expect(batch.dataWindow).toEqual({ from: '2020-12-01', to: '2021-11-30' });
    expect(batch.inputs.survey).toMatch(/dieu-tra-xa-hoi-hoc\.xlsx$/u);
  });

  it('takes dates written as YAML dates and defaults the cut-off to the end of the data window', async () => {
    const dir = await batchWith(batchYaml().replace("from: '2020-12-01'", 'from: 2020-12-01').replace("to: '2021-11-30'", 'to: 2021-11-30'));
    const batch = await loadBatch(dir);
    expect(batch.dataWindow.from).toBe('2020-12-01');
    expect(batch.cutoff).toBe('2021-11-30');
  });

  it('names the folder when there is no batch.yaml', async () => {
    const dir = await tempDir();
    await expect(loadBatch(dir)).rejects.toThrow(/không có tệp batch\.yaml/u);
  });

  it('names the folder when it does not exist', async () => {
    await expect(loadBatch('/nonexistent/batch')).rejects.toThrow(/Không tìm thấy thư mục/u);
  });

  it('names the file and the field of a missing value', async () => {
    const message = await problem(batchYaml({ province: undefined }));
    expect(message).toMatch(/batch\.yaml, dòng 1, cột 1: province: thiếu giá trị bắt buộc/u);
  });

  it('rejects a date that is not on the calendar', async () => {
    const message = await problem(batchYaml({ dataWindow: { from: '2021-02-30', to: '2021-11-30' } }));
    expect(message).toMatch(/batch\.yaml, dòng \d+, cột \d+: dataWindow › from: /u);
    expect(message).toContain('ngày không có thật trên lịch');
  });

  it('rejects a data window that ends before it starts', async () => {
    expect(await problem(batchYaml({ dataWindow: { from: '2021-12-01', to: '2021-11-30' } }))).toContain('sau ngày kết thúc');
  });

  it('rejects a unit whose group is not declared', async () => {
    const message = await problem(batchYaml({ units: [{ code: 'UBND-TD', name: 'UBND huyện Tam Đường', group: 'huyen' }] }));
    expect(message).toMatch(/batch\.yaml, dòng \d+, cột \d+: units › đơn vị thứ 1 › group: nhóm "huyen" của đơn vị UBND-TD không có trong danh sách nhóm \(so\)/u);
  });

  it('rejects a duplicated unit code', async () => {
    const units = [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }, { code: 'STP', name: 'Sở Tài chính', group: 'so' }];
    const message = await problem(batchYaml({ units }));
    // The line and column of the second unit in the file, and its 1-based position, never `units[1]`.
    const yaml = batchYaml({ units });
    const line = yaml.split('\n').findIndex((l) => l.includes('name: Sở Tài chính')) ;
    expect(message).toContain(`batch.yaml, dòng ${line}, cột 5: units › đơn vị thứ 2: mã đơn vị STP bị trùng`);
    expect(message).not.toContain('units[1]');
  });

  it('rejects unit codes that cannot be folder names', async () => {
    expect(await problem(batchYaml({ units: [{ code: '../STP', name: 'Sở Tư pháp', group: 'so' }] }))).toMatch(/dòng \d+, cột \d+: units › đơn vị thứ 1 › code: mã chỉ gồm/u);
  });

  it('rejects unknown keys, so a typo does not pass silently', async () => {
    expect(await problem(batchYaml({ fremework: 'x' }))).toContain('fremework');
  });

  it('requires a framework for every group', async () => {
    const message = await problem(batchYaml({ framework: undefined }));
    expect(message).toContain('nhóm so chưa có bộ chỉ số');
  });

  it('reports broken YAML with its file', async () => {
    const dir = await batchWith('province: [Hưng Yên\n');
    await expect(loadBatch(dir)).rejects.toThrow(/batch\.yaml, dòng \d+, cột \d+: không đọc được YAML \(thiếu dấu đóng, ví dụ \] hoặc \} hoặc dấu nháy\)\.$/u);
  });

  it('normalises decomposed Vietnamese (NFD) to NFC', async () => {
    const dir = await batchWith(batchYaml({ province: 'Hưng Yên'.normalize('NFD') }));
    const batch = await loadBatch(dir);
    expect(batch.province).toBe('Hưng Yên'.normalize('NFC'));
  });

  it('resolves optional input files against the batch folder', async () => {
    const dir = await batchWith(batchYaml({ inputs: { survey: 'dieu-tra.xlsx' } }));
    await mkdir(path.join(dir, 'units'));
    const batch = await loadBatch(dir);
    expect(batch.inputs.survey).toBe(path.join(dir, 'dieu-tra.xlsx'));
  });
});
