// Documents for the reader's end-to-end tests, laid out as Decree 30 prescribes, with body
// citations (suffixed numbers, long-form dates) as distractors.
import type { DocumentSpec } from '../../scripts/lib/decree30-pdf.js';

export const SIGNER = { agency: 'Sở Giáo dục và Đào tạo', parent: 'Tỉnh Lào Cai', email: 'sgddt@laocai.gov.vn' };

/** Sở Xây dựng Hưng Yên's plan `30a/KH-SXD` of 05/02/2024. */
export function planSpec(overrides: Partial<DocumentSpec> = {}): DocumentSpec {
  return {
    parentBody: 'UBND TỈNH HƯNG YÊN',
    issuingBody: 'SỞ XÂY DỰNG',
    numeral: '30a',
    symbol: 'KH-SXD',
    place: 'Hưng Yên',
    date: { day: 5, month: 2, year: 2024 },
    kind: 'KẾ HOẠCH',
    summary: 'Cải cách hành chính năm 2024',
    body: [
      'Căn cứ Quyết định số 1708/QĐ-UBND ngày 14 tháng 7 năm 2021 của Ủy ban nhân dân tỉnh Hưng Yên ban hành Quy định về xác định Chỉ số cải cách hành chính;',
      'Thực hiện Kế hoạch số 12b/KH-UBND ngày 20/01/2024 của Ủy ban nhân dân tỉnh, Sở Xây dựng ban hành Kế hoạch cải cách hành chính năm 2024 như sau:',
      '#I. MỤC ĐÍCH, YÊU CẦU',
      'Triển khai đồng bộ các nhiệm vụ cải cách hành chính, báo cáo kết quả trước ngày 30/11/2024.',
    ],
    recipients: ['UBND tỉnh (b/c)', 'Sở Nội vụ', 'Lưu: VT'],
    signer: { prefixes: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
    ...overrides,
  };
}

/** Sở Giáo dục và Đào tạo Lào Cai's công văn `1234/SGDĐT-GDTH` of 07/07/2021. */
export function letterSpec(overrides: Partial<DocumentSpec> = {}): DocumentSpec {
  return {
    parentBody: 'UBND TỈNH LÀO CAI',
    issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    numeral: '1234',
    symbol: 'SGDĐT-GDTH',
    place: 'Lào Cai',
    date: { day: 7, month: 7, year: 2021 },
    kind: null,
    summary: 'V/v hướng dẫn tự đánh giá Chỉ số CCHC năm 2021',
    addressees: ['Các phòng Giáo dục và Đào tạo'],
    body: [
      'Thực hiện Quyết định số 2910/QĐ-UBND ngày 13 tháng 8 năm 2021 của Ủy ban nhân dân tỉnh về việc ban hành Quy định về tiêu chí xác định Chỉ số cải cách hành chính, Sở Giáo dục và Đào tạo hướng dẫn như sau.',
    ],
    recipients: ['Như trên', 'Lưu: VT, GDTH'],
    signer: { prefixes: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC', name: 'Trần Thị Bình' },
    ...overrides,
  };
}
