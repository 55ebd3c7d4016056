// The calendar in batch.yaml: rounds in Vietnam time whatever the machine's zone, checked with
// Vietnamese messages that name the field.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatch } from '../../pipeline/batch/load-batch.js';
import { roundAt, roundsClosed, vietnamInstant } from '../../pipeline/rounds/calendar.js';
import { CchcError } from '../../pipeline/util/errors.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { tempDir } from '../helpers/temp.js';

async function load(rounds: unknown) {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'batch.yaml'), batchYaml({ rounds }));
  return loadBatch(dir);
}

async function problem(rounds: unknown): Promise<string> {
  const error = await load(rounds).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CchcError);
  return (error as CchcError).message;
}

const LAO_CAI = [
  { name: 'Lần 1', until: '2021-12-20T23:59' },
  { name: 'Lần 2', from: '2021-12-26', until: '2021-12-31T23:59', scope: 'requested' },
];

describe('the calendar (Lào Cai 2021 §4: until 20/12, then 26–31/12 for supplements)', () => {
  it('reads the rounds in Vietnam time (UTC+7), whatever the machine zone', async () => {
    const batch = await load(LAO_CAI);
    expect(batch.rounds?.map((r) => [r.name, r.until, r.untilText, r.scope])).toEqual([
      ['Lần 1', '2021-12-20T17:00:00.000Z', '23:59 ngày 20/12/2021', null],
      ['Lần 2', '2021-12-31T17:00:00.000Z', '23:59 ngày 31/12/2021', 'requested'],
    ]);
    expect(batch.rounds?.[1]?.from).toBe('2021-12-25T17:00:00.000Z');
  });

  it.each([
    ['23:59:30 on 20/12 is still round 1', '2021-12-20T16:59:30Z', 'Lần 1'],
    ['00:00 on 21/12 is after it', '2021-12-20T17:00:00Z', null],
    ['25/12, the council is appraising: locked', '2021-12-24T10:00:00Z', null],
    ['26/12 at 00:00 opens round 2', '2021-12-25T17:00:00Z', 'Lần 2'],
    ['01/01 is after the last deadline', '2021-12-31T17:00:00Z', null],
  ])('%s', async (_label, instant, round) => {
    const batch = await load(LAO_CAI);
    expect(roundAt(batch.rounds!, new Date(instant))?.name ?? null).toBe(round);
  });

  it('closes a round at its deadline (Thái Nguyên 2024: the software locks at 17:00 on 25/11/2024)', async () => {
    const batch = await load([{ name: 'Tự chấm', from: '2024-10-31', until: '2024-11-25T17:00' }]);
    expect(roundsClosed(batch.rounds!, new Date('2024-11-25T17:00:30+07:00'))).toEqual([]);
    expect(roundsClosed(batch.rounds!, new Date('2024-11-25T17:01:00+07:00')).map((r) => r.name)).toEqual(['Tự chấm']);
  });

  it('a bare date takes the whole day (Tuyên Quang 2023: 13/3 to 31/3/2024)', () => {
    expect(vietnamInstant('2024-03-31', true)?.toISOString()).toBe('2024-03-31T17:00:00.000Z');
    expect(vietnamInstant('2024-03-13', false)?.toISOString()).toBe('2024-03-12T17:00:00.000Z');
  });

  it.each([
    ['a round without until', [{ name: 'Lần 1' }], /rounds\[0\]\.until: vòng "Lần 1" chưa có thời hạn \(until\)/u],
    ['overlapping rounds', [{ name: 'Lần 1', until: '2021-12-20T23:59' }, { name: 'Lần 2', from: '2021-12-20', until: '2021-12-31' }],
      /rounds\[1\]: vòng "Lần 2" \(từ ngày 20\/12\/2021\) chồng lên vòng "Lần 1" \(hạn 23:59 ngày 20\/12\/2021\)/u],
    ['a window that ends before it starts', [{ name: 'Lần 1', from: '2021-12-21', until: '2021-12-20' }], /rounds\[0\]\.from: vòng "Lần 1" bắt đầu \(ngày 21\/12\/2021\) không trước thời hạn/u],
    ['a time that does not exist', [{ name: 'Lần 1', until: '2021-02-30T10:00' }], /rounds\[0\]\.until: thời điểm 2021-02-30T10:00 không có thật trên lịch/u],
    ['a time with a zone', [{ name: 'Lần 1', until: '2021-12-20T23:59Z' }], /rounds › vòng thứ 1 › until: thời điểm phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM \(giờ Việt Nam\)/u],
    ['a scope on the first round', [{ name: 'Lần 1', until: '2021-12-20', scope: 'all' }], /rounds\[0\]\.scope: vòng đầu tiên không có phạm vi bổ sung/u],
    ['an unknown scope', [{ name: 'Lần 1', until: '2021-12-20' }, { name: 'Lần 2', until: '2021-12-31', scope: 'some' }], /rounds › vòng thứ 2 › scope: phạm vi \(scope\) là requested/u],
    ['two rounds with one name', [{ name: 'Lần 1', until: '2021-12-20' }, { name: 'Lần 1', until: '2021-12-31' }], /rounds\[1\]\.name: tên vòng "Lần 1" bị trùng/u],
    ['a carried snapshot without a proper SHA-256', [{ name: 'Lần 1', until: '2021-12-20', snapshot: { file: 's.json', sha256: 'abc' } }], /rounds › vòng thứ 1 › snapshot › sha256: SHA-256 gồm 64 chữ số hệ 16/u],
  ])('rejects %s, naming the field', async (_label, rounds, message) => {
    const text = await problem(rounds);
    expect(text).toMatch(/batch\.yaml/u);
    expect(text).toMatch(message);
  });
});
