// Short Vietnamese names of finding kinds, shown beside their ids in the console and the workbook,
// so an English id never stands alone. Appraisal rules (pipeline/rules/*) and the stages that read
// the batch (report, folders, input workbooks) share this one list.
import { RULES } from './index.js';

export const RULE_NAMES: Readonly<Record<string, string>> = {
  'data-window': 'Ngoài thời gian chốt số liệu',
  'duplicate-number': 'Trùng số văn bản',
  'evidence-type': 'Sai loại văn bản',
  'explanation-citation': 'Giải trình không khớp tài liệu',
  'explanation-section': 'Giải trình thiếu mục, khoản',
  'late-issue': 'Ban hành muộn',
  'listed-evidence': 'Tài liệu kê trong báo cáo và tệp trong thư mục không khớp',
  'no-evidence': 'Không có tài liệu kiểm chứng',
  'not-applicable': 'Không áp dụng',
  'over-maximum': 'Vượt điểm tối đa',
  'own-issuer': 'Không do đơn vị ban hành',
  'shared-evidence': 'Trùng tệp của đơn vị khác',
  'suffixed-number': 'Số văn bản kèm chữ',
  'survey-points': 'Thiếu điểm điều tra XHH',
  'survey-self-scored': 'Tự chấm tiêu chí điều tra',
  'unissued-draft': 'Dự thảo chưa ban hành',
  'unreadable-evidence': 'Tài liệu không đọc được',
  'unsigned-evidence': 'Tài liệu chưa ký',
  'cited-documents': 'Văn bản được trích dẫn',
  'report-format': 'Báo cáo tự đánh giá',
  'evidence-layout': 'Sắp xếp tài liệu kiểm chứng',
  'unit-folder': 'Thư mục đơn vị',
  'input-format': 'Tệp đầu vào của đợt',
  'framework-assumption': 'Giả định của bộ chỉ số',
  'council-decision': 'Kết luận của Hội đồng',
  'rating-downgrade': 'Hạ mức xếp loại',
  'adjustment-cap': 'Giới hạn điểm thưởng, trừ',
  'data-window-default': 'Thời gian chốt số liệu',
  'figure-bracket': 'Điểm theo số liệu báo cáo',
  'handwritten-claim': 'Số, ngày viết tay',
  'signature-integrity': 'Chữ ký số không toàn vẹn',
  'late-submission': 'Nộp sau thời hạn',
  'out-of-scope-change': 'Thay đổi ngoài phạm vi bổ sung',
  'trust-anchors': 'Chứng thư gốc tin cậy',
  'corrections-file': 'Tệp hiệu chỉnh',
};

/** The Vietnamese name of a finding's rule id; the rule's own description when it has no short name. */
export function ruleName(id: string): string {
  return RULE_NAMES[id] ?? RULES.find((r) => r.id === id)?.description ?? id;
}

/** `Tài liệu chưa ký (unsigned-evidence)`: the name first, the id for searching the documentation. */
export function ruleLabel(id: string): string {
  const name = ruleName(id);
  return name === id ? id : `${name} (${id})`;
}
