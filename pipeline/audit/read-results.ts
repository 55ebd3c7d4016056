// The last run's results.json, as `cchc audit` rebuilds the pages from it: a file cut short, edited
// by hand or from another tool is refused with a Vietnamese message naming the file and the place,
// never a JavaScript error.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { BatchResult } from '../model.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { parseJson } from '../util/json.js';
import { validate } from '../util/validation.js';

const finding = z.looseObject({ rule: z.string(), effect: z.string(), reason: z.string() });
const extraction = z.looseObject({ file: z.string(), sha256: z.string(), status: z.enum(['ok', 'unreadable']), readerVersion: z.string() });
const criterion = z.looseObject({ code: z.string(), title: z.string(), leaf: z.boolean(), evidence: z.array(z.string()), findings: z.array(finding) });
const unit = z.looseObject({
  code: z.string(), name: z.string(), group: z.string(), status: z.enum(['ok', 'error']),
  criteria: z.array(criterion), evidence: z.array(extraction), findings: z.array(finding),
});
/** What the audit pages read of results.json (other fields pass through unchecked). */
const RESULTS = z.looseObject({
  province: z.string(), year: z.number(), dataWindow: z.looseObject({ from: z.string(), to: z.string() }),
  groups: z.array(z.looseObject({ code: z.string(), name: z.string() })), units: z.array(unit), findings: z.array(finding),
});

/** Parse results.json's text; `file` names it in the message. Throws CchcError (exit 3) when it is not usable. */
export function parseResults(text: string, file: string): BatchResult {
  const parsed = parseJson(text);
  const refuse = (why: string) => new CchcError(
    `Tệp kết quả ${file} bị hỏng (${why}): không lập được trang kiểm tra tài liệu từ tệp này. Hãy chạy lại "cchc run" để lập lại kết quả.`,
    ExitCode.BadBatch,
  );
  if (!parsed.ok) throw refuse(parsed.problem);
  const checked = validate(RESULTS, parsed.value);
  if (!checked.ok) {
    const first = checked.problems[0]!;
    const more = checked.problems.length > 1 ? ` và ${checked.problems.length - 1} chỗ khác` : '';
    throw refuse(`không đúng cấu trúc kết quả của cchc: ${first.path}: ${first.message}${more}`);
  }
  return parsed.value as BatchResult;
}

/** Read and check results.json. Throws CchcError (exit 3) naming the file when it cannot be read or used. */
export async function readResults(file: string): Promise<BatchResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CchcError(`Không đọc được tệp kết quả ${file} (${describeFsError(error)}).`, ExitCode.BadBatch);
  }
  return parseResults(text, file);
}
