import { describe, expect, it } from 'vitest';
import { namesSection } from '../../pipeline/rules/explanation-section.js';
import { claim, criterion, reading, record, runRule, testBatch, unreadable } from './support/factory.js';

const plan = criterion('1.1.1', 1, { evidence: { required: true, types: ['KH'], ownIssuer: true, deadline: '01-15', lateScore: 0.5 } });
const kh = (number: string, date: string, extra = {}) => record('1.1.1', `${number.replace(/\//gu, '-')}.pdf`, reading(number, date, extra));

describe('no-evidence: no evidence and no explanation → 0; with an explanation → the council', () => {
  it.each([
    { name: 'nothing filed, nothing explained → zero', evidence: [], excluded: [], explanation: '', effects: ['zero'] },
    { name: 'nothing filed, explained → review', evidence: [], excluded: [], explanation: 'Đã ban hành, đang chờ ký số.', effects: ['review'] },
    { name: 'nothing filed, a cell that says nothing (".") → zero', evidence: [], excluded: [], explanation: '.', effects: ['zero'] },
    { name: 'nothing filed, "x" or "Không có" → zero', evidence: [], excluded: [], explanation: 'Không có', effects: ['zero'] },
    { name: 'only an excluded draft, nothing explained → zero, naming the draft', evidence: [], excluded: [kh('15/KH-SNV', '2024-01-10')], explanation: '', effects: ['zero'] },
    { name: 'valid evidence → nothing', evidence: [kh('15/KH-SNV', '2024-01-10')], excluded: [], explanation: '', effects: [] },
  ])('$name', ({ evidence, excluded, explanation, effects }) => {
    const reports = runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence, excluded });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('a criterion whose only files are two names equal after NFC (set aside, not decided) goes to the council, not to 0', () => {
    const why = 'có hai tệp trùng tên khi chuẩn hóa Unicode nên chưa tệp nào được xem xét';
    const uncounted = [{ path: 'units/STP/evidence/1.1.1/Kế hoạch 02-KH-STP.pdf', criterion: '1.1.1', why, forCouncil: true as const }];
    const reports = runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1), uncounted });
    expect(reports.map((r) => [r.effect, r.reason, r.file])).toEqual([[
      'review',
      `Tiêu chí 1.1.1 chưa có tài liệu kiểm chứng được xem xét: tệp "Kế hoạch 02-KH-STP.pdf" có trong thư mục nhưng ${why}; đề nghị Hội đồng thẩm định xem xét, quyết định.`,
      'units/STP/evidence/1.1.1/Kế hoạch 02-KH-STP.pdf',
    ]]);
    // A file a round's calendar left out is decided: nothing filed in time, nothing explained → 0.
    const late = [{ ...uncounted[0]!, why: 'không được tính trong Lần 1 vì nộp sau hạn', forCouncil: undefined }];
    expect(runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1), uncounted: late }).map((r) => r.effect)).toEqual(['zero']);
  });

  it('a criterion the province appraises from its own data needs no file', () => {
    const portal = criterion('7.2.1', 2, { evidence: { required: false, types: ['BC'], ownIssuer: false } });
    expect(runRule('no-evidence', { criterion: portal, claim: claim('7.2.1', 2) })).toEqual([]);
  });

  it('reasons, as the minutes quote them', () => {
    const [zero] = runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1), excluded: [kh('15/KH-SNV', '2024-01-10')] });
    expect(zero?.reason).toBe('Tiêu chí 1.1.1 không còn tài liệu kiểm chứng hợp lệ (tệp "15-KH-SNV.pdf" (trang 1) không được tính như đã nêu) và đơn vị không giải trình; tiêu chí được chấm 0 điểm.');
    const [review] = runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1, { explanation: 'Kế hoạch đang trình ký.' }) });
    expect(review?.reason).toBe('Tiêu chí 1.1.1 không có tài liệu kiểm chứng; đơn vị có giải trình "Kế hoạch đang trình ký.", đề nghị Hội đồng thẩm định xem xét, quyết định.');
    const [dot] = runRule('no-evidence', { criterion: plan, claim: claim('1.1.1', 1, { explanation: ' . ' }) });
    expect(dot?.reason).toBe('Tiêu chí 1.1.1 không có tài liệu kiểm chứng và đơn vị không giải trình, chỉ ghi "." ở cột giải trình, không nêu cách đánh giá, tính điểm nên không được coi là giải trình; tiêu chí được chấm 0 điểm.');
  });
});

describe('evidence-type: a Báo cáo where a Kế hoạch is required', () => {
  it.each([
    { name: 'a Kế hoạch → fine', evidence: [kh('15/KH-SNV', '2024-01-10')], explanation: '', settings: {}, effects: [] },
    { name: 'only a Báo cáo, no explanation → zero', evidence: [record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10'))], explanation: '', settings: {}, effects: ['zero'] },
    { name: 'only a Báo cáo, explained → review', evidence: [record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10'))], explanation: 'Kế hoạch nằm trong báo cáo.', settings: {}, effects: ['review'] },
    { name: 'a Báo cáo and a Kế hoạch → fine', evidence: [record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10')), kh('15/KH-SNV', '2024-01-10')], explanation: '', settings: {}, effects: [] },
    { name: 'a copy (SY) where copies are accepted (Tam Đường) → fine', evidence: [record('1.1.1', 'SY.pdf', reading('05/SY-UBND', '2024-01-12'))], explanation: '', settings: { acceptCopies: true }, effects: [] },
    { name: 'a copy (SY) elsewhere → zero', evidence: [record('1.1.1', 'SY.pdf', reading('05/SY-UBND', '2024-01-12'))], explanation: '', settings: {}, effects: ['zero'] },
    { name: 'a number read with low confidence might be right → not judged here', evidence: [record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10', { numberConfidence: 0.4 }))], explanation: '', settings: {}, effects: [] },
  ])('$name', ({ evidence, explanation, settings, effects }) => {
    const reports = runRule('evidence-type', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence, settings });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('a công văn (no type code) counts as CV', () => {
    const cv = criterion('3.4', 2, { evidence: { required: true, types: ['CV', 'BC'], ownIssuer: false } });
    expect(runRule('evidence-type', { criterion: cv, evidence: [record('3.4', 'CV.pdf', reading('1202/UBND-NV', '2024-03-01'))] })).toEqual([]);
  });

  it('names the expected and the found types', () => {
    const [report] = runRule('evidence-type', { criterion: plan, claim: claim('1.1.1', 1), evidence: [record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10'))] });
    expect(report?.reason).toBe('Tiêu chí 1.1.1 yêu cầu tài liệu kiểm chứng là Kế hoạch (KH), nhưng tài liệu kèm theo là Báo cáo (BC), tệp "BC.pdf" (trang 1), văn bản số 20/BC-SNV ngày 10/06/2024; tài liệu không thể hiện nội dung tiêu chí yêu cầu và đơn vị không giải trình, tiêu chí được chấm 0 điểm.');
  });
});

describe('late-issue: the annual plan due by 15/01 earns the late score after it', () => {
  const batch = testBatch({ year: 2024 });
  it.each([
    { name: 'issued 15/01/2024, on the deadline → fine', evidence: [kh('15/KH-SNV', '2024-01-15')], expected: [] },
    { name: 'issued 20/01/2024 → capped at 0,5', evidence: [kh('15/KH-SNV', '2024-01-20')], expected: [{ effect: 'cap', cap: 0.5 }] },
    { name: 'plan on time, amended later → the earliest plan counts', evidence: [kh('15/KH-SNV', '2024-01-10'), kh('80/KH-SNV', '2024-06-01')], expected: [] },
    { name: 'a late report does not make the plan late', evidence: [kh('15/KH-SNV', '2024-01-10'), record('1.1.1', 'BC.pdf', reading('20/BC-SNV', '2024-06-10'))], expected: [] },
    { name: 'date read with low confidence → not judged here', evidence: [kh('15/KH-SNV', '2024-01-20', { dateConfidence: 0.5 })], expected: [] },
  ])('$name', ({ evidence, expected }) => {
    const reports = runRule('late-issue', { criterion: plan, batch, evidence });
    expect(reports.map(({ effect, cap }) => ({ effect, cap }))).toEqual(expected);
  });

  it.each([
    { name: 'no file, the explanation dates the unit\'s own plan after the deadline → capped as a late plan', explanation: 'Sở đã ban hành Kế hoạch số 59/KH-SNV ngày 20/02/2024.', expected: [{ effect: 'cap', cap: 0.5 }] },
    { name: 'no file, the explanation dates it on time → nothing here', explanation: 'Kế hoạch số 05/KH-SNV ngày 10/01/2024.', expected: [] },
    { name: 'no file, the province\'s plan cited late → not the unit\'s own, nothing here', explanation: 'Thực hiện Kế hoạch số 12/KH-UBND ngày 20/02/2024 của UBND tỉnh.', expected: [] },
    { name: 'no file, a late report cited → not a plan, nothing here', explanation: 'Báo cáo số 20/BC-SNV ngày 20/06/2024.', expected: [] },
  ])('$name', ({ explanation, expected }) => {
    const reports = runRule('late-issue', { criterion: plan, batch, claim: claim('1.1.1', 1, { explanation }), evidence: [] });
    expect(reports.map(({ effect, cap }) => ({ effect, cap }))).toEqual(expected);
  });

  it('says the late date is the unit\'s own word', () => {
    const [report] = runRule('late-issue', { criterion: plan, batch, claim: claim('1.1.1', 1, { explanation: 'Kế hoạch số 59/KH-SNV ngày 20/02/2024.' }) });
    expect(report?.reason).toBe('Tiêu chí 1.1.1 yêu cầu ban hành chậm nhất ngày 15/01/2024; theo giải trình của đơn vị, văn bản số 59/KH-SNV ngày 20/02/2024 ban hành sau thời hạn, nên tiêu chí chỉ được tính tối đa 0,5 điểm.');
  });

  it('a deadline given as a full date (two-tier communes: 31/07/2025) and no late score → 0', () => {
    const crit = criterion('1.1', 2, { evidence: { required: true, types: ['KH'], ownIssuer: true, deadline: '2025-07-31' } });
    const [report] = runRule('late-issue', { criterion: crit, batch: testBatch({ year: 2025 }), evidence: [record('1.1', 'KH.pdf', reading('02/KH-UBND', '2025-08-04'))] });
    expect(report).toMatchObject({ effect: 'cap', cap: 0, basis: ['date'] });
    expect(report?.reason).toBe('Tiêu chí 1.1 yêu cầu ban hành chậm nhất ngày 31/07/2025; tệp "KH.pdf" (trang 1), văn bản số 02/KH-UBND ngày 04/08/2025 ban hành sau thời hạn, nên tiêu chí chỉ được tính tối đa 0 điểm.');
  });
});

describe('explanation-citation: the explanation cites what the evidence carries', () => {
  const ev = kh('15/KH-SNV', '2024-01-10', { citations: [{ number: '01/KH-UBND', date: '2024-01-03', text: 'Kế hoạch số 01/KH-UBND' }] });
  it.each([
    { name: 'cites the attached plan with its date → fine', explanation: 'Sở đã ban hành Kế hoạch số 15/KH-SNV ngày 10/01/2024.', effects: [] },
    { name: 'cites a number no evidence carries → review', explanation: 'Sở đã ban hành Kế hoạch số 12/KH-SNV ngày 10/01/2024.', effects: ['review'] },
    { name: 'cites the attached number with another date → review', explanation: 'Kế hoạch số 15/KH-SNV ngày 05/01/2024.', effects: ['review'] },
    { name: 'cites the province\'s plan the evidence implements → fine', explanation: 'Thực hiện Kế hoạch số 01/KH-UBND ngày 03/01/2024 của UBND tỉnh, Sở ban hành Kế hoạch số 15/KH-SNV.', effects: [] },
    { name: 'no number cited → nothing to check', explanation: 'Sở đã ban hành kế hoạch đúng hạn.', effects: [] },
    { name: 'a date and a ratio are not numbers (ngày 10/01/2024, 21/21 nhiệm vụ) → fine', explanation: 'Đến ngày 10/01/2024 đã thực hiện 21/21 nhiệm vụ.', effects: [] },
    { name: 'a decree cited as the legal basis is not evidence → fine', explanation: 'Theo Nghị định số 30/2020/NĐ-CP và Thông tư 01/2011/TT-BNV, Sở ban hành Kế hoạch số 15/KH-SNV.', effects: [] },
    { name: 'another department\'s number the unit never filed anything of → not checked', explanation: 'Phối hợp theo Kế hoạch số 77/KH-STC.', effects: [] },
  ])('$name', ({ explanation, effects }) => {
    const reports = runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence: [ev] });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('a number carried by evidence under another criterion is fine', () => {
    const other = record('2.2.1', 'BC.pdf', reading('55/BC-SNV', '2024-12-12'));
    const reports = runRule('explanation-citation', {
      criterion: plan, claim: claim('1.1.1', 1, { explanation: 'Kết quả tại Báo cáo số 55/BC-SNV ngày 12/12/2024.' }), evidence: [ev], unitEvidence: [ev, other],
    });
    expect(reports).toEqual([]);
  });

  it.each([
    { name: 'could not be read (it timed out, is corrupt…)', other: record('1.1.1', 'KH2.pdf', unreadable('quá thời gian đọc cho phép (60 giây)')) },
    { name: 'was read without its number', other: record('1.1.1', 'KH2.pdf', reading(null, '2024-01-10')) },
    { name: 'has its number read with low confidence (a pen numeral)', other: record('1.1.1', 'KH2.pdf', reading('1/KH-SNV', '2024-01-10', { numberConfidence: 0.6 })) },
  ])('a cited number no file is known to carry, while another file of the criterion $name, is not questioned (that file may carry it)', ({ other }) => {
    const reports = runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation: 'Kế hoạch số 12/KH-SNV ngày 10/01/2024.' }), evidence: [ev], excluded: [other] });
    expect(reports).toEqual([]);
  });

  it('a criterion with no file at all whose explanation cites the unit\'s own plan that no file carries → review; one another criterion\'s file carries → fine', () => {
    const explanation = 'Kế hoạch số 12/KH-SNV ngày 10/01/2024: đã triển khai.';
    const [missing] = runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence: [], unitEvidence: [ev] });
    expect(missing?.reason).toBe('Giải trình của tiêu chí 1.1.1 nêu văn bản số 12/KH-SNV ngày 10/01/2024, nhưng không có tài liệu kiểm chứng nào của đơn vị mang số này; đề nghị Hội đồng thẩm định xem xét, quyết định.');
    const carried = kh('12/KH-SNV', '2024-01-10');
    expect(runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence: [], unitEvidence: [ev, carried] })).toEqual([]);
  });

  it('reasons quote both sides', () => {
    const [notCarried] = runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation: 'Kế hoạch số 12/KH-SNV ngày 10/01/2024.' }), evidence: [ev] });
    expect(notCarried?.reason).toBe('Giải trình của tiêu chí 1.1.1 nêu văn bản số 12/KH-SNV ngày 10/01/2024, nhưng không có tài liệu kiểm chứng nào của đơn vị mang số này (tài liệu kèm theo tiêu chí mang số 15/KH-SNV); đề nghị Hội đồng thẩm định xem xét, quyết định.');
    const [otherDate] = runRule('explanation-citation', { criterion: plan, claim: claim('1.1.1', 1, { explanation: 'Kế hoạch số 15/KH-SNV ngày 05/01/2024.' }), evidence: [ev] });
    expect(otherDate).toMatchObject({ file: ev.file.relPath, page: 1 });
    expect(otherDate?.reason).toBe('Giải trình của tiêu chí 1.1.1 nêu văn bản số 15/KH-SNV ngày 05/01/2024, nhưng tài liệu kiểm chứng mang số này (tệp "15-KH-SNV.pdf" (trang 1)) ghi ngày 10/01/2024; đề nghị Hội đồng thẩm định xem xét, quyết định.');
  });
});

describe('explanation-section: the explanation names Mục, Khoản, Điểm (Thái Nguyên §4c)', () => {
  it.each([
    { text: 'Kết quả này được minh chứng tại Khoản 11, Mục I, Báo cáo số 55/UBND-BC ngày 12/12/2024', names: true },
    { text: 'Số liệu tại điểm a khoản 2 Báo cáo số 20/BC-SNV', names: true },
    { text: 'Xem Phụ lục 01 kèm theo Kế hoạch', names: true },
    { text: 'Kết quả tại trang 3 của báo cáo', names: true },
    { text: 'Đơn vị tự chấm 1 điểm, đã ban hành kế hoạch', names: false },
    { text: 'Điểm tự chấm phù hợp với mục tiêu kế hoạch', names: false },
    { text: 'Xem mục lục và phần mềm quản lý văn bản', names: false },
    { text: 'Đã điều chỉnh kế hoạch', names: false },
  ])('"$text" → $names', ({ text, names }) => {
    expect(namesSection(text)).toBe(names);
  });

  it.each([
    { name: 'no section named → zero', explanation: 'Năm 2024, Sở đã ban hành Kế hoạch số 15/KH-SNV.', effects: ['zero'] },
    { name: 'Khoản 2, Mục I named → fine', explanation: 'Thời điểm ban hành tại Khoản 2, Mục I Kế hoạch số 15/KH-SNV.', effects: [] },
    { name: 'no explanation at all → zero', explanation: '', effects: ['zero'] },
  ])('$name', ({ explanation, effects }) => {
    const reports = runRule('explanation-section', { criterion: plan, claim: claim('1.1.1', 1, { explanation }), evidence: [kh('15/KH-SNV', '2024-01-10')] });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });
});

describe('listed-evidence: what the report lists is what the folder holds', () => {
  it.each([
    { name: 'listed and present (case and diacritics aside) → nothing', listed: ['KH 15.pdf'], files: ['kh 15.pdf'], effects: [] },
    { name: 'listed but missing → info', listed: ['KH 15.pdf', 'BC 20.pdf'], files: ['KH 15.pdf'], effects: ['info'] },
    { name: 'present but not listed → info, still examined', listed: [], files: ['KH 15.pdf'], effects: ['info'] },
  ])('$name', ({ listed, files, effects }) => {
    const evidence = files.map((f) => record('1.1.1', f, reading('15/KH-SNV', '2024-01-10')));
    const reports = runRule('listed-evidence', { criterion: plan, claim: claim('1.1.1', 1, { evidenceFiles: listed }), evidence });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('five unlisted files are named one by one; three hundred are one finding naming five and counting the rest', () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => record('1.1.1', `scan${String(i).padStart(3, '0')}.pdf`, reading('33/KH-SYT', '2021-03-01')));
    const five = runRule('listed-evidence', { criterion: plan, claim: claim('1.1.1', 1, { evidenceFiles: [] }), evidence: files(5) });
    expect(five).toHaveLength(5);
    const many = runRule('listed-evidence', { criterion: plan, claim: claim('1.1.1', 1, { evidenceFiles: [] }), evidence: files(300) });
    expect(many.map((r) => [r.effect, r.reason])).toEqual([[
      'info',
      '300 tệp có trong thư mục của tiêu chí 1.1.1 nhưng không được kê trong báo cáo tự đánh giá ("scan000.pdf", "scan001.pdf", "scan002.pdf", "scan003.pdf", "scan004.pdf" và 295 tệp khác, xem danh sách tài liệu); các tệp vẫn được xem xét.',
    ]]);
  });

  it('a listed file that is in the folder but left out of the round (uploaded while uploads were locked) is said to be there, with why, not missing', () => {
    const why = 'không được tính trong Lần 2 vì nộp trước khi Lần 2 mở (từ 10:57 ngày 01/12/2026 đến 11:00 ngày 01/12/2026), khi chưa được nộp bổ sung';
    const uncounted = [{ path: 'units/SXD/evidence/1.1.1/KH 29-KH-SXD.pdf', criterion: '1.1.1', why }];
    const listing = claim('1.1.1', 1, { evidenceFiles: ['KH 29-KH-SXD.pdf', 'BC 20.pdf'] });
    const reports = runRule('listed-evidence', { criterion: plan, claim: listing, uncounted, settings: { effect: 'review' } });
    expect(reports.map((r) => [r.effect, r.reason, r.file])).toEqual([
      ['info', `Báo cáo tự đánh giá kê tài liệu "KH 29-KH-SXD.pdf" cho tiêu chí 1.1.1; tệp có trong thư mục units/SXD/evidence/1.1.1/ nhưng ${why}.`, 'units/SXD/evidence/1.1.1/KH 29-KH-SXD.pdf'],
      // A listed file that is nowhere is still missing, and goes to the council as the framework says.
      ['review', 'Báo cáo tự đánh giá kê tài liệu "BC 20.pdf" cho tiêu chí 1.1.1, nhưng thư mục units/SNV/evidence/1.1.1/ không có tệp này; đề nghị Hội đồng thẩm định xem xét.', undefined],
    ]);
  });
});
