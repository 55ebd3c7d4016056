// The results workbook (XLSX): ranking, unit × criterion, findings, evidence.
import ExcelJS from 'exceljs';
import type { OutputContext } from './context.js';

export async function renderWorkbook(ctx: OutputContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(ctx.result.year, 0, 1));
  wb.creator = 'cchc';
  wb.created = fixed;
  wb.modified = fixed;

  const ranking = wb.addWorksheet('Xếp hạng');
  ranking.addRow(['Nhóm', 'Hạng', 'Mã đơn vị', 'Đơn vị', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Chỉ số (%)', 'Xếp loại']);
  for (const group of ctx.result.groups) {
    const units = ctx.result.units.filter((u) => u.group === group.code).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    for (const u of units) ranking.addRow([group.name, u.rank, u.code, u.name, u.selfTotal, u.appraisedTotal, u.index, u.rating]);
  }

  const summary = wb.addWorksheet('Tổng hợp');
  summary.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Tiêu chí', 'Điểm tối đa', 'Tự đánh giá', 'Thẩm định', 'Chênh lệch']);
  for (const u of ctx.result.units) {
    for (const c of u.criteria.filter((k) => k.leaf)) {
      summary.addRow([u.code, c.code, c.title, c.max, c.self, c.appraised, c.self === null ? null : c.appraised - c.self]);
    }
  }

  const findings = wb.addWorksheet('Phát hiện');
  findings.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Tệp', 'Trang', 'Quy tắc', 'Tác động', 'Lý do']);
  for (const u of ctx.result.units) {
    for (const f of [...u.findings, ...u.criteria.flatMap((c) => c.findings)]) {
      findings.addRow([f.unit, f.criterion ?? '', f.file ?? '', f.page ?? null, f.rule, f.effect, f.reason]);
    }
  }

  const evidence = wb.addWorksheet('Tài liệu');
  evidence.addRow(['Mã đơn vị', 'Tệp', 'Trạng thái', 'Nguồn', 'Số văn bản', 'Ngày', 'Độ tin cậy', 'Ký số']);
  for (const u of ctx.result.units) {
    for (const e of u.evidence) {
      evidence.addRow([u.code, e.file, e.status, e.source ?? '', e.number ?? '', e.date ?? '', e.confidence, e.signed ? 'có' : 'không']);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
