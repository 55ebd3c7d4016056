// What each criterion's evidence looks like in the sample batch: the document type, its summary
// (trích yếu) and a body that cites other documents (with numbers and dates of their own, a suffixed
// national number among them) as a reader's distractors.

export interface Organisation {
  /** Unit code in batch.yaml (`STP`). */
  code: string;
  /** Full name (`Sở Tư pháp`). */
  name: string;
  /** Symbol part of its document numbers (`STP`). */
  symbol: string;
  director: string;
  deputy: string;
}

export type DocType = 'KH' | 'BC' | 'QĐ' | 'TB' | 'TTr' | 'BB';

export interface DocTemplate {
  type: DocType;
  /** Trích yếu, with `{year}` and `{unit}` filled in. */
  summary: string;
  /** Key result sentence for a report or the task list of a plan. */
  detail: string;
  /** Month of issue in the assessed year (0 = December of the previous year). */
  month: number;
}

/** Evidence templates for the criteria of `hung-yen-2021-so` that require evidence. */
export const DOC_TEMPLATES: Record<string, DocTemplate> = {
  '1.1.1': { type: 'KH', month: 1, summary: 'Cải cách hành chính năm {year}', detail: 'triển khai 24 nhiệm vụ trọng tâm cải cách hành chính, phân công cụ thể cho từng phòng, đơn vị trực thuộc' },
  '1.1.2': { type: 'BC', month: 11, summary: 'Kết quả thực hiện công tác cải cách hành chính năm {year}', detail: 'đã hoàn thành 24/24 nhiệm vụ đề ra tại Kế hoạch cải cách hành chính năm {year}, đạt 100% kế hoạch' },
  '1.2': { type: 'BC', month: 6, summary: 'Công tác cải cách hành chính 6 tháng đầu năm {year}', detail: 'đã gửi đầy đủ, đúng hạn các báo cáo quý I, 6 tháng về Sở Nội vụ qua Hệ thống thông tin báo cáo của tỉnh' },
  '1.3.1': { type: 'KH', month: 2, summary: 'Kiểm tra công tác cải cách hành chính năm {year}', detail: 'kiểm tra công tác cải cách hành chính tại 04 đơn vị trực thuộc trong quý II và quý III' },
  '1.3.2': { type: 'BC', month: 9, summary: 'Kết quả kiểm tra công tác cải cách hành chính tại các đơn vị trực thuộc năm {year}', detail: 'đã kiểm tra 04/04 đơn vị trực thuộc, đạt 100% kế hoạch kiểm tra' },
  '1.3.3': { type: 'TB', month: 10, summary: 'Kết luận kiểm tra công tác cải cách hành chính tại các đơn vị trực thuộc', detail: 'yêu cầu 02 đơn vị khắc phục 05 tồn tại; đến nay đã khắc phục xong 05/05 tồn tại' },
  '1.4.1': { type: 'KH', month: 1, summary: 'Tuyên truyền cải cách hành chính năm {year}', detail: 'tuyên truyền trên Cổng thông tin điện tử của Sở, tại hội nghị cơ quan và qua bản tin nội bộ' },
  '1.4.2': { type: 'BC', month: 11, summary: 'Kết quả công tác tuyên truyền cải cách hành chính năm {year}', detail: 'đăng tải 36 tin, bài về cải cách hành chính; tổ chức 02 hội nghị quán triệt, hoàn thành 100% kế hoạch' },
  '1.5': { type: 'QĐ', month: 8, summary: 'Công nhận sáng kiến trong công tác cải cách hành chính năm {year}', detail: 'công nhận 02 sáng kiến cải cách hành chính được áp dụng tại cơ quan' },
  '1.6': { type: 'BC', month: 11, summary: 'Kết quả thực hiện nhiệm vụ UBND tỉnh giao năm {year}', detail: 'hoàn thành đúng hạn 58/58 nhiệm vụ UBND tỉnh giao trên Hệ thống theo dõi nhiệm vụ' },
  '2.2.1': { type: 'KH', month: 1, summary: 'Rà soát, hệ thống hóa văn bản quy phạm pháp luật năm {year}', detail: 'rà soát toàn bộ văn bản quy phạm pháp luật thuộc lĩnh vực quản lý của Sở' },
  '2.2.2': { type: 'BC', month: 10, summary: 'Kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật năm {year}', detail: 'đã rà soát 27 văn bản, phát hiện 03 văn bản cần sửa đổi, bổ sung' },
  '2.2.3': { type: 'BC', month: 11, summary: 'Kết quả xử lý văn bản quy phạm pháp luật sau rà soát năm {year}', detail: 'đã tham mưu sửa đổi, bổ sung 03/03 văn bản phát hiện qua rà soát' },
  '2.3.1': { type: 'KH', month: 2, summary: 'Theo dõi tình hình thi hành pháp luật năm {year}', detail: 'theo dõi tình hình thi hành pháp luật trong lĩnh vực trọng tâm của ngành' },
  '2.3.2': { type: 'BC', month: 11, summary: 'Công tác theo dõi tình hình thi hành pháp luật năm {year}', detail: 'đã thực hiện đầy đủ các nội dung theo dõi thi hành pháp luật theo kế hoạch' },
  '3.1.1': { type: 'KH', month: 1, summary: 'Rà soát, đánh giá thủ tục hành chính năm {year}', detail: 'rà soát, đánh giá 12 thủ tục hành chính thuộc thẩm quyền giải quyết của Sở' },
  '3.1.2': { type: 'BC', month: 9, summary: 'Kết quả rà soát, đánh giá thủ tục hành chính năm {year}', detail: 'đã rà soát 12/12 thủ tục, đề xuất đơn giản hóa 04 thủ tục hành chính' },
  '3.3.2': { type: 'BC', month: 11, summary: 'Tình hình giải quyết hồ sơ thủ tục hành chính năm {year}', detail: 'giải quyết đúng hạn 99,6% hồ sơ; đã gửi thư xin lỗi đối với 100% hồ sơ quá hạn' },
  '3.5': { type: 'QĐ', month: 3, summary: 'Ban hành Quy chế hoạt động của Bộ phận Một cửa', detail: 'ban hành Quy chế hoạt động của Bộ phận tiếp nhận và trả kết quả giải quyết thủ tục hành chính' },
  '4.1': { type: 'BC', month: 5, summary: 'Kết quả rà soát chức năng, nhiệm vụ, cơ cấu tổ chức năm {year}', detail: 'đã rà soát chức năng, nhiệm vụ của 06 phòng chuyên môn và 04 đơn vị trực thuộc' },
  '4.4': { type: 'BC', month: 10, summary: 'Kết quả thực hiện phân cấp quản lý năm {year}', detail: 'thực hiện đầy đủ các nội dung phân cấp quản lý theo quyết định của UBND tỉnh' },
  '5.1': { type: 'QĐ', month: 4, summary: 'Phê duyệt danh mục vị trí việc làm và cơ cấu ngạch công chức', detail: 'phê duyệt 32 vị trí việc làm và cơ cấu ngạch công chức của cơ quan' },
  '5.4.1': { type: 'KH', month: 1, summary: 'Đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm {year}', detail: 'cử 45 lượt công chức, viên chức tham gia đào tạo, bồi dưỡng' },
  '5.4.2': { type: 'BC', month: 11, summary: 'Kết quả đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm {year}', detail: 'đã cử 47/45 lượt công chức, viên chức tham gia đào tạo, bồi dưỡng, vượt kế hoạch' },
  '5.5': { type: 'BC', month: 10, summary: 'Tình hình chấp hành kỷ luật, kỷ cương hành chính năm {year}', detail: 'không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính trong năm' },
  '6.2': { type: 'QĐ', month: 2, summary: 'Giao quyền tự chủ tài chính cho đơn vị sự nghiệp công lập trực thuộc', detail: 'giao quyền tự chủ tài chính cho 02 đơn vị sự nghiệp công lập trực thuộc' },
  '7.1.1': { type: 'KH', month: 1, summary: 'Ứng dụng công nghệ thông tin, chuyển đổi số năm {year}', detail: 'triển khai 15 nhiệm vụ ứng dụng công nghệ thông tin và chuyển đổi số' },
  '7.1.2': { type: 'BC', month: 11, summary: 'Tình hình sử dụng hệ thống quản lý văn bản và điều hành năm {year}', detail: '100% văn bản đi, đến được xử lý trên hệ thống quản lý văn bản và điều hành' },
  '7.1.6': { type: 'KH', month: 3, summary: 'Bảo đảm an toàn thông tin mạng năm {year}', detail: 'bảo đảm an toàn thông tin cho hệ thống thông tin của cơ quan theo cấp độ' },
  '7.5.1': { type: 'KH', month: 1, summary: 'Công tác văn thư, lưu trữ năm {year}', detail: 'thực hiện 10 nhiệm vụ về công tác văn thư, lưu trữ' },
  '7.5.2': { type: 'BC', month: 11, summary: 'Thống kê công tác văn thư, lưu trữ năm {year}', detail: 'đã thực hiện đầy đủ chế độ báo cáo thống kê công tác văn thư, lưu trữ' },
  '7.5.3': { type: 'BC', month: 10, summary: 'Kết quả chỉnh lý tài liệu và nộp lưu hồ sơ vào Lưu trữ lịch sử năm {year}', detail: 'đã chỉnh lý 35 mét giá tài liệu, nộp lưu 120 hồ sơ vào Lưu trữ lịch sử tỉnh' },
};

export const TYPE_TITLES: Record<DocType, string> = {
  KH: 'KẾ HOẠCH',
  BC: 'BÁO CÁO',
  QĐ: 'QUYẾT ĐỊNH',
  TB: 'THÔNG BÁO',
  TTr: 'TỜ TRÌNH',
  BB: 'BIÊN BẢN',
};

export const TYPE_NAMES: Record<DocType, string> = {
  KH: 'Kế hoạch',
  BC: 'Báo cáo',
  QĐ: 'Quyết định',
  TB: 'Thông báo',
  TTr: 'Tờ trình',
  BB: 'Biên bản',
};

/** Documents of other bodies that bodies cite: distractors for a reader that takes the first number it sees. */
export const PROVINCE_PLAN = { number: '245/KH-UBND', date: '25/12/2020', text: 'Kế hoạch số 245/KH-UBND ngày 25/12/2020 của UBND tỉnh về cải cách hành chính năm 2021' };
export const NATIONAL_RESOLUTION = 'Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011-2020';
export const NATIONAL_PROGRAMME = 'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030';
export const PROVINCE_RULES = 'Quyết định số 1708/QĐ-UBND ngày 14/7/2021 của UBND tỉnh ban hành Quy định về xác định Chỉ số cải cách hành chính';

export interface BodyInput {
  template: DocTemplate;
  org: Organisation;
  year: number;
  /** Issue date as ISO; decides which documents the body can cite. */
  iso: string;
  /** The unit's own plan this report follows, when there is one. */
  plan?: { number: string; date: string };
}

/** Body paragraphs for a document, by type. `#` marks a bold heading, `^` a centred bold line. */
export function bodyFor({ template, org, year, iso, plan }: BodyInput): string[] {
  const detail = fill(template.detail, org, year);
  const afterJuly = iso >= `${year}-07-16`;
  const bases = [
    `Căn cứ ${NATIONAL_RESOLUTION};`,
    ...(afterJuly ? [`Căn cứ ${NATIONAL_PROGRAMME};`] : []),
    `Căn cứ ${PROVINCE_PLAN.text};`,
  ];
  switch (template.type) {
    case 'KH':
      return [
        ...bases,
        `${org.name} ban hành Kế hoạch ${lowerFirst(fill(template.summary, org, year))} như sau:`,
        '#I. MỤC ĐÍCH, YÊU CẦU',
        `1. Triển khai thực hiện có hiệu quả các nhiệm vụ tại ${PROVINCE_PLAN.text}.`,
        '2. Xác định rõ nhiệm vụ, thời hạn hoàn thành và trách nhiệm của từng phòng, đơn vị.',
        '#II. NỘI DUNG, NHIỆM VỤ',
        `1. Năm ${year}, ${lowerFirst(detail)}.`,
        '2. Định kỳ hằng quý báo cáo kết quả thực hiện về Văn phòng Sở để tổng hợp, báo cáo Sở Nội vụ trước ngày 15 của tháng cuối quý.',
        '#III. TỔ CHỨC THỰC HIỆN',
        'Văn phòng Sở chủ trì, phối hợp với các phòng, đơn vị trực thuộc theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này.',
      ];
    case 'BC':
      return [
        `Thực hiện ${plan ? `Kế hoạch số ${plan.number} ngày ${plan.date} của ${org.name}` : PROVINCE_PLAN.text}, ${org.name} báo cáo ${lowerFirst(fill(template.summary, org, year))} như sau:`,
        '#I. KẾT QUẢ ĐẠT ĐƯỢC',
        `1. Trong năm ${year}, ${org.name} ${lowerFirst(detail)}.`,
        `2. Các nhiệm vụ được triển khai bám sát ${NATIONAL_RESOLUTION} và các văn bản chỉ đạo của UBND tỉnh.`,
        '#II. TỒN TẠI, HẠN CHẾ',
        'Việc ứng dụng công nghệ thông tin trong một số nhiệm vụ còn chưa đồng bộ.',
        '#III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
        'Tiếp tục thực hiện nghiêm các chỉ đạo của UBND tỉnh về cải cách hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp.',
      ];
    case 'QĐ':
      return [
        `^GIÁM ĐỐC ${org.name.toUpperCase()}`,
        ...bases.map((b) => (b.endsWith(';') ? b : `${b};`)),
        `Xét đề nghị của Chánh Văn phòng Sở.`,
        '^QUYẾT ĐỊNH:',
        `Điều 1. ${capitalise(detail)}.`,
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
        'Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị trực thuộc chịu trách nhiệm thi hành Quyết định này./.',
      ];
    case 'TB':
      return [
        `Thực hiện Kế hoạch kiểm tra công tác cải cách hành chính năm ${year}, ${org.name} thông báo kết luận như sau:`,
        '#I. KẾT QUẢ KIỂM TRA',
        `Đoàn kiểm tra ${lowerFirst(detail)}.`,
        '#II. YÊU CẦU',
        'Các đơn vị được kiểm tra khắc phục tồn tại và báo cáo kết quả về Văn phòng Sở trong thời hạn 30 ngày.',
      ];
    case 'TTr':
    case 'BB':
      return [`${capitalise(detail)}.`];
  }
}

export function fill(text: string, org: Organisation, year: number): string {
  return text.replaceAll('{year}', String(year)).replaceAll('{unit}', org.name);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
