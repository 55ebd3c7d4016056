// Biên bản thẩm định: one DOCX per unit.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { UnitResult } from '../model.js';
import { formatScore } from '../util/text.js';
import type { OutputContext } from './context.js';

export async function renderMinutes(ctx: OutputContext, unit: UnitResult, sequence: number): Promise<Buffer> {
  const { council } = ctx.batch;
  const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      children: [new TextRun({ text, bold: opts.bold ?? false, font: 'Times New Roman', size: 26 })],
    });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  const rows = [
    new TableRow({ children: ['Mã', 'Tiêu chí', 'Tối đa', 'Tự chấm', 'Thẩm định', 'Lý do'].map(cell) }),
    ...unit.criteria.filter((c) => c.leaf).map((c) =>
      new TableRow({
        children: [
          cell(c.code), cell(c.title), cell(formatScore(c.max)), cell(c.self === null ? '' : formatScore(c.self)),
          cell(formatScore(c.appraised)), cell(c.findings.map((f) => f.reason).join(' ')),
        ],
      }),
    ),
  ];
  const doc = new Document({
    creator: 'cchc',
    sections: [{
      children: [
        p(council.body, { bold: true, center: true }),
        p(`Số: ${String(council.minutesStart + sequence).padStart(2, '0')}/${council.minutesSymbol}`, { center: true }),
        p('BIÊN BẢN THẨM ĐỊNH', { bold: true, center: true }),
        p(`Kết quả tự đánh giá, chấm điểm Chỉ số CCHC năm ${ctx.result.year} của ${unit.name}`, { bold: true, center: true }),
        new Table({ width: { size: 9000, type: WidthType.DXA }, rows }),
        p(`Tổng điểm thẩm định: ${formatScore(unit.appraisedTotal)}; Chỉ số: ${formatScore(unit.index)}%; Xếp loại: ${unit.rating}.`),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
