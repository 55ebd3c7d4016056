// A small, hand-made batch result for the document renderers: four units of one group, with a
// suffixed number zeroed, a council decision overriding a proposal, a tie broken by the
// online-services criterion, a downgraded rating, and a unit that could not be appraised.
import type { OutputContext } from '../../pipeline/documents/context.js';
import type {
  AreaResult, Batch, BatchResult, CriterionResult, Extraction, Finding, Framework, UnitResult,
} from '../../pipeline/model.js';

export const framework: Framework = {
  id: 'thu-nghiem-so',
  name: 'Bộ Chỉ số thử nghiệm các sở',
  province: 'Hưng Yên',
  level: 'so',
  year: 2021,
  scoring: {
    scale: 100,
    bands: [
      { label: 'Xuất sắc', min: 90 }, { label: 'Tốt', min: 80 }, { label: 'Khá', min: 70 },
      { label: 'Trung bình', min: 60 }, { label: 'Yếu', min: 0 },
    ],
    downgrade: { areaBelow: 70, from: ['Xuất sắc', 'Tốt'] },
    bonusMax: 3,
    penaltyMax: 3,
    normaliseAdjustments: false,
  },
  rules: {},
  areas: [
    {
      code: '1', title: 'Công tác chỉ đạo, điều hành cải cách hành chính', kind: 'content', max: 4.5,
      criteria: [
        {
          code: '1.1', title: 'Kế hoạch cải cách hành chính năm', max: 3, survey: false,
          children: [
            { code: '1.1.1', title: 'Ban hành kế hoạch CCHC năm kịp thời', max: 1, survey: false, children: [] },
            { code: '1.1.2', title: 'Mức độ hoàn thành kế hoạch CCHC năm', max: 2, survey: false, children: [] },
          ],
        },
        { code: '1.2', title: 'Thực hiện chế độ báo cáo CCHC định kỳ', max: 1.5, survey: false, children: [] },
      ],
    },
    {
      code: '2', title: 'Cải cách thủ tục hành chính', kind: 'content', max: 3.5,
      criteria: [
        { code: '2.1', title: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến', max: 2, survey: false, tieBreak: true, children: [] },
        { code: '2.2', title: 'Công khai TTHC đúng quy định', max: 1.5, survey: false, children: [] },
      ],
    },
    {
      code: '3', title: 'Chỉ số hài lòng của người dân, tổ chức (SIPAS)', kind: 'survey', max: 2,
      criteria: [{ code: '3.1', title: 'Sự hài lòng về thủ tục hành chính', max: 2, survey: true, children: [] }],
    },
  ],
};

const TITLES = new Map<string, { title: string; area: string; depth: number; max: number; leaf: boolean; survey: boolean }>([
  ['1.1', { title: 'Kế hoạch cải cách hành chính năm', area: '1', depth: 0, max: 3, leaf: false, survey: false }],
  ['1.1.1', { title: 'Ban hành kế hoạch CCHC năm kịp thời', area: '1', depth: 1, max: 1, leaf: true, survey: false }],
  ['1.1.2', { title: 'Mức độ hoàn thành kế hoạch CCHC năm', area: '1', depth: 1, max: 2, leaf: true, survey: false }],
  ['1.2', { title: 'Thực hiện chế độ báo cáo CCHC định kỳ', area: '1', depth: 0, max: 1.5, leaf: true, survey: false }],
  ['2.1', { title: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến', area: '2', depth: 0, max: 2, leaf: true, survey: false }],
  ['2.2', { title: 'Công khai TTHC đúng quy định', area: '2', depth: 0, max: 1.5, leaf: true, survey: false }],
  ['3.1', { title: 'Sự hài lòng về thủ tục hành chính', area: '3', depth: 0, max: 2, leaf: true, survey: true }],
]);

interface Score {
  self?: number | null;
  proposed: number;
  appraised?: number;
  evidence?: string[];
  findings?: Finding[];
  council?: { score: number; note: string };
  notApplicable?: boolean;
}

function criteria(unit: string, scores: Record<string, Score>): CriterionResult[] {
  const out: CriterionResult[] = [];
  for (const [code, meta] of TITLES) {
    if (!meta.leaf) {
      const kids = ['1.1.1', '1.1.2'].map((k) => scores[k]!);
      out.push({
        code, title: meta.title, area: meta.area, depth: meta.depth, leaf: false, max: meta.max, survey: false,
        notApplicable: false,
        self: kids.reduce((s, k) => s + (k.self ?? k.proposed), 0),
        proposed: kids.reduce((s, k) => s + k.proposed, 0),
        appraised: kids.reduce((s, k) => s + (k.appraised ?? k.proposed), 0),
        review: false, evidence: [], explanation: '', findings: [],
      });
      continue;
    }
    const s = scores[code]!;
    const result: CriterionResult = {
      code, title: meta.title, area: meta.area, depth: meta.depth, leaf: true, max: meta.max, survey: meta.survey,
      notApplicable: s.notApplicable ?? false,
      self: meta.survey ? null : (s.self ?? s.proposed),
      proposed: s.proposed,
      appraised: s.appraised ?? s.proposed,
      review: false,
      evidence: (s.evidence ?? []).map((name) => `units/${unit}/evidence/${code}/${name}`),
      explanation: '',
      findings: s.findings ?? [],
    };
    if (s.council) result.council = s.council;
    out.push(result);
  }
  return out;
}

function extraction(file: string, number: string | null, date: string | null, extra: Partial<Extraction> = {}): Extraction {
  const [numeral = null, symbol = ''] = number ? number.split('/') : [];
  return {
    file, sha256: '0'.repeat(64), status: 'ok', source: 'text', number, numeral,
    suffixed: /[a-z]$/u.test(numeral ?? ''), typeCode: symbol.split('-')[0] ?? null, issuerCode: symbol.split('-')[1] ?? null,
    year: null, blankNumber: false, date, place: 'Hưng Yên', blankDate: false, confidence: 1, numberConfidence: 1,
    dateConfidence: 1, signed: false, signer: null, signedAt: null, scanned: false, pages: 1, headerPage: 1,
    citations: [], readerVersion: 'test', ...extra,
  };
}

function areas(values: Array<[string, number, number, number]>): AreaResult[] {
  const meta = new Map(framework.areas.map((a) => [a.code, a]));
  return values.map(([code, max, self, appraised]) => ({
    code, title: meta.get(code)!.title, kind: meta.get(code)!.kind, max, self, appraised,
    index: Math.round((appraised / max) * 10000) / 100,
  }));
}

function unit(partial: Partial<UnitResult> & Pick<UnitResult, 'code' | 'name'>): UnitResult {
  return {
    group: 'so', framework: framework.id, status: 'ok', selfTotal: 0, appraisedTotal: 0, bonus: 0, penalty: 0,
    surveyPoints: 0, tieBreakPoints: 0, pendingReview: 0, maxApplicable: 10, index: 0, rating: 'Yếu', rank: null,
    areas: [], criteria: [], findings: [], evidence: [], ...partial,
  };
}

const suffixed: Finding = {
  rule: 'suffixed-number', effect: 'zero', unit: 'SXD', criterion: '1.1.1',
  file: 'units/SXD/evidence/1.1.1/ke-hoach-cchc-2021.pdf', page: 1,
  reason: 'Tài liệu kiểm chứng "ke-hoach-cchc-2021.pdf" có số văn bản 30a/KH-SXD kèm chữ cái (số văn bản a, b): chấm điểm 0.',
};
const noEvidence: Finding = {
  rule: 'no-evidence', effect: 'review', unit: 'SXD', criterion: '1.2',
  reason: 'Không có tài liệu kiểm chứng, đơn vị có giải trình: Hội đồng xem xét quyết định.',
};
const pendingReview: Finding = {
  rule: 'no-evidence', effect: 'review', unit: 'SYT', criterion: '2.2',
  reason: 'Không có tài liệu kiểm chứng, đơn vị có giải trình: Hội đồng xem xét quyết định.',
};

export const units: UnitResult[] = [
  unit({
    code: 'STP', name: 'Sở Tư pháp', status: 'ok', selfTotal: 8, appraisedTotal: 9.5, surveyPoints: 1.5, index: 95,
    rating: 'Xuất sắc', rank: 1, areas: areas([['1', 4.5, 4.5, 4.5], ['2', 3.5, 3.5, 3.5], ['3', 2, 0, 1.5]]),
    criteria: criteria('STP', {
      '1.1.1': { proposed: 1, evidence: ['Kế hoạch 32-KH-STP.pdf'] },
      '1.1.2': { proposed: 2, evidence: ['Báo cáo 186-BC-STP.pdf'] },
      '1.2': { proposed: 1.5 }, '2.1': { proposed: 2 }, '2.2': { proposed: 1.5 }, '3.1': { proposed: 1.5 },
    }),
    evidence: [
      extraction('units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf', '32/KH-STP', '2021-01-08'),
      extraction('units/STP/evidence/1.1.2/Báo cáo 186-BC-STP.pdf', '186/BC-STP', '2021-11-15'),
    ],
  }),
  unit({
    code: 'SXD', name: 'Sở Xây\u0007 dựng', status: 'ok', selfTotal: 8, appraisedTotal: 9, bonus: 1, surveyPoints: 1.25,
    index: 90, rating: 'Xuất sắc', rank: 2,
    areas: areas([['1', 4.5, 4.5, 3.25], ['2', 3.5, 3.5, 3.5], ['3', 2, 0, 1.25]]),
    criteria: criteria('SXD', {
      '1.1.1': { self: 1, proposed: 0, evidence: ['ke-hoach-cchc-2021.pdf'], findings: [suffixed] },
      '1.1.2': { proposed: 2, evidence: ['bao-cao-ket-qua-cchc.pdf'] },
      '1.2': { proposed: 1.5, appraised: 1.25, findings: [noEvidence], council: { score: 1.25, note: 'Chấp nhận một phần giải trình <b>do dịch</b>' } },
      '2.1': { proposed: 2 }, '2.2': { proposed: 1.5 }, '3.1': { proposed: 1.25 },
    }),
    evidence: [
      extraction('units/SXD/evidence/1.1.1/ke-hoach-cchc-2021.pdf', '30a/KH-SXD', '2021-01-20'),
      extraction('units/SXD/evidence/1.1.2/bao-cao-ket-qua-cchc.pdf', null, null, { blankNumber: true, confidence: 0.4 }),
    ],
  }),
  unit({
    code: 'SYT', name: 'Sở Y tế', status: 'ok', selfTotal: 8, appraisedTotal: 9, surveyPoints: 2, index: 90,
    rating: 'Tốt', rank: 3, areas: areas([['1', 4.5, 4.5, 4.5], ['2', 3.5, 3.5, 2], ['3', 2, 0, 2]]),
    criteria: criteria('SYT', {
      '1.1.1': { proposed: 1 }, '1.1.2': { proposed: 2 }, '1.2': { proposed: 1.5 },
      '2.1': { self: 2, proposed: 1 }, '2.2': { self: 1.5, proposed: 1, findings: [pendingReview] }, '3.1': { proposed: 2 },
    }),
  }),
  unit({
    code: 'SGTVT', name: 'Sở Giao thông vận tải', status: 'error', appraisedTotal: 1.8, surveyPoints: 1.8, index: 18,
    rating: 'Yếu', rank: null,
    findings: [{
      rule: 'report-format', effect: 'info', unit: 'SGTVT',
      reason: 'Báo cáo tự đánh giá units/SGTVT/report.xlsx không đọc được: không đọc được tệp Excel (Corrupted zip).',
    }],
  }),
];

export const batch: Batch = {
  dir: '/tmp/dot-thu-nghiem',
  province: 'Hưng Yên',
  year: 2021,
  title: 'Thẩm định Chỉ số CCHC năm 2021 (thử nghiệm)',
  dataWindow: { from: '2020-12-01', to: '2021-11-30' },
  cutoff: '2021-11-30',
  groups: [{ code: 'so', name: 'Sở, ban, ngành', framework: framework.id }],
  units: units.map((u) => ({ code: u.code, name: u.name, group: u.group })),
  council: {
    name: 'Tổ thẩm định Chỉ số cải cách hành chính tỉnh',
    parentBody: 'UBND TỈNH HƯNG YÊN',
    body: 'TỔ THẨM ĐỊNH CHỈ SỐ CCHC',
    minutesSymbol: 'BB-TTĐ',
    minutesStart: 1,
    place: 'Hưng Yên',
    meetingPlace: 'Phòng họp <i>tầng 3</i>, Sở Nội vụ',
    meetingDate: '2021-12-20',
    members: [
      { name: 'Nguyễn Thị Thu Hà', title: 'Phó Giám đốc Sở Nội vụ', role: 'Tổ trưởng' },
      { name: 'Trần\u0001 Văn Quang', title: 'Phó Chánh Văn phòng UBND tỉnh', role: 'Tổ phó' },
      { name: 'Vũ Thị Hạnh', title: 'Chuyên viên Sở Nội vụ', role: 'Thư ký' },
    ],
  },
  decision: {
    issuingBody: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
    symbol: 'QĐ-UBND',
    place: 'Hưng Yên',
    authority: 'ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN',
    bases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Căn cứ Quyết định số 1708/QĐ-UBND ngày 14 tháng 7 năm 2021 của UBND tỉnh',
    ],
    proposal: 'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số      /TTr-SNV',
    executors: 'Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; Thủ trưởng các sở, ban, ngành tỉnh',
    recipients: ['Như Điều 3', 'Bộ Nội vụ (b/c);', '- Lưu: VT, NC', 'Cổng thông tin điện tử tỉnh'],
    signer: { prefixes: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn Phong' },
  },
  inputs: {},
};

export const result: BatchResult = {
  province: batch.province,
  year: batch.year,
  title: batch.title!,
  dataWindow: batch.dataWindow,
  cutoff: batch.cutoff,
  groups: batch.groups,
  units,
  findings: [{ rule: 'input-format', effect: 'info', unit: '', reason: 'Tệp diem-thuong.xlsx, dòng 4: mã đơn vị "XYZ" không có trong batch.yaml; dòng này bị bỏ qua.' }],
};

export function context(overrides: { batch?: Partial<Batch>; result?: Partial<BatchResult> } = {}): OutputContext {
  return {
    batch: { ...batch, ...overrides.batch },
    result: { ...result, ...overrides.result },
    frameworks: new Map([[framework.id, framework]]),
  };
}
