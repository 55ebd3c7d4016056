import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { renderDecision } from '../../pipeline/documents/decision.js';
import { renderMinutes } from '../../pipeline/documents/minutes.js';
import { renderWorkbook } from '../../pipeline/documents/workbook.js';
import { context, units } from './fixture.js';

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const renderAll = async () => [
  await renderMinutes(context(), units[1]!, 1),
  await renderDecision(context()),
  await renderWorkbook(context()),
];

describe('determinism: the same input gives byte-identical DOCX and XLSX', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('renders the same bytes twice, a moment apart', async () => {
    const first = (await renderAll()).map(sha);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await renderAll()).map(sha)).toEqual(first);
  });

  it('renders the same bytes in another time zone', async () => {
    process.env.TZ = 'UTC';
    const utc = (await renderAll()).map(sha);
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const hanoi = (await renderAll()).map(sha);
    process.env.TZ = 'America/Los_Angeles';
    const la = (await renderAll()).map(sha);
    expect(hanoi).toEqual(utc);
    expect(la).toEqual(utc);
  });

  it('dates the documents from the batch, not from the clock', async () => {
    for (const file of await renderAll()) {
      const core = new TextDecoder().decode(unzipSync(file)['docProps/core.xml']);
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2021-12-20T00:00:00Z</dcterms:created>');
      expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2021-12-20T00:00:00Z</dcterms:modified>');
    }
  });

  it('changes when the content changes', async () => {
    const other = await renderMinutes(context(), units[2]!, 1);
    expect(sha(other)).not.toBe(sha(await renderMinutes(context(), units[1]!, 1)));
  });
});
