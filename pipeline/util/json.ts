// JSON read from files a person may have touched (a corrections file, a results.json copied or cut
// short): parse errors said in Vietnamese with the line and column, never the engine's English.

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Parse `text` (a leading BOM is ignored). On failure, `problem` is a Vietnamese phrase for a
 * sentence naming the file: `tệp kết thúc giữa chừng (bị cắt cụt)`, `lỗi cú pháp JSON ở dòng 3, cột 5`.
 */
export function parseJson(text: string): ParsedJson {
  const body = text.replace(/^\uFEFF/u, '');
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, problem: describeJsonError(body, error) };
  }
}

function describeJsonError(text: string, error: unknown): string {
  if (text.trim() === '') return 'tệp rỗng';
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected end of JSON input|Unterminated string/iu.test(message)) return 'tệp kết thúc giữa chừng (bị cắt cụt hoặc chưa ghi xong)';
  const offset = errorOffset(text, message);
  if (offset !== null) {
    if (offset >= text.trimEnd().length) return 'tệp kết thúc giữa chừng (bị cắt cụt hoặc chưa ghi xong)';
    const before = text.slice(0, offset).split('\n');
    return `lỗi cú pháp JSON ở dòng ${before.length}, cột ${(before.at(-1)?.length ?? 0) + 1}`;
  }
  const token = /Unexpected token '(.)'/u.exec(message);
  if (token) return `lỗi cú pháp JSON: ký tự «${token[1]}» không đúng chỗ`;
  return 'lỗi cú pháp JSON';
}

/** V8's context: up to this many characters each side of an unexpected token. */
const CONTEXT = 10;

/**
 * Where V8 says the error is: `at position N`, or an unexpected token quoted with its context
 * (`Unexpected token ',', ..."ts": [,\n  {"... is not valid JSON`) found in the text.
 */
function errorOffset(text: string, message: string): number | null {
  const at = /position (\d+)/u.exec(message);
  if (at) return Math.min(Number(at[1]), text.length);
  const quoted = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/u.exec(message);
  if (!quoted) return null;
  const [, token, cut, context] = quoted as unknown as [string, string, string | undefined, string];
  const start = cut ? text.indexOf(context) : 0;
  if (start < 0 || (cut && text.indexOf(context, start + 1) >= 0)) return null;
  const inside = cut ? CONTEXT : context.indexOf(token);
  return context[inside] === token ? start + inside : null;
}
