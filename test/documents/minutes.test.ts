import { beforeAll, describe, expect, it } from 'vitest';
import { renderMinutes } from '../../pipeline/documents/minutes.js';
import { docxParagraphs, docxParts, docxText } from './docx-text.js';
import { batch, context, units } from './fixture.js';

const unit = (code: string) => units.find((u) => u.code === code)!;

describe('Biên bản thẩm định (appraisal minutes)', () => {
  let sxd: Buffer;
  let syt: Buffer;
  beforeAll(async () => {
    sxd = await renderMinutes(context(), unit('SXD'), 1);
    syt = await renderMinutes(context(), unit('SYT'), 2);
  });

  it('opens with the Decree 30 header: council and parent body, its own number series, Quốc hiệu, Tiêu ngữ, place and date', () => {
    const text = docxText(sxd);
    expect(text).toContain('UBND TỈNH HƯNG YÊN');
    expect(text).toMatch(/TỔ THẨM ĐỊNH\s+CHỈ SỐ CCHC/u);
    expect(text).toContain('Số: 02/BB-TTĐ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    const dateLine = docxParagraphs(sxd).find((p) => p.text === 'Hưng Yên, ngày 20 tháng 12 năm 2021');
    expect(dateLine?.xml).toContain('<w:i/>');
  });

  it('lays the header out as a two-column borderless table in twips', () => {
    const xml = docxParts(sxd)['word/document.xml']!;
    const first = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(first).toContain('<w:tblW w:type="dxa" w:w="9355"/>');
    expect(first).toMatch(/<w:top w:val="none"/u);
    expect([...first.matchAll(/<w:gridCol w:w="(\d+)"\/>/gu)].map((m) => Number(m[1]))).toHaveLength(2);
  });

  it('names the unit, the meeting and every member, without the control characters OCR left in them', () => {
    const text = docxText(sxd);
    expect(text.replace(/\n/gu, ' ')).toContain('Thẩm định kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2021 của Sở Xây dựng');
    expect(text).toContain('Vào hồi ...... giờ ......, ngày 20 tháng 12 năm 2021, tại Phòng họp <i>tầng 3</i>, Sở Nội vụ, Tổ thẩm định');
    expect(text).toContain('- Nguyễn Thị Thu Hà, Phó Giám đốc Sở Nội vụ: Tổ trưởng;');
    expect(text).toContain('- Trần Văn Quang, Phó Chánh Văn phòng UBND tỉnh: Tổ phó;');
    expect(text).toContain('- Vũ Thị Hạnh, Chuyên viên Sở Nội vụ: Thư ký.');
    expect(docxParts(sxd)['word/document.xml']).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u);
  });

  it('states the time of the meeting when batch.yaml gives council.meetingTime', async () => {
    const timed = await renderMinutes(context({ batch: { council: { ...batch.council, meetingTime: '8:30' } } }), unit('SXD'), 1);
    expect(docxText(timed)).toContain('Vào hồi 08 giờ 30, ngày 20 tháng 12 năm 2021, tại');
  });

  it('tabulates every criterion: code, title, max, self, appraised, difference, and the reason quoting the evidence file and its number', () => {
    const paragraphs = docxParagraphs(sxd).map((p) => p.text);
    for (const c of unit('SXD').criteria) expect(paragraphs).toContain(c.title);
    const row = paragraphs.slice(paragraphs.indexOf('1.1.1'), paragraphs.indexOf('1.1.1') + 7);
    expect(row).toEqual([
      '1.1.1', 'Ban hành kế hoạch CCHC năm kịp thời', '1', '1', '0', '-1',
      'Tài liệu kiểm chứng "ke-hoach-cchc-2021.pdf" có số văn bản 30a/KH-SXD kèm chữ cái (số văn bản a, b): chấm điểm 0.',
    ]);
    expect(paragraphs).toContain('TLKC: bao-cao-ket-qua-cchc.pdf, số để trống.');
  });

  it('says so when the council overrides the proposal', () => {
    const text = docxText(sxd);
    expect(text).toContain('Tổ thẩm định quyết định 1,25 điểm (đề xuất 1,5 điểm): Chấp nhận một phần giải trình <b>do dịch</b>.');
    expect(text).toContain(
      '- Tiêu chí 1.2 (Thực hiện chế độ báo cáo CCHC định kỳ): Tổ thẩm định quyết định 1,25 điểm (điểm đề xuất khi thẩm định hồ sơ: 1,5 điểm). Lý do: Chấp nhận một phần giải trình <b>do dịch</b>.',
    );
  });

  it('gives totals, index and the proposed rating, with bonus points', () => {
    const text = docxText(sxd);
    expect(text).toContain('- Tổng điểm tự đánh giá: 8 điểm.');
    expect(text).toContain('- Tổng điểm thẩm định: 9 điểm, gồm điểm các tiêu chí 6,75 điểm, điểm điều tra xã hội học 1,25 điểm, điểm thưởng 1 điểm.');
    expect(text).toContain('- Chỉ số cải cách hành chính: 90% (so với 10 điểm tối đa áp dụng đối với đơn vị).');
    expect(text).toContain('- Xếp loại đề xuất: Xuất sắc.');
    expect(text).toContain('TỔNG CỘNG');
  });

  it('explains a downgraded rating and lists criteria still waiting for the council', () => {
    const text = docxText(syt);
    expect(text).toContain('- Xếp loại đề xuất: Tốt (chỉ số thuộc mức Xuất sắc nhưng lĩnh vực 2 đạt 57,14%, dưới 70%, nên hạ một mức).');
    expect(text).toContain('- Tiêu chí 2.2 (Công khai TTHC đúng quy định): Không có tài liệu kiểm chứng, đơn vị có giải trình: Hội đồng xem xét quyết định. Điểm tạm tính: 1.');
    expect(text).toContain('- Rà soát, khắc phục tồn tại ở các tiêu chí bị giảm điểm: 2.1 (giảm 1 điểm); 2.2 (giảm 0,5 điểm).');
  });

  it('marks in the table a score still waiting for the council as provisional, and no other', () => {
    const rows = docxParagraphs(syt).map((p) => p.text);
    expect(rows.filter((t) => t.includes('(tạm tính)'))).toEqual(['1 (tạm tính)']);
    expect(docxParagraphs(sxd).some((p) => p.text.includes('(tạm tính)'))).toBe(false);
  });

  it('asks the unit to act on the criteria it lost points on', () => {
    expect(docxText(sxd)).toContain('- Rà soát, khắc phục tồn tại ở các tiêu chí bị giảm điểm: 1.1.1 (giảm 1 điểm); 1.2 (giảm 0,25 điểm).');
  });

  it('ends with signatures of the unit representative, the secretary and the chair', () => {
    const paragraphs = docxParagraphs(sxd).map((p) => p.text);
    const tail = paragraphs.slice(-12).join('\n');
    expect(tail).toMatch(/ĐẠI DIỆN SỞ\s+XÂY DỰNG|ĐẠI DIỆN SỞ XÂY DỰNG/u);
    expect(tail).toContain('THƯ KÝ');
    expect(tail).toContain('Vũ Thị Hạnh');
    expect(tail).toContain('TỔ TRƯỞNG');
    expect(tail).toContain('Nguyễn Thị Thu Hà');
    expect(tail.indexOf('THƯ KÝ')).toBeLessThan(tail.indexOf('TỔ TRƯỞNG'));
  });

  it('is A4 with Decree 30 margins, Times New Roman, widths in twips only, page numbers from page 2', () => {
    const parts = docxParts(sxd);
    const xml = parts['word/document.xml']!;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).not.toContain('w:type="pct"');
    expect(parts['word/styles.xml']).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="28"\/>/u);
    const headers = Object.entries(parts).filter(([name]) => /^word\/header\d+\.xml$/u.test(name)).map(([, x]) => x);
    expect(headers.some((h) => h.includes('PAGE'))).toBe(true);
  });
});

describe('Biên bản: handwritten values quote their source', () => {
  it('a numeral decided from handwriting and the unit\'s explanation is listed with where it came from', async () => {
    const base = unit('SXD');
    const criterion = base.criteria.find((c) => c.leaf && c.evidence.length > 0 && c.findings.length === 0)!;
    const file = criterion.evidence[0]!;
    const region = { x0: 80, y0: 95, x1: 270, y1: 115 };
    const note = 'số 1975 viết tay, khớp với giải trình của đơn vị';
    const evidence = base.evidence.map((e) => (e.file !== file ? e : {
      ...e, number: '1975/QĐ-UBND', blankNumber: false, source: 'ocr+claim' as const,
      parts: {
        numeral: { status: 'read' as const, value: '1975', confidence: 0.95, source: 'ocr+claim' as const, page: 1, region, note, handwriting: { candidates: [{ value: '1975', probability: 0.6 }], weakestDigit: 0.5, views: 3 } },
        symbol: { status: 'read' as const, value: 'QĐ-UBND', confidence: 0.95, source: 'ocr' as const, page: 1, region },
        day: { status: 'read' as const, value: 2, confidence: 0.95, source: 'ocr' as const, page: 1, region },
        month: { status: 'read' as const, value: 10, confidence: 0.95, source: 'ocr' as const, page: 1, region },
        year: { status: 'read' as const, value: 2017, confidence: 0.95, source: 'ocr' as const, page: 1, region },
      },
    }));
    const minutes = await renderMinutes(context(), { ...base, evidence }, 1);
    const name = file.split('/').pop()!;
    expect(docxParagraphs(minutes).map((p) => p.text).find((t) => t.startsWith(`TLKC: ${name}`))).toContain(`, số 1975/QĐ-UBND`);
    expect(docxParagraphs(minutes).map((p) => p.text).find((t) => t.startsWith(`TLKC: ${name}`))).toContain(`(${note}).`);
  });
});

describe('Biên bản: a value read with low confidence', () => {
  it('is listed as "đọc chưa chắc", a value read with confidence not', async () => {
    const base = unit('SXD');
    const criterion = base.criteria.find((c) => c.leaf && c.evidence.length > 0 && c.findings.length === 0)!;
    const file = criterion.evidence[0]!;
    const evidence = base.evidence.map((e) => (e.file !== file ? e : { ...e, number: '899/UBND-TTHC', blankNumber: false, numberConfidence: 0.6, date: '2021-01-20', dateConfidence: 0.95 }));
    const minutes = await renderMinutes(context(), { ...base, evidence }, 1);
    const line = docxParagraphs(minutes).map((p) => p.text).find((t) => t.startsWith(`TLKC: ${file.split('/').pop()!}`));
    expect(line).toContain(', số 899/UBND-TTHC (đọc chưa chắc), ngày 20/01/2021.');
  });
});

