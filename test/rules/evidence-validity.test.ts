import { describe, expect, it } from 'vitest';
import { criterion, frameworkFrom, reading, record, runRule, testBatch, unreadable } from './support/factory.js';

const plan = (name: string, number: string | null, date: string | null, extra = {}) => record('1.1', name, reading(number, date, extra));

describe('unreadable-evidence: never silently zero, send to the council', () => {
  it.each([
    { name: 'an encrypted PDF → review naming the reason', ev: record('1.1', 'KH.pdf', unreadable('tệp PDF được mã hóa (có mật khẩu)')), effects: ['review'], says: 'tệp PDF được mã hóa' },
    { name: 'no number and no date found → review', ev: plan('anh-chup.pdf', null, null), effects: ['review'], says: 'Không tìm thấy số, ký hiệu và ngày ban hành' },
    { name: 'a number but no date found → review', ev: plan('KH.pdf', '12/KH-SNV', null), effects: ['review'], says: 'Không tìm thấy ngày ban hành trong tệp "KH.pdf" (trang 1), văn bản số 12/KH-SNV; đề nghị' },
    { name: 'a number guessed (a pen numeral at 60%) but no date → review, the number quoted as unsure', ev: plan('h12.pdf', '899/UBND-TTHC', null, { source: 'ocr', numberConfidence: 0.6 }), effects: ['review'], says: 'Không tìm thấy ngày ban hành trong tệp "h12.pdf" (trang 1), văn bản số 899/UBND-TTHC (đọc chưa chắc); đề nghị' },
    { name: 'a draft\'s blank number is read, not missing → not this rule', ev: plan('du-thao.pdf', '/SNV-CCHC', '2024-10-05'), effects: [], says: '' },
    { name: 'OCR at 55% → review quoting what was read', ev: plan('scan.pdf', '12/KH-SNV', '2024-01-15', { source: 'ocr', numberConfidence: 0.55, confidence: 0.55 }), effects: ['review'], says: 'bằng nhận dạng ảnh (OCR) với độ tin cậy thấp (55%): số 12/KH-SNV ngày 15/01/2024' },
    { name: 'OCR at 90% → fine', ev: plan('scan.pdf', '12/KH-SNV', '2024-01-15', { source: 'ocr', numberConfidence: 0.9, dateConfidence: 0.95, confidence: 0.9 }), effects: [], says: '' },
    { name: 'a clean text reading → fine', ev: plan('KH.pdf', '12/KH-SNV', '2024-01-15'), effects: [], says: '' },
  ])('$name', ({ ev, effects, says }) => {
    const reports = runRule('unreadable-evidence', { evidence: [ev] });
    expect(reports.map((r) => r.effect)).toEqual(effects);
    if (says) expect(reports[0]?.reason).toContain(says);
    if (effects.length) expect(reports[0]?.file).toBe(ev.file.relPath);
  });

  it('the threshold is a parameter', () => {
    const ev = plan('scan.pdf', '12/KH-SNV', '2024-01-15', { numberConfidence: 0.7 });
    expect(runRule('unreadable-evidence', { evidence: [ev], settings: { minConfidence: 0.6 } })).toEqual([]);
  });
});

describe('unissued-draft: a blank number or day is not an issued document', () => {
  it.each([
    { name: '"Số: /SNV-CCHC&QLVTLT" (blank number) → excluded', ev: plan('du-thao.pdf', '/SNV-CCHC&QLVTLT', '2021-10-05', { signed: false }), effects: ['exclude'], says: 'để trống số văn bản ("Số:      /SNV-CCHC&QLVTLT")' },
    { name: '"ngày tháng 10 năm 2024" (blank day) → excluded', ev: plan('du-thao.pdf', '15/KH-SNV', null, { blankDate: true, signed: false }), effects: ['exclude'], says: 'để trống ngày ban hành' },
    { name: 'blank in the text layer of a digitally signed file → review (stamped at signing)', ev: plan('ky-so.pdf', '/SGDĐT-GDTH', null, { blankDate: true, signed: true, signer: 'Sở Giáo dục và Đào tạo' }), effects: ['review'], says: 'có chữ ký số của Sở Giáo dục và Đào tạo' },
    { name: 'an issued document → nothing', ev: plan('KH.pdf', '15/KH-SNV', '2024-01-10'), effects: [], says: '' },
  ])('$name', ({ ev, effects, says }) => {
    const reports = runRule('unissued-draft', { evidence: [ev] });
    expect(reports.map((r) => r.effect)).toEqual(effects);
    if (says) expect(reports[0]?.reason).toContain(says);
  });

  it('the full sentence for the minutes', () => {
    const [report] = runRule('unissued-draft', { evidence: [plan('du-thao.pdf', '/SNV-CCHC', '2024-10-05', { signed: false })] });
    expect(report?.reason).toBe('Tệp "du-thao.pdf" (trang 1) để trống số văn bản ("Số:      /SNV-CCHC"), là dự thảo chưa được ban hành; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ.');
  });
});

describe('unsigned-evidence: a scan or a digitally signed document', () => {
  const word = { signed: false, scanned: false, signer: null };
  it.each([
    { name: 'unsigned Word export, Lào Cai (scan or signature) → excluded', extra: word, accept: ['scan', 'signature'], effects: ['exclude'] },
    { name: 'scan of the paper document, Lào Cai → fine', extra: { signed: false, scanned: true, source: 'ocr' }, accept: ['scan', 'signature'], effects: [] },
    { name: 'digitally signed, Lào Cai → fine', extra: {}, accept: ['scan', 'signature'], effects: [] },
    { name: 'scan, Thái Nguyên (signature only) → excluded', extra: { signed: false, scanned: true, source: 'ocr' }, accept: ['signature'], effects: ['exclude'] },
    { name: 'digitally signed, Thái Nguyên → fine', extra: {}, accept: ['signature'], effects: [] },
  ])('$name', ({ extra, accept, effects }) => {
    const reports = runRule('unsigned-evidence', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', extra)], settings: { accept } });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('says what the province requires', () => {
    const [report] = runRule('unsigned-evidence', { evidence: [plan('KH.docx.pdf', '15/KH-SNV', '2024-01-10', word)], settings: { accept: ['signature'] } });
    expect(report?.reason).toBe('Tệp "KH.docx.pdf" (trang 1) là bản điện tử không có chữ ký số và không phải bản chụp văn bản giấy, trong khi tài liệu kiểm chứng phải là văn bản điện tử có chữ ký số; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ.');
  });
});

const modifiedSignature = (verdict: 'modified' | 'broken' | 'unverifiable', problem: string) => ({
  signed: true,
  signatureStatus: verdict,
  signatures: [{ index: 1, verdict, problems: [problem] }],
});
const MODIFIED = modifiedSignature('modified', 'tệp bị sửa đổi sau khi ký: nội dung trang 1');
const BROKEN = modifiedSignature('broken', 'giá trị băm của nội dung được ký không khớp với giá trị đã ký (nội dung đã bị thay đổi sau khi ký)');

describe('unsigned-evidence: "signed" means verified', () => {
  it.each([
    { name: 'a verified signature, Thái Nguyên → fine', extra: { signatureStatus: 'valid' }, accept: ['signature'], effects: [] },
    { name: 'pages changed after signing, Thái Nguyên → excluded as not signed', extra: MODIFIED, accept: ['signature'], effects: ['exclude'] },
    { name: 'a byte changed inside the signed range, Lào Cai → excluded as not signed', extra: BROKEN, accept: ['scan', 'signature'], effects: ['exclude'] },
    { name: 'a signed scan modified after signing, Lào Cai (scans accepted) → to the council', extra: { ...MODIFIED, scanned: true, source: 'ocr' }, accept: ['scan', 'signature'], effects: ['review'] },
    { name: 'a signature that could not be checked → to the council', extra: modifiedSignature('unverifiable', 'định dạng chữ ký adbe.x509.rsa_sha1 (PKCS#1) chưa được hỗ trợ kiểm tra'), accept: ['signature'], effects: ['review'] },
    { name: 'a visible signing box and no signature, Thái Nguyên → excluded', extra: { signed: true, signatureStatus: 'none', signatures: [] }, accept: ['signature'], effects: ['exclude'] },
    { name: 'a reading from before verification (reader-3) keeps its "signed" → fine', extra: { signed: true }, accept: ['signature'], effects: [] },
  ])('$name', ({ extra, accept, effects }) => {
    const reports = runRule('unsigned-evidence', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', extra)], settings: { accept } });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('quotes what changed after signing', () => {
    const [report] = runRule('unsigned-evidence', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', MODIFIED)], settings: { accept: ['signature'] } });
    expect(report?.reason).toBe('Tệp "KH.pdf" (trang 1), văn bản số 15/KH-SNV ngày 10/01/2024 có chữ ký số nhưng chữ ký không còn giá trị (tệp bị sửa đổi sau khi ký: nội dung trang 1), nên không được coi là văn bản có chữ ký số; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ.');
  });

  it('quotes an annotation drawn over the header after the last signature', () => {
    const overHeader = modifiedSignature('modified', 'tệp bị sửa đổi sau khi ký: chú thích (FreeText) đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)');
    const [report] = runRule('unsigned-evidence', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', overHeader)], settings: { accept: ['signature'] } });
    expect(report?.effect).toBe('exclude');
    expect(report?.reason).toBe('Tệp "KH.pdf" (trang 1), văn bản số 15/KH-SNV ngày 10/01/2024 có chữ ký số nhưng chữ ký không còn giá trị (tệp bị sửa đổi sau khi ký: chú thích (FreeText) đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)), nên không được coi là văn bản có chữ ký số; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ.');
  });

  it('a box with no signature is said to be only a box', () => {
    const [report] = runRule('unsigned-evidence', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', { signed: true, signatureStatus: 'none', signatures: [] })], settings: { accept: ['signature'] } });
    expect(report?.reason).toContain('chỉ có khung chữ ký hiển thị trên trang, không có chữ ký số');
  });
});

describe('signature-integrity: a broken or post-modified signature goes to the council in every province', () => {
  const withUnsigned = (enabled: boolean) => ({ id: 't', name: 't', province: 't', level: 'so' as const, areas: [], rules: { 'unsigned-evidence': { enabled } }, scoring: { scale: 100, bands: [], bonusMax: 0, penaltyMax: 0, normaliseAdjustments: true } });
  it.each([
    { name: 'modified after signing → review', extra: MODIFIED, enabled: false, effects: ['review'] },
    { name: 'broken signature → review', extra: BROKEN, enabled: false, effects: ['review'] },
    { name: 'verified signature → nothing', extra: { signatureStatus: 'valid' }, enabled: false, effects: [] },
    { name: 'not signed at all → nothing (unsigned-evidence\'s business)', extra: { signed: false, signatureStatus: 'none' }, enabled: false, effects: [] },
    { name: 'where unsigned-evidence is on, it reports instead → nothing here', extra: MODIFIED, enabled: true, effects: [] },
  ])('$name', ({ extra, enabled, effects }) => {
    const reports = runRule('signature-integrity', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', extra)], framework: withUnsigned(enabled) });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('the sentence the minutes quote', () => {
    const [report] = runRule('signature-integrity', { evidence: [plan('KH.pdf', '15/KH-SNV', '2024-01-10', MODIFIED)] });
    expect(report?.reason).toBe('Tệp "KH.pdf" (trang 1), văn bản số 15/KH-SNV ngày 10/01/2024 có chữ ký số nhưng chữ ký không còn giá trị (tệp bị sửa đổi sau khi ký: nội dung trang 1); đề nghị Hội đồng thẩm định xem xét, quyết định.');
  });
});

describe('suffixed-number: the evidence\'s own number with a letter suffix scores 0 (Thái Nguyên §4b)', () => {
  it.each([
    { name: '30a/KH-SXD → zero', number: '30a/KH-SXD', effects: ['zero'] },
    { name: '30/KH-SXD → nothing', number: '30/KH-SXD', effects: [] },
    { name: 'Nghị quyết 30c/NQ-CP is suffixed too: the rule zeroes it, with its reason', number: '30c/NQ-CP', effects: ['zero'] },
  ])('$name', ({ number, effects }) => {
    expect(runRule('suffixed-number', { evidence: [plan('KH.pdf', number, '2024-02-05')] }).map((r) => r.effect)).toEqual(effects);
  });

  it('a suffixed number cited in the body is not the evidence\'s own number', () => {
    const ev = plan('KH.pdf', '31/KH-SXD', '2024-02-05', { citations: [{ number: '30a/KH-SXD', date: '2024-01-02', text: 'Kế hoạch số 30a/KH-SXD' }] });
    expect(runRule('suffixed-number', { evidence: [ev] })).toEqual([]);
  });

  it('names file, page, number and date, and relies on the number', () => {
    const [report] = runRule('suffixed-number', { evidence: [plan('KH-CCHC-2024.pdf', '30a/KH-SXD', '2024-02-05')] });
    expect(report).toMatchObject({ effect: 'zero', basis: ['number'], page: 1, file: 'units/SNV/evidence/1.1/KH-CCHC-2024.pdf' });
    expect(report?.reason).toBe('Tệp "KH-CCHC-2024.pdf" (trang 1), văn bản số 30a/KH-SXD ngày 05/02/2024 có số văn bản kèm chữ cái (số a, b), trái với nguyên tắc số văn bản được đánh liên tục trong năm (Nghị định số 30/2020/NĐ-CP, Điều 15); tiêu chí được chấm 0 điểm.');
  });
});

describe('data-window: evidence dated outside the period (01/12/2023 – cut-off)', () => {
  const batch = testBatch({ dataWindow: { from: '2023-12-01', to: '2024-11-30' }, cutoff: '2024-11-20' });
  it.each([
    { name: 'dated 30/11/2023, the day before the window → review', date: '2023-11-30', settings: {}, effects: ['review'], says: 'trước thời gian chốt số liệu' },
    { name: 'dated 01/12/2023, first day → fine', date: '2023-12-01', settings: {}, effects: [], says: '' },
    { name: 'dated 20/11/2024, the cut-off → fine', date: '2024-11-20', settings: {}, effects: [], says: '' },
    { name: 'dated 21/11/2024, after the Thái Nguyên cut-off → excluded where the province says so', date: '2024-11-21', settings: { effect: 'exclude' }, effects: ['exclude'], says: 'sau thời gian chốt số liệu của kỳ đánh giá (từ ngày 01/12/2023 đến ngày 20/11/2024)' },
    { name: 'an exempt criterion (report not yet due) → fine', date: '2024-12-10', settings: { exempt: ['1.1'] }, effects: [], says: '' },
  ])('$name', ({ date, settings, effects, says }) => {
    const reports = runRule('data-window', { batch, evidence: [plan('KH.pdf', '15/KH-SNV', date)], settings });
    expect(reports.map((r) => r.effect)).toEqual(effects);
    if (says) expect(reports[0]?.reason).toContain(says);
  });
});

describe('own-issuer: the unit\'s own document where the criterion requires it', () => {
  const own = criterion('1.1.1', 1, { evidence: { required: true, types: ['KH'], ownIssuer: true } });
  it.each([
    { name: 'Sở Nội vụ\'s own plan 12/KH-SNV → fine', number: '12/KH-SNV', unit: 'SNV', level: 'so' as const, effects: [] },
    { name: 'the province\'s plan 01/KH-UBND filed by Sở Nội vụ → excluded', number: '01/KH-UBND', unit: 'SNV', level: 'so' as const, effects: ['exclude'] },
    { name: 'a commune\'s plan 05/KH-UBND → its own', number: '05/KH-UBND', unit: 'XA-BINHMINH', level: 'xa' as const, effects: [] },
    { name: 'a report of another body, where a plan is expected → not this rule', number: '01/BC-STC', unit: 'SNV', level: 'so' as const, effects: [] },
  ])('$name', ({ number, unit, level, effects }) => {
    const ev = record('1.1.1', 'KH.pdf', reading(number, '2024-01-10'), unit);
    // The rest of the unit's file: two reports of its own.
    const others = [record('1.2', 'BC1.pdf', reading('20/BC-SNV', '2024-06-01'), unit), record('2.1', 'BC2.pdf', reading('21/BC-SNV', '2024-06-02'), unit)];
    const reports = runRule('own-issuer', { criterion: own, level, unit: { code: unit, name: unit, group: level }, evidence: [ev], unitEvidence: [ev, ...others] });
    expect(reports.map((r) => r.effect)).toEqual(effects);
  });

  it('after a merger, plans of the predecessor departments dated before `from` still count', () => {
    // Sở Nông nghiệp và Môi trường (SNNMT), formed 01/03/2025 from SNN and STNMT.
    const unit = { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', group: 'so' };
    const before = record('1.1.1', 'KH-SNN.pdf', reading('03/KH-SNN', '2025-01-10', { sha256: 'a' }), 'SNNMT');
    const after = record('1.1.1', 'KH-STNMT.pdf', reading('45/KH-STNMT', '2025-04-10', { sha256: 'b' }), 'SNNMT');
    const others = ['10', '11', '12'].map((n) => record('1.2', `BC${n}.pdf`, reading(`${n}/BC-SNNMT`, '2025-06-01', { sha256: n }), 'SNNMT'));
    const reports = runRule('own-issuer', { criterion: own, unit, evidence: [before, after], unitEvidence: [before, after, ...others], settings: { from: '2025-03-01' } });
    expect(reports.map((r) => r.file)).toEqual([after.file.relPath]);
  });
});

describe('duplicate-number: one number, two different documents', () => {
  const a = record('1.1', 'KH-a.pdf', reading('12/KH-SNV', '2024-01-15', { sha256: 'a' }));
  it.each([
    { name: 'same number, same year, different dates → review', other: record('2.2.1', 'KH-b.pdf', reading('12/KH-SNV', '2024-03-20', { sha256: 'b' })), effects: ['review'] },
    { name: 'the same file under two criteria → fine', other: record('2.2.1', 'KH-a.pdf', reading('12/KH-SNV', '2024-01-15', { sha256: 'a' })), effects: [] },
    { name: 'scan and signed copy of one document (same date) → fine', other: record('2.2.1', 'KH-scan.pdf', reading('12/KH-SNV', '2024-01-15', { sha256: 'c' })), effects: [] },
    { name: 'the same number a year earlier (numbers restart on 1 January) → fine', other: record('2.2.1', 'KH-2023.pdf', reading('12/KH-SNV', '2023-12-05', { sha256: 'd' })), effects: [] },
  ])('$name', ({ other, effects }) => {
    expect(runRule('duplicate-number', { evidence: [a], unitEvidence: [a, other] }).map((r) => r.effect)).toEqual(effects);
  });

  it('two clashing files in one criterion are told once, naming both', () => {
    const b = record('1.1', 'KH-b.pdf', reading('12/KH-SNV', '2024-03-20', { sha256: 'b' }));
    const reports = runRule('duplicate-number', { evidence: [a, b], unitEvidence: [a, b] });
    expect(reports).toHaveLength(1);
    expect(reports[0]?.reason).toBe('Tệp "KH-a.pdf" (trang 1) (ngày 15/01/2024) và tệp "KH-b.pdf" (trang 1) (ngày 20/03/2024) là hai văn bản khác nhau nhưng cùng mang số 12/KH-SNV; số văn bản được đánh liên tục trong năm nên mỗi số chỉ thuộc một văn bản, đề nghị Hội đồng thẩm định xem xét, quyết định.');
  });
});


describe('own-issuer: the unit\'s usual issuer counts as its own', () => {
  const own = criterion('1.1.1', 1, { evidence: { required: true, types: ['KH'], ownIssuer: true } });
  const unit = { code: 'SO-01', name: 'Sở Xây dựng', group: 'so' };
  const file = (c: string, number: string, sha: string) => record(c, `${sha}.pdf`, reading(number, '2024-02-01', { sha256: sha }), 'SO-01');
  it('unit code SO-01, most documents signed SXD → 30/KH-SXD is its own, 01/KH-UBND is not', () => {
    const mine = file('1.1.1', '30/KH-SXD', 'a');
    const province = file('1.1.1', '01/KH-UBND', 'b');
    const unitEvidence = [mine, province, file('1.2', '40/BC-SXD', 'c'), file('2.1', '41/BC-SXD', 'd')];
    const reports = runRule('own-issuer', { criterion: own, unit, evidence: [mine, province], unitEvidence });
    expect(reports.map((r) => r.file)).toEqual([province.file.relPath]);
    expect(reports[0]?.reason).toBe('Tệp "b.pdf" (trang 1), văn bản số 01/KH-UBND ngày 01/02/2024 do cơ quan khác ban hành (ký hiệu UBND), trong khi tiêu chí 1.1.1 yêu cầu văn bản do chính đơn vị ban hành; tài liệu này không được tính là tài liệu kiểm chứng hợp lệ.');
  });

  it('issuer codes declared in batch.yaml decide, even when most files are another body\'s', () => {
    const declared = { ...unit, issuerCodes: ['SXD'] };
    const mine = file('1.1.1', '30/KH-SXD', 'a');
    const province = file('1.1.1', '01/KH-UBND', 'b');
    const unitEvidence = [mine, province, file('1.2', '02/KH-UBND', 'c'), file('1.3', '03/KH-UBND', 'd')];
    const reports = runRule('own-issuer', { criterion: own, unit: declared, evidence: [mine, province], unitEvidence });
    expect(reports.map((r) => r.file)).toEqual([province.file.relPath]);
  });
});

describe('own-issuer: the usual issuer is judged where own documents are asked for', () => {
  it('a unit filing mostly the province\'s documents elsewhere still owns its plans', () => {
    const framework = frameworkFrom({
      id: 'f', name: 'f', province: 'f', level: 'so', scoring: { scale: 4, bands: [{ label: 'Đạt', min: 0 }] },
      areas: [{ code: '1', title: 'A', criteria: [
        { code: '1.1', title: 'Kế hoạch', max: 1, evidence: { types: ['KH'], ownIssuer: true } },
        { code: '1.2', title: 'Báo cáo', max: 1, evidence: { types: ['BC'], ownIssuer: true } },
        { code: '1.3', title: 'Văn bản của tỉnh', max: 2, evidence: { types: ['QĐ'] } },
      ] }],
    });
    const unit = { code: 'SO-07', name: 'Sở Y tế', group: 'so' };
    const plan = record('1.1', 'KH.pdf', reading('10/KH-SYT', '2024-01-10', { sha256: 'p' }), 'SO-07');
    const report = record('1.2', 'BC.pdf', reading('20/BC-SYT', '2024-06-10', { sha256: 'r' }), 'SO-07');
    const province = ['1', '2', '3', '4'].map((n) => record('1.3', `QD${n}.pdf`, reading(`${n}/QĐ-UBND`, '2024-03-01', { sha256: n }), 'SO-07'));
    const unitEvidence = [plan, report, ...province];
    const crit = framework.areas[0]!.criteria[0]!;
    const reports = runRule('own-issuer', { criterion: crit, unit, evidence: [plan], unitEvidence, framework });
    expect(reports).toEqual([]);
  });
});

describe('own-issuer: another unit\'s code is never this unit\'s usual issuer', () => {
  const own = criterion('1.1.1', 1, { evidence: { required: true, types: ['KH'], ownIssuer: true } });
  const batch = testBatch({ units: [
    { code: 'SNV', name: 'Sở Nội vụ', group: 'so' },
    { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', group: 'so' },
    { code: 'SO-01', name: 'Sở Xây dựng', group: 'so' },
    { code: 'SO-02', name: 'Sở Y tế', group: 'so' },
  ] });
  const file = (unit: string, c: string, number: string, sha: string) => record(c, `${sha}.pdf`, reading(number, '2024-02-01', { sha256: sha }), unit);
  const folderOf = (unit: string, issuer: string) =>
    [file(unit, '1.1.1', `83/KH-${issuer}`, `${unit}-a`), file(unit, '1.2', `90/BC-${issuer}`, `${unit}-b`), file(unit, '2.1', `91/BC-${issuer}`, `${unit}-c`)];

  it('Sở Nội vụ filing Sở TTTT\'s whole folder (83/KH-STTTT…) → excluded, STTTT being another unit\'s code', () => {
    const copied = folderOf('SNV', 'STTTT');
    const reports = runRule('own-issuer', { criterion: own, batch, unit: batch.units[0], evidence: [copied[0]!], unitEvidence: copied, otherUnits: { STTTT: folderOf('STTTT', 'STTTT') } });
    expect(reports.map((r) => [r.file, r.effect])).toEqual([[copied[0]!.file.relPath, 'exclude']]);
    expect(reports[0]?.reason).toContain('do cơ quan khác ban hành (ký hiệu STTTT)');
  });

  it('Sở TTTT\'s own 83/KH-STTTT stays its own', () => {
    const folder = folderOf('STTTT', 'STTTT');
    expect(runRule('own-issuer', { criterion: own, batch, unit: batch.units[1], evidence: [folder[0]!], unitEvidence: folder, otherUnits: { SNV: folderOf('SNV', 'STTTT') } })).toEqual([]);
  });

  it('an issuer code declared for another unit (issuerCodes: [SXD]) is not this unit\'s usual one', () => {
    const declared = testBatch({ units: [{ code: 'SO-01', name: 'Sở Xây dựng', group: 'so', issuerCodes: ['SXD'] }, { code: 'SO-02', name: 'Sở Y tế', group: 'so' }] });
    const copied = folderOf('SO-02', 'SXD');
    const reports = runRule('own-issuer', { criterion: own, batch: declared, unit: declared.units[1], evidence: [copied[0]!], unitEvidence: copied });
    expect(reports.map((r) => r.effect)).toEqual(['exclude']);
  });

  it('two units whose files are mostly signed SXD, neither code being SXD → the council decides for both', () => {
    const one = folderOf('SO-01', 'SXD');
    const two = folderOf('SO-02', 'SXD');
    for (const [unit, mine, theirs, other] of [[batch.units[2]!, one, two, 'SO-02'], [batch.units[3]!, two, one, 'SO-01']] as const) {
      const reports = runRule('own-issuer', { criterion: own, batch, unit, evidence: [mine[0]!], unitEvidence: mine, otherUnits: { [other]: theirs } });
      expect(reports.map((r) => r.effect)).toEqual(['review']);
      expect(reports[0]?.reason).toContain(`cũng là ký hiệu trên phần lớn văn bản của ${other === 'SO-01' ? 'Sở Xây dựng' : 'Sở Y tế'} (${other})`);
    }
  });

  it('a unit whose files are mostly signed SXD, no other unit\'s being so → SXD is its own (usual issuer)', () => {
    const mine = folderOf('SO-01', 'SXD');
    expect(runRule('own-issuer', { criterion: own, batch, unit: batch.units[2], evidence: [mine[0]!], unitEvidence: mine, otherUnits: { 'SO-02': folderOf('SO-02', 'SYT') } })).toEqual([]);
  });
});
