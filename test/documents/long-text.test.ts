// Any user text that reaches layout (names, titles, bases, members) is laid out in time proportional
// to its length: a pasted paragraph as a unit name must not stall the document phase.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, OUTPUT_FILES } from '../../pipeline/documents/context.js';
import { balanceLines } from '../../pipeline/documents/decree30-docx.js';
import { textWidthTwips } from '../../pipeline/documents/text-width.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';

const PARAGRAPH = 'Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính tỉnh';

/** A pasted paragraph of about `chars` characters. */
function pasted(chars: number): string {
  let text = '';
  while (text.length < chars) text += `${PARAGRAPH} `;
  return text.slice(0, chars).trim();
}

describe('balancing header lines', () => {
  it('a 5,000-character unit name is set on lines that each fit, words in order', () => {
    const name = pasted(5000).toUpperCase();
    const lines = balanceLines(name, 3800, 13, true);
    expect(lines.join(' ')).toBe(name.split(/\s+/u).join(' '));
    for (const line of lines) expect(textWidthTwips(line, 13, true)).toBeLessThanOrEqual(3800 * 0.94);
    expect(lines.length).toBeGreaterThan(50);
  });

  it('uses the fewest lines: no two neighbouring lines would fit on one', () => {
    const lines = balanceLines(pasted(1200).toUpperCase(), 3800, 13, true);
    for (let i = 1; i < lines.length; i++) {
      expect(textWidthTwips(`${lines[i - 1]} ${lines[i]}`, 13, true)).toBeGreaterThan(3800 * 0.94 * 0.5);
    }
  });

  it('a word wider than the line stands alone; the others are not one word per line', () => {
    const long = 'X'.repeat(400);
    const lines = balanceLines(`SỞ NỘI VỤ ${long} TỈNH HƯNG YÊN`, 3800, 13, true);
    expect(lines).toEqual(['SỞ NỘI VỤ', long, 'TỈNH HƯNG YÊN']);
  });
});

describe('long texts from batch.yaml in the documents', () => {
  it('a run with a 5,000-character unit name, council name, member, bases and signer completes', async () => {
    const long = pasted(5000);
    const batch = await smallBatch([{ code: 'STP', name: long }], {
      title: pasted(2000),
      council: {
        name: long, parentBody: long.toUpperCase(), body: long.toUpperCase(), minutesSymbol: 'BB-TTĐ', place: 'Hưng Yên',
        meetingPlace: long, meetingDate: '2021-12-20',
        members: [{ name: long, title: long, role: 'Tổ trưởng' }],
      },
      decision: {
        issuingBody: long.toUpperCase(), symbol: 'QĐ-UBND', place: 'Hưng Yên', authority: long,
        bases: [long, long], executors: long, recipients: [long],
        signer: { prefixes: [long], title: long, name: long },
      },
    });
    const out = `${batch}-out`;
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(await readdir(path.join(out, 'bien-ban'))).toEqual(['bien-ban-tham-dinh-STP.docx']);
    expect(existsSync(path.join(out, 'quyet-dinh-cong-bo-chi-so-cchc.docx'))).toBe(true);
  }, 120_000);
});

describe('long unit codes in output file names', () => {
  it('a 240-character unit code: the minutes get a capped name ending in a hash, and the run completes', async () => {
    const code = `SO-${'NOIVU'.repeat(47)}-1`;
    expect(code).toHaveLength(240);
    const other = `${code.slice(0, -1)}2`;
    expect(OUTPUT_FILES.minutes(code)).not.toBe(OUTPUT_FILES.minutes(other));
    const name = path.basename(OUTPUT_FILES.minutes(code));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name).toMatch(/^bien-ban-tham-dinh-SO-NOIVU.*-[0-9a-f]{8}\.docx$/u);
    expect(OUTPUT_FILES.minutes('STP')).toBe('bien-ban/bien-ban-tham-dinh-STP.docx');

    const batch = await smallBatch([{ code, name: 'Sở Nội vụ' }]);
    const out = `${batch}-out`;
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(await readdir(path.join(out, 'bien-ban'))).toEqual([name]);
  }, 120_000);
});
