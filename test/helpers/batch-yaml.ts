// A minimal valid batch.yaml, with fields overridable per test.
import { stringify } from 'yaml';

export function batchYaml(overrides: Record<string, unknown> = {}): string {
  return stringify({
    province: 'Hưng Yên',
    year: 2021,
    framework: 'hung-yen-2021-so',
    dataWindow: { from: '2020-12-01', to: '2021-11-30' },
    groups: [{ code: 'so', name: 'Sở, ban, ngành' }],
    council: {
      name: 'Tổ thẩm định Chỉ số CCHC tỉnh',
      parentBody: 'UBND TỈNH HƯNG YÊN',
      body: 'TỔ THẨM ĐỊNH CHỈ SỐ CCHC',
      minutesSymbol: 'BB-TTĐ',
      place: 'Hưng Yên',
      meetingPlace: 'Phòng họp Sở Nội vụ',
      meetingDate: '2021-12-20',
      members: [{ name: 'Nguyễn Thị Thu Hà', title: 'Phó Giám đốc Sở Nội vụ', role: 'Tổ trưởng' }],
    },
    decision: {
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
      symbol: 'QĐ-UBND',
      place: 'Hưng Yên',
      authority: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
      bases: ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015'],
      executors: 'Giám đốc Sở Nội vụ; Thủ trưởng các sở, ban, ngành tỉnh',
      recipients: ['Như Điều 3;', 'Lưu: VT, NC.'],
      signer: { prefixes: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Phong' },
    },
    units: [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }],
    ...overrides,
  });
}
