import { describe, expect, it } from 'vitest';
import { parseCitations } from '../../pipeline/evidence/citations.js';

describe('parseCitations', () => {
  it('Tam Đường: every căn cứ with its number and short date', () => {
    const body = `Căn cứ Quyết định số 29/2019/QĐ-UBND ngày 19/9/2019 của UBND tỉnh Lai Châu ban hành Quy định;
Căn cứ Kế hoạch số 2993/KH-UBND ngày 23/12/2019 của UBND tỉnh Lai Châu;
Căn cứ Quyết định số 2315/QĐ-UBND ngày 24/12/2019 của UBND huyện Tam Đường;`;
    expect(parseCitations(body, '1202/UBND-NV')).toEqual([
      { number: '29/2019/QĐ-UBND', date: '2019-09-19', text: 'Quyết định số 29/2019/QĐ-UBND ngày 19/9/2019' },
      { number: '2993/KH-UBND', date: '2019-12-23', text: 'Kế hoạch số 2993/KH-UBND ngày 23/12/2019' },
      { number: '2315/QĐ-UBND', date: '2019-12-24', text: 'Quyết định số 2315/QĐ-UBND ngày 24/12/2019' },
    ]);
  });

  it('Lào Cai: a long-form date in the body', () => {
    const body = 'Thực hiện Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021 của Ủy ban nhân dân tỉnh';
    expect(parseCitations(body, null)).toEqual([
      { number: '2910/QĐ-UBND', date: '2021-08-13', text: 'Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021' },
    ]);
  });

  it('a suffixed number cited in the body is a citation, with its suffix', () => {
    const body = 'Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ và Kế hoạch số 30a/KH-SXD của Sở Xây dựng.';
    expect(parseCitations(body, '12/BC-SXD').map((c) => [c.number, c.date])).toEqual([
      ['30c/NQ-CP', '2011-11-08'],
      ['30a/KH-SXD', null],
    ]);
  });

  it('leaves out the document’s own number and repeats', () => {
    const body = 'Kế hoạch số 12/KH-SNV ngày 05/02/2024. Theo Công văn số 845/UBND-NC ngày 07/3/2024; Công văn số 845/UBND-NC ngày 07/3/2024.';
    expect(parseCitations(body, '12/KH-SNV').map((c) => c.number)).toEqual(['845/UBND-NC']);
  });

  it('dates and V/v lines are not document numbers', () => {
    expect(parseCitations('V/v hướng dẫn ngày 12/3/2023, tỷ lệ 1/2 số hồ sơ', null)).toEqual([]);
  });
});
