// Quyết định công bố Chỉ số CCHC, with the ranking annex.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatScore } from '../util/text.js';
import type { OutputContext } from './context.js';

export async function renderDecision(ctx: OutputContext): Promise<Buffer> {
  const { decision } = ctx.batch;
  const p = (text: string, opts: { bold?: boolean; italic?: boolean; center?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      children: [new TextRun({ text, bold: opts.bold ?? false, italics: opts.italic ?? false, font: 'Times New Roman', size: 28 })],
    });
  const cell = (text: string) => new TableCell({ children: [p(text)] });
  const children: Array<Paragraph | Table> = [
    p(decision.issuingBody, { bold: true, center: true }),
    p(`Số:      /${decision.symbol}`, { center: true }),
    p('QUYẾT ĐỊNH', { bold: true, center: true }),
    p(`Công bố Chỉ số cải cách hành chính năm ${ctx.result.year}`, { bold: true, center: true }),
    p(decision.authority, { bold: true, center: true }),
    ...decision.bases.map((b) => p(b, { italic: true })),
    p('QUYẾT ĐỊNH:', { bold: true, center: true }),
    p(`Điều 1. Công bố Chỉ số cải cách hành chính năm ${ctx.result.year} (chi tiết tại Phụ lục kèm theo).`),
  ];
  for (const group of ctx.result.groups) {
    const units = ctx.result.units.filter((u) => u.group === group.code && u.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    children.push(p(group.name, { bold: true }));
    children.push(new Table({
      width: { size: 9000, type: WidthType.DXA },
      rows: [
        new TableRow({ children: ['STT', 'Đơn vị', 'Điểm', 'Chỉ số (%)', 'Xếp loại', 'Xếp hạng'].map(cell) }),
        ...units.map((u, i) => new TableRow({
          children: [cell(String(i + 1)), cell(u.name), cell(formatScore(u.appraisedTotal)), cell(formatScore(u.index)), cell(u.rating), cell(String(u.rank))],
        })),
      ],
    }));
  }
  const doc = new Document({ creator: 'cchc', sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
