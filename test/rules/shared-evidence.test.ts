import { describe, expect, it } from 'vitest';
import type { Extraction, Unit } from '../../pipeline/model.js';
import type { EvidenceRecord } from '../../pipeline/rules/rule.js';
import { criterion, reading, record, runRule, testBatch, unreadable } from './support/factory.js';

const units: Unit[] = [
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', group: 'so' },
  { code: 'SCT', name: 'Sở Công Thương', group: 'so' },
  { code: 'SNV', name: 'Sở Nội vụ', group: 'so' },
  { code: 'SO-01', name: 'Sở Xây dựng', group: 'so' },
  { code: 'SO-02', name: 'Sở Y tế', group: 'so' },
];
const batch = testBatch({ units });
const unit = (code: string) => units.find((u) => u.code === code)!;
const report = criterion('1.1.2', 1, { evidence: { required: true, types: ['BC'], ownIssuer: false } });

/** One document (one content) as filed by `unit` under criterion `c`. */
const filed = (unitCode: string, c: string, name: string, e: Extraction): EvidenceRecord => record(c, name, e, unitCode);
const doc = (number: string, sha: string, extra: Partial<Extraction> = {}) => reading(number, '2021-06-15', { sha256: sha, ...extra });
/** A unit's own filler files, each content its own. */
const ownFiles = (unitCode: string, issuer: string, n: number) =>
  Array.from({ length: n }, (_, i) => filed(unitCode, '2.1', `BC-${i}.pdf`, doc(`${100 + i}/BC-${issuer}`, `${unitCode}-own-${i}`)));

function check(unitCode: string, mine: EvidenceRecord[], others: Record<string, EvidenceRecord[]>, at = mine[0]!, settings: Record<string, unknown> = {}) {
  return runRule('shared-evidence', { criterion: report, batch, unit: unit(unitCode), evidence: [at], unitEvidence: mine, otherUnits: others, settings });
}

describe('shared-evidence: a file identical to another unit\'s (same SHA-256)', () => {
  const copiedReport = doc('230/BC-STTTT', 'report-230');
  const stttt = [filed('STTTT', '1.1.2', 'Báo cáo 230-BC-STTTT.pdf', copiedReport), ...ownFiles('STTTT', 'STTTT', 9)];
  const sct = [filed('SCT', '1.1.2', 'Báo cáo 230-BC-STTTT.pdf', copiedReport), ...ownFiles('SCT', 'SCT', 9)];

  it('Sở Công Thương filing 230/BC-STTTT, which Sở TTTT filed too → review, naming both files and the unit', () => {
    const reports = check('SCT', sct, { STTTT: stttt });
    expect(reports.map((r) => [r.effect, r.file])).toEqual([['review', 'units/SCT/evidence/1.1.2/Báo cáo 230-BC-STTTT.pdf']]);
    expect(reports[0]?.reason).toBe(
      'Tệp "Báo cáo 230-BC-STTTT.pdf" (trang 1), văn bản số 230/BC-STTTT ngày 15/06/2021 trùng khớp hoàn toàn về nội dung (cùng mã SHA-256) với tệp "units/STTTT/evidence/1.1.2/Báo cáo 230-BC-STTTT.pdf" của Sở Thông tin và Truyền thông (STTTT); văn bản mang ký hiệu STTTT của Sở Thông tin và Truyền thông (STTTT), nên có thể là hồ sơ của đơn vị đó chứ không phải kết quả thực hiện của Sở Công Thương (SCT); đề nghị Hội đồng thẩm định xem xét, quyết định.',
    );
  });

  it('Sở TTTT\'s own 230/BC-STTTT, which Sở Công Thương filed too → info, pointing at the other unit\'s file', () => {
    const reports = check('STTTT', stttt, { SCT: sct });
    expect(reports.map((r) => r.effect)).toEqual(['info']);
    expect(reports[0]?.reason).toContain('với tệp "units/SCT/evidence/1.1.2/Báo cáo 230-BC-STTTT.pdf" của Sở Công Thương (SCT); văn bản mang ký hiệu STTTT của chính đơn vị; việc Sở Công Thương (SCT) nộp lại văn bản này được xem xét trong hồ sơ của đơn vị đó; nội dung này được ghi nhận để theo dõi.');
  });

  it('the issuer read as a guess (OCR at 50%) is not attributed: info, never review on a guess', () => {
    const guessed = doc('230/BC-STTTT', 'report-230', { source: 'ocr', numberConfidence: 0.5, confidence: 0.5 });
    const mine = [filed('SCT', '1.1.2', 'scan.pdf', guessed), ...ownFiles('SCT', 'SCT', 9)];
    const reports = check('SCT', mine, { STTTT: [filed('STTTT', '1.1.2', 'scan.pdf', guessed), ...ownFiles('STTTT', 'STTTT', 9)] });
    expect(reports.map((r) => r.effect)).toEqual(['info']);
    expect(reports[0]?.reason).toContain('chưa đọc được chắc chắn ký hiệu cơ quan ban hành và số tệp trùng chưa đến mức sao chép hồ sơ');
  });

  it.each([
    { name: 'a UBND tỉnh decision 1708/QĐ-UBND filed by two departments → info', number: '1708/QĐ-UBND', says: 'văn bản mang ký hiệu UBND, không phải của đơn vị nào trong đợt, có thể là văn bản chung (của UBND tỉnh, bộ, ngành…) mà các đơn vị cùng sử dụng; nội dung này được ghi nhận để theo dõi.' },
    { name: 'the Government\'s resolution 76/NQ-CP → info', number: '76/NQ-CP', says: 'văn bản mang ký hiệu CP, không phải của đơn vị nào trong đợt' },
  ])('$name', ({ number, says }) => {
    const common = doc(number, 'common');
    const reports = check('SCT', [filed('SCT', '1.1.2', 'QD.pdf', common), ...ownFiles('SCT', 'SCT', 5)], { STTTT: [filed('STTTT', '6.1', 'QD.pdf', common), ...ownFiles('STTTT', 'STTTT', 5)] });
    expect(reports.map((r) => r.effect)).toEqual(['info']);
    expect(reports[0]?.reason).toContain(says);
  });

  it('three UBND tỉnh decisions making up half a small file, shared with one department → still info (the province\'s documents are not a copied folder)', () => {
    const decisions = ['1', '2', '3'].map((n) => doc(`${n}/QĐ-UBND`, `qd-${n}`));
    const mine = [...decisions.map((d, i) => filed('SCT', '1.1.2', `QD${i}.pdf`, d)), ...ownFiles('SCT', 'SCT', 3)];
    const theirs = [...decisions.map((d, i) => filed('STTTT', '6.1', `QD${i}.pdf`, d)), ...ownFiles('STTTT', 'STTTT', 3)];
    expect(check('SCT', mine, { STTTT: theirs }).map((r) => r.effect)).toEqual(['info']);
  });

  it('Sở Nội vụ\'s guidance 12/HD-SNV filed by Sở Nội vụ and two other departments → info (sent to them all)', () => {
    const guidance = doc('12/HD-SNV', 'hd-12');
    const holder = (code: string) => [filed(code, '1.1.2', 'HD.pdf', guidance), ...ownFiles(code, code, 9)];
    const reports = check('SCT', holder('SCT'), { SNV: holder('SNV'), STTTT: holder('STTTT') });
    expect(reports.map((r) => r.effect)).toEqual(['info']);
    expect(reports[0]?.reason).toContain('với tệp "units/SNV/evidence/1.1.2/HD.pdf" của Sở Nội vụ (SNV) và tệp "units/STTTT/evidence/1.1.2/HD.pdf" của Sở Thông tin và Truyền thông (STTTT); văn bản được 3 đơn vị cùng nộp, có thể là văn bản gửi chung các đơn vị');
  });

  it('two empty files share the SHA-256 of nothing, which says nothing of who made them → nothing', () => {
    const empty = (unitCode: string) => {
      const r = filed(unitCode, '1.1.2', 'rong.pdf', { ...unreadable('tệp rỗng (0 byte)'), sha256: 'e3b0c442' });
      return { ...r, file: { ...r.file, size: 0 } };
    };
    expect(check('SCT', [empty('SCT'), ...ownFiles('SCT', 'SCT', 3)], { STTTT: [empty('STTTT'), ...ownFiles('STTTT', 'STTTT', 3)] })).toEqual([]);
  });

  it('the same number with different content is another rule\'s matter; a file no other unit has → nothing', () => {
    const other = doc('230/BC-STTTT', 'another-content');
    expect(check('SCT', sct, { STTTT: [filed('STTTT', '1.1.2', 'x.pdf', other)] })).toEqual([]);
    expect(check('SCT', sct, {})).toEqual([]);
  });
});

describe('shared-evidence: a copied folder', () => {
  // Scans whose issuer could not be read with confidence: only the overlap tells.
  const scan = (sha: string) => reading(null, null, { sha256: sha, status: 'ok', source: 'ocr', numberConfidence: 0.3, dateConfidence: 0.3, confidence: 0.3 });
  const scans = (unitCode: string, shas: string[]) => shas.map((sha, i) => filed(unitCode, '1.1.2', `scan-${i}.pdf`, scan(sha)));

  it.each([
    { name: '3 of 4 files (75%) the same as Sở Y tế\'s → review, saying how many and the threshold', mine: ['a', 'b', 'c', 'x'], theirs: ['a', 'b', 'c', 'y'], settings: {}, effect: 'review' },
    { name: '2 of 4 files the same (under 3 files) → info', mine: ['a', 'b', 'x', 'z'], theirs: ['a', 'b', 'y'], settings: {}, effect: 'info' },
    { name: '3 of 12 files the same (25%, under 30%) → info', mine: ['a', 'b', 'c', ...'defghijkl'], theirs: ['a', 'b', 'c'], settings: {}, effect: 'info' },
    { name: '3 of 12 files with folderShare 0.2 → review', mine: ['a', 'b', 'c', ...'defghijkl'], theirs: ['a', 'b', 'c'], settings: { folderShare: 0.2 }, effect: 'review' },
    { name: 'a province that only records it (effect: info) → info', mine: ['a', 'b', 'c', 'x'], theirs: ['a', 'b', 'c', 'y'], settings: { effect: 'info' }, effect: 'info' },
  ])('$name', ({ mine, theirs, settings, effect }) => {
    const files = scans('SO-01', mine);
    const reports = check('SO-01', files, { 'SO-02': scans('SO-02', theirs) }, files[0], settings);
    expect(reports.map((r) => r.effect)).toEqual([effect]);
    if (effect === 'review') {
      expect(reports[0]?.reason).toContain(`đơn vị có 3 trong số ${mine.length} tệp tài liệu kiểm chứng trùng khớp với tệp của Sở Y tế (SO-02) (từ 3 tệp và từ ${settings.folderShare === 0.2 ? '20' : '30'}% số tệp của đơn vị trở lên), có dấu hiệu sao chép hồ sơ của đơn vị khác`);
    }
  });

  it('unreadable files count in the overlap too (identical bytes need no reading)', () => {
    const broken = (unitCode: string) => ['a', 'b', 'c'].map((sha, i) => filed(unitCode, '1.1.2', `hong-${i}.pdf`, { ...unreadable('tệp PDF hỏng'), sha256: sha }));
    const reports = check('SO-01', broken('SO-01'), { 'SO-02': broken('SO-02') });
    expect(reports.map((r) => r.effect)).toEqual(['review']);
  });
});

describe('shared-evidence: communes, whose documents all carry …-UBND', () => {
  const communes: Unit[] = [{ code: 'XA-AN', name: 'UBND xã An', group: 'xa' }, { code: 'XA-BINH', name: 'UBND xã Bình', group: 'xa' }];
  it('a district decision 45/QĐ-UBND filed by two communes → info, never a commune\'s own document', () => {
    const decision = reading('45/QĐ-UBND', '2021-03-01', { sha256: 'qd-45' });
    const own = (code: string) => Array.from({ length: 9 }, (_, i) => record('2.1', `KH-${i}.pdf`, reading(`${i + 1}/KH-UBND`, '2021-02-01', { sha256: `${code}-${i}` }), code));
    const mine = [record('1.1.2', 'QD-45.pdf', decision, 'XA-AN'), ...own('XA-AN')];
    const reports = runRule('shared-evidence', {
      criterion: report, level: 'xa', batch: testBatch({ units: communes }), unit: communes[0], evidence: [mine[0]!], unitEvidence: mine,
      otherUnits: { 'XA-BINH': [record('1.1.2', 'QD-45.pdf', decision, 'XA-BINH'), ...own('XA-BINH')] },
    });
    expect(reports.map((r) => r.effect)).toEqual(['info']);
  });
});
