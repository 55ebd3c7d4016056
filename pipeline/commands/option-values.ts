// Values of the commands' options that every command checks the same way.
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';

/**
 * The absolute path an output option (`--out`) names. An empty or blank value, as a script's unset
 * variable gives (`--out "$THU_MUC"`), is a usage error (exit 2): resolved, it would be the current
 * folder, and the outputs would be scattered wherever the clerk happens to be.
 */
export function outputPath(value: string, option = '--out', what = 'thư mục kết quả'): string {
  if (value.trim() === '') {
    throw new CchcError(`${option} cần đường dẫn ${what}, không được để trống (biến môi trường chưa được đặt?).`, ExitCode.Usage);
  }
  return path.resolve(value);
}
