// The minutes' numbers in the council's series (01/BB-TTĐ, …) are the units' places in batch.yaml:
// a unit that cannot be appraised tonight (its report taken away) leaves its number free, and the
// minutes already printed or signed for the units after it keep theirs.
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../../pipeline/documents/context.js';
import { docxText } from '../documents/docx-text.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';

const UNITS = [{ code: 'STP', name: 'Sở Tư pháp' }, { code: 'SXD', name: 'Sở Xây dựng' }, { code: 'SYT', name: 'Sở Y tế' }];

describe('the minutes\' numbers', () => {
  it('follow batch.yaml\'s order and do not shift when an earlier unit drops out', async () => {
    const batch = await smallBatch(UNITS);
    const out = `${batch}-out`;
    const numberOf = async (code: string) => /Số: (\d+\/BB-TTĐ)/u.exec(docxText(await readFile(path.join(out, OUTPUT_FILES.minutes(code)))))?.[1];
    expect((await runCli(['run', batch, '--out', out, '--quiet'])).code).toBe(0);
    expect([await numberOf('STP'), await numberOf('SXD'), await numberOf('SYT')]).toEqual(['01/BB-TTĐ', '02/BB-TTĐ', '03/BB-TTĐ']);
    await rename(path.join(batch, 'units', 'STP', 'report.xlsx'), path.join(batch, 'units', 'STP', 'report-cu.txt'));
    await runCli(['run', batch, '--out', out, '--quiet']);
    expect([await numberOf('SXD'), await numberOf('SYT')]).toEqual(['02/BB-TTĐ', '03/BB-TTĐ']);
  }, 120_000);
});
