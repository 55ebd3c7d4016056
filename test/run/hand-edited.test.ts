// An output document a person edited in place (a clerk filling the minutes' blanks in Word and saving
// in the output folder) is never overwritten by the next run: it is renamed aside, atomically, to
// `<name>.ban-sua-tay-<YYYYMMDD-HHMMSS>.<ext>` in the same folder, the new draft takes its name, and
// the run says so, naming both files. A file the previous run did not record is not called edited.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../../pipeline/documents/context.js';
import { handEditName, MANIFEST_FILE } from '../../pipeline/run/output-manifest.js';
import { nodeStageFs, OutputStage, settleOutputs, type StageFs, SWITCH_FILE } from '../../pipeline/run/output-set.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const MINUTES = 'bien-ban/bien-ban-tham-dinh-STP.docx';
const WORKBOOK = 'ket-qua-tham-dinh.xlsx';
const DECISION = 'quyet-dinh-cong-bo-chi-so-cchc.docx';
const KEPT_AS = /^bien-ban-tham-dinh-STP\.ban-sua-tay-\d{8}-\d{6}\.docx$/u;

describe('handEditName', () => {
  const at = new Date('2026-12-01T02:30:05Z'); // 09:30:05 in Việt Nam
  it.each([
    [MINUTES, 'bien-ban/bien-ban-tham-dinh-STP.ban-sua-tay-20261201-093005.docx'],
    [WORKBOOK, 'ket-qua-tham-dinh.ban-sua-tay-20261201-093005.xlsx'],
    [OUTPUT_FILES.roundMinutes('STP', 2), 'bien-ban/bien-ban-tham-dinh-STP-lan-2.ban-sua-tay-20261201-093005.docx'],
    [OUTPUT_FILES.decision, 'quyet-dinh-cong-bo-chi-so-cchc.ban-sua-tay-20261201-093005.docx'],
  ])('%s → %s (Vietnam time of the run)', (rel, expected) => {
    expect(handEditName(rel, at)).toBe(expected);
  });

  it('a name in use (an earlier set-aside in the same second) gets -2, -3…', () => {
    const used = new Set(['ket-qua-tham-dinh.ban-sua-tay-20261201-093005.xlsx', 'ket-qua-tham-dinh.ban-sua-tay-20261201-093005-2.xlsx']);
    expect(handEditName(WORKBOOK, at, (name) => used.has(name))).toBe('ket-qua-tham-dinh.ban-sua-tay-20261201-093005-3.xlsx');
  });
});

class Died extends Error {}

/** A file system that dies (as SIGKILL would) after `steps` operations. */
function dyingFs(steps: number): StageFs {
  let left = steps;
  const step = <T>(op: () => Promise<T>): Promise<T> => (left-- <= 0 ? Promise.reject(new Died('killed')) : op());
  return {
    writeFile: (file, data) => step(() => nodeStageFs.writeFile(file, data)),
    rename: (from, to) => step(() => nodeStageFs.rename(from, to)),
    unlink: (file) => step(() => nodeStageFs.unlink(file)),
    place: (from, to) => step(() => nodeStageFs.place(from, to)),
  };
}

describe('setting an edited output aside at the switch', () => {
  const ASIDE = 'bien-ban/a.ban-sua-tay-20261201-093005.docx';
  const switchSet = async (out: string, fs: StageFs) => {
    const stage = await OutputStage.begin(out, fs);
    await stage.write('bien-ban/a.docx', 'new draft');
    await stage.write('results.json', 'new results');
    stage.setAside('bien-ban/a.docx', ASIDE);
    await stage.commit(['results.json']);
  };
  const folder = async () => {
    const out = await tempDir();
    await mkdir(path.join(out, 'bien-ban'));
    await writeFile(path.join(out, 'bien-ban/a.docx'), 'clerk edit');
    await writeFile(path.join(out, 'results.json'), 'old results');
    return out;
  };

  it('uninterrupted: the edit under the set-aside name, the new draft in its place', async () => {
    const out = await folder();
    await switchSet(out, nodeStageFs);
    expect(await readFile(path.join(out, ASIDE), 'utf8')).toBe('clerk edit');
    expect(await readFile(path.join(out, 'bien-ban/a.docx'), 'utf8')).toBe('new draft');
  });

  // 2 staged writes, the plan, 1 set-aside, 2 moves, the plan's removal.
  for (let steps = 0; steps < 6; steps++) {
    it(`killed after ${steps} file operations, then settled (replayed): the clerk's edit is never lost nor moved twice`, async () => {
      const out = await folder();
      await expect(switchSet(out, dyingFs(steps))).rejects.toBeInstanceOf(Died);
      const committed = existsSync(path.join(out, SWITCH_FILE));
      await settleOutputs(out);
      // Settling twice (a second kill during the replay) changes nothing more.
      const once = await treeHash(out);
      await settleOutputs(out);
      expect(await treeHash(out)).toEqual(once);
      if (committed) {
        expect(await readFile(path.join(out, ASIDE), 'utf8')).toBe('clerk edit');
        expect(await readFile(path.join(out, 'bien-ban/a.docx'), 'utf8')).toBe('new draft');
      } else {
        expect(await readFile(path.join(out, 'bien-ban/a.docx'), 'utf8')).toBe('clerk edit');
        expect(existsSync(path.join(out, ASIDE))).toBe(false);
      }
    });
  }
});

describe('cchc run over an output folder whose documents a person edited', () => {
  it('keeps each edited document under a ban-sua-tay name, writes the new draft, and says so naming both files', async () => {
    const batch = await smallBatch();
    const out = path.join(await tempDir('cchc-hand-'), 'out');
    const args = ['run', batch, '--out', out, '--quiet', '--no-audit'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const draft = await readFile(path.join(out, MINUTES));
    const workbook = await readFile(path.join(out, WORKBOOK));
    const decision = await readFile(path.join(out, DECISION));

    // Word saving in place: other bytes at the same name.
    const edited = Buffer.concat([draft, Buffer.from('Vào hồi 08 giờ 30')]);
    await writeFile(path.join(out, MINUTES), edited);
    await writeFile(path.join(out, WORKBOOK), Buffer.concat([workbook, Buffer.from('sửa tay')]));

    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    const aside = (await readdir(path.join(out, 'bien-ban'))).filter((n) => n.includes('ban-sua-tay'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(KEPT_AS);
    expect(await readFile(path.join(out, 'bien-ban', aside[0]!))).toEqual(edited);
    expect(await readFile(path.join(out, MINUTES))).toEqual(draft);
    const workbookAside = (await readdir(out)).filter((n) => /^ket-qua-tham-dinh\.ban-sua-tay-\d{8}-\d{6}\.xlsx$/u.test(n));
    expect(workbookAside).toHaveLength(1);
    expect(await readFile(path.join(out, WORKBOOK))).toEqual(workbook);
    // The decision was not touched by anyone: neither set aside nor rewritten.
    expect(await readFile(path.join(out, DECISION))).toEqual(decision);
    expect((await readdir(out)).filter((n) => n.startsWith('quyet-dinh'))).toEqual([DECISION]);
    for (const text of [second.stdout, await readFile(path.join(out, 'cchc.log'), 'utf8')]) {
      expect(text).toContain('2 văn bản kết quả đã bị sửa trực tiếp sau lần chạy trước');
      expect(text).toContain(`${MINUTES}: bản sửa tay giữ lại thành bien-ban/${aside[0]}`);
      expect(text).toContain(`${WORKBOOK}: bản sửa tay giữ lại thành ${workbookAside[0]}`);
      expect(text).toContain('hãy sửa trên một bản sao');
    }

    // The next night, nothing changed: nothing is set aside again, nothing rewritten, nothing said.
    const before = await treeHash(out);
    const third = await runCli(args);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).not.toContain('sửa trực tiếp');
    const after = await treeHash(out);
    for (const rel of [...before.keys()].filter((r) => !r.startsWith('.') && r !== 'cchc.log' && !r.includes('/.'))) expect(after.get(rel), rel).toBe(before.get(rel));
    expect([...after.keys()].filter((r) => r.includes('ban-sua-tay'))).toHaveLength(2);
  }, 120_000);

  it('the edited minutes of a unit no longer in the batch are set aside too, never removed', async () => {
    const batch = await smallBatch([{ code: 'STP', name: 'Sở Tư pháp' }, { code: 'SNN', name: 'Sở Nông nghiệp' }]);
    const out = path.join(await tempDir('cchc-hand-'), 'out');
    const args = ['run', batch, '--out', out, '--quiet', '--no-audit'];
    expect((await runCli(args)).code).toBe(0);
    const snn = 'bien-ban/bien-ban-tham-dinh-SNN.docx';
    const edited = Buffer.concat([await readFile(path.join(out, snn)), Buffer.from('sửa tay')]);
    await writeFile(path.join(out, snn), edited);
    await writeFile(path.join(batch, 'batch.yaml'), batchYaml({ units: [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }] }));
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    const names = await readdir(path.join(out, 'bien-ban'));
    expect(names).not.toContain('bien-ban-tham-dinh-SNN.docx');
    const aside = names.filter((n) => /^bien-ban-tham-dinh-SNN\.ban-sua-tay-\d{8}-\d{6}\.docx$/u.test(n));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(out, 'bien-ban', aside[0]!))).toEqual(edited);
    expect(again.stdout).toContain(`${snn}: bản sửa tay giữ lại thành bien-ban/${aside[0]} (lần chạy này không lập lại văn bản này: đơn vị không còn được thẩm định)`);
  }, 120_000);

  it('without the previous run\'s record of the file (no manifest) the file is not called edited: it is written as before', async () => {
    const batch = await smallBatch();
    const out = path.join(await tempDir('cchc-hand-'), 'out');
    const args = ['run', batch, '--out', out, '--quiet', '--no-audit'];
    expect((await runCli(args)).code).toBe(0);
    const draft = await readFile(path.join(out, MINUTES));
    await rm(path.join(out, MANIFEST_FILE));
    await writeFile(path.join(out, MINUTES), 'không phải bản cchc ghi');
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(await readFile(path.join(out, MINUTES))).toEqual(draft);
    expect((await readdir(path.join(out, 'bien-ban'))).filter((n) => n.includes('ban-sua-tay'))).toEqual([]);
    expect(again.stdout).not.toContain('sửa trực tiếp');
  }, 120_000);
});
