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

