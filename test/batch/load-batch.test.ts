import { mkdir, symlink, writeFile } from 'node:fs/promises';
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

  it('names the line of an unknown key, not the start of the file', async () => {
    const text = `${batchYaml({})}foo: bar\n`;
    const line = text.split('\n').findIndex((l) => l.startsWith('foo:')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(await problem(text)).toMatch(new RegExp(`batch\\.yaml, dòng ${line}, cột \\d+: .*"foo"`, 'u'));
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

  it('rejects two units of one group with one name (case, diacritics and spaces aside), which the decision\'s annex could not tell apart', async () => {
    const units = [{ code: 'SXD', name: 'Sở Xây dựng', group: 'so' }, { code: 'SXD2', name: 'SỞ XÂY  DỰNG', group: 'so' }];
    expect(await problem(batchYaml({ units }))).toMatch(/units › đơn vị thứ 2 › name: tên đơn vị "SỞ XÂY {2}DỰNG" \(SXD2\) trùng với đơn vị SXD \(đơn vị thứ 1\) cùng nhóm/u);
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

  it('says every YAML problem in Vietnamese with its line, never the library\'s English', async () => {
    const cases: Array<[string, RegExp]> = [
      ['province: "Hưng\\q Yên"\n', /dòng 1, cột \d+: không đọc được YAML \(chuỗi trong dấu nháy kép có dấu \\ không hợp lệ/u],
      ['province: Hưng Yên\n---\nyear: 2021\n', /dòng 2, cột 1: không đọc được YAML \(tệp có nhiều hơn một tài liệu/u],
      ['province: Hưng Yên\ncouncil:\n  name: *to-tham-dinh\n', /dòng 3, cột 9: không đọc được YAML \(bí danh \*to-tham-dinh không trỏ tới nhãn &to-tham-dinh nào/u],
    ];
    for (const [text, expected] of cases) {
      const message = await loadBatch(await batchWith(text)).then(() => '', (e: unknown) => { expect(e).toBeInstanceOf(CchcError); return (e as Error).message; });
      expect(message).toMatch(expected);
      expect(message).not.toMatch(/[A-Z][a-z]+ (alias|error|escape|document)/u);
    }
  });

  it('says batch.yaml is empty when it holds nothing but blanks and comments (not "null")', async () => {
    for (const text of ['', '\n\n', '# đợt 2021\n   \n', '\uFEFF']) {
      const message = await loadBatch(await batchWith(text)).then(() => '', (e: unknown) => { expect(e).toBeInstanceOf(CchcError); return (e as Error).message; });
      expect(message).toMatch(/batch\.yaml rỗng \(không có nội dung nào ngoài dòng trống hoặc chú thích\)/u);
      expect(message).not.toContain('null');
    }
  });

  it('names batch.yaml when it is a folder, not a file (EISDIR)', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'batch.yaml'));
    await expect(loadBatch(dir)).rejects.toThrow(/Không đọc được tệp .*batch\.yaml \(là một thư mục, không phải tệp\)\.$/u);
  });
});

describe('paths batch.yaml declares', () => {
  it('`templates:` naming a folder that does not exist stops the run, naming it (never the bundled prose in silence)', async () => {
    const dir = await batchWith(batchYaml({ templates: 'mau-van-ban' }));
    const message = await problem(batchYaml({ templates: 'mau-van-ban' })).catch(() => '');
    expect(message).toMatch(/batch\.yaml, dòng \d+, cột \d+: templates: thư mục mẫu văn bản .*mau-van-ban không tồn tại\./u);
    await mkdir(path.join(dir, 'mau-van-ban'));
    await expect(loadBatch(dir)).resolves.toMatchObject({ templates: path.join(dir, 'mau-van-ban') });
  });

  it('`survey: ../../../etc/passwd` is refused: nothing outside the batch folder is opened', async () => {
    const message = await problem(batchYaml({ inputs: { survey: '../../../etc/passwd' } }));
    expect(message).toMatch(/batch\.yaml, inputs › survey: đường dẫn \/etc\/passwd nằm ngoài thư mục đợt thẩm định/u);
  });

  it('an absolute path is accepted only inside the batch folder', async () => {
    expect(await problem(batchYaml({ inputs: { adjustments: '/etc/passwd' } }))).toContain('inputs › adjustments: đường dẫn /etc/passwd nằm ngoài thư mục đợt thẩm định');
    const dir = await tempDir();
    await writeFile(path.join(dir, 'batch.yaml'), batchYaml({ inputs: { survey: path.join(dir, 'dieu-tra.xlsx') } }));
    await expect(loadBatch(dir)).resolves.toMatchObject({ inputs: { survey: path.join(dir, 'dieu-tra.xlsx') } });
  });

  it('a link inside the batch that leads out of it is refused (paths are compared after resolving links)', async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, 'dieu-tra.xlsx'), 'x');
    const dir = await batchWith(batchYaml({ inputs: { survey: 'dung-chung/dieu-tra.xlsx' }, trust: 'dung-chung' }));
    await symlink(outside, path.join(dir, 'dung-chung'));
    const message = await loadBatch(dir).then(() => '', (e: unknown) => (e as Error).message);
    expect(message).toMatch(/inputs › survey: đường dẫn .*dung-chung\/dieu-tra\.xlsx nằm ngoài thư mục đợt thẩm định \(qua liên kết symlink\)/u);
    expect(message).toMatch(/trust: đường dẫn .*dung-chung nằm ngoài thư mục đợt thẩm định/u);
  });

  it('framework files, corrections and carried snapshots are held to the same rule; bundled framework names are not paths', async () => {
    const message = await problem(batchYaml({
      framework: '../khung/bo-chi-so.yaml',
      inputs: { corrections: ['hieu-chinh-STP.json', '../hieu-chinh-SXD.json'] },
      rounds: [{ name: 'Lần 1', until: '2021-12-20T23:59', snapshot: { file: '/tmp/lan-1.json', sha256: 'a'.repeat(64) } }],
    }));
    expect(message).toContain('framework của nhóm so: đường dẫn');
    expect(message).toContain('inputs › corrections › tệp thứ 2: đường dẫn');
    expect(message).not.toContain('tệp thứ 1');
    expect(message).toContain('rounds › Lần 1 › snapshot › file: đường dẫn /tmp/lan-1.json');
  });
});
