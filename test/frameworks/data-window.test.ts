import { describe, expect, it } from 'vitest';
import { checkDataWindow, defaultDataWindow } from '../../pipeline/framework/data-window.js';
import { testBatch } from '../rules/support/factory.js';
import { bundled } from './support/batch.js';

describe('a framework\'s default data window', () => {
  it('Hưng Yên art. 6.1: 01/12 of the previous year to 30/11', async () => {
    expect(defaultDataWindow(await bundled('hung-yen-2021-so'), 2021)).toEqual({ from: '2020-12-01', to: '2021-11-30', cutoff: '2021-11-30' });
  });

  it('Thái Nguyên 2024 §5: cut off on 20/11/2024', async () => {
    expect(defaultDataWindow(await bundled('thai-nguyen-2024-so'), 2024)).toEqual({ from: '2023-12-01', to: '2024-11-20', cutoff: '2024-11-20' });
  });

  it('a batch that sets another period gets a note; the batch stays authoritative', async () => {
    const framework = await bundled('tuyen-quang-2023-so');
    const same = testBatch({ year: 2023, dataWindow: { from: '2022-12-01', to: '2023-11-30' }, cutoff: '2023-11-30' });
    expect(checkDataWindow(same, framework)).toBeNull();
    const calendar = testBatch({ year: 2023, dataWindow: { from: '2023-01-01', to: '2023-12-31' }, cutoff: '2023-12-31' });
    expect(checkDataWindow(calendar, framework)?.reason).toBe(
      'Thời gian chốt số liệu trong batch.yaml (từ ngày 01/01/2023 đến ngày 31/12/2023) khác với quy định của bộ chỉ số tuyen-quang-2023-so cho năm 2023 (từ ngày 01/12/2022 đến ngày 30/11/2023); tài liệu kiểm chứng được đối chiếu theo batch.yaml.',
    );
  });
});
