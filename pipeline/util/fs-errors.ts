// File-system errors said in Vietnamese, for findings that name the file (never Node's English).

/**
 * Why `error` (a Node errno error) stopped reading (`read`, the default) or writing (`write`) a file
 * or folder, as a Vietnamese phrase.
 */
export function describeFsError(error: unknown, action: 'read' | 'write' = 'read'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return action === 'write' ? 'không có quyền ghi' : 'không có quyền đọc';
    case 'EISDIR':
      return 'là một thư mục, không phải tệp';
    case 'ENOTDIR':
      return 'không phải thư mục';
    case 'ENOENT':
      return 'không tìm thấy (có thể vừa bị xóa hoặc đổi tên, hoặc tên tệp có ký tự lỗi)';
    case 'ELOOP':
      return 'là liên kết vòng';
    case 'ENAMETOOLONG':
      return 'tên quá dài';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'đĩa đã đầy';
    case 'EROFS':
      return 'ổ đĩa chỉ cho đọc';
    case 'EIO':
      return 'lỗi đọc đĩa';
    case 'EMFILE':
    case 'ENFILE':
      return 'quá nhiều tệp đang mở cùng lúc';
    default:
      return code ? `lỗi hệ thống ${code}` : `lỗi không xác định (${(error as Error)?.message ?? String(error)})`;
  }
}

/**
 * Why JSON.parse refused `text`, as a Vietnamese phrase with the line and column when V8 gives the
 * position (its own English never reaches the user).
 */
export function describeJsonError(error: unknown, text?: string): string {
  const message = (error as Error)?.message ?? '';
  if (/Unexpected end of JSON input/u.test(message)) return 'tệp JSON rỗng hoặc bị cắt cụt';
  const position = /at position (\d+)/u.exec(message);
  if (position && text !== undefined) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    return `sai cú pháp JSON ở dòng ${line}, cột ${before.length - before.lastIndexOf('\n')}`;
  }
  const token = /Unexpected token '(.+?)'/u.exec(message);
  if (token) return `sai cú pháp JSON: ký tự '${token[1]}' không đúng chỗ`;
  return 'sai cú pháp JSON';
}
