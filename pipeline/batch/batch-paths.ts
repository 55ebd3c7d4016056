// The files and folders batch.yaml names (input workbooks, corrections, templates, trusted
// certificates, framework files, carried snapshots) must lie inside the batch folder: the batch is
// the record of the appraisal, copied or archived as one folder, and a path such as
// `survey: ../../../etc/passwd` (or a link inside the batch leading out) must never be opened.
// An absolute path is accepted only when it too lies inside the batch folder.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Batch } from '../model.js';
import { CchcError } from '../util/errors.js';
import { frameworkRefIsPath, resolveFrameworkRef } from '../framework/load-framework.js';

/** One path batch.yaml declares: the field that names it (`inputs › survey`) and the absolute path. */
export interface DeclaredPath {
  field: string;
  file: string;
}

/** Every path a batch declares, with the field that names it. Bundled framework names are not paths. */
export function declaredPaths(batch: Batch): DeclaredPath[] {
  const out: DeclaredPath[] = [];
  const add = (field: string, file: string | undefined) => {
    if (file) out.push({ field, file });
  };
  add('inputs › survey', batch.inputs.survey);
  add('inputs › adjustments', batch.inputs.adjustments);
  add('inputs › councilDecisions', batch.inputs.councilDecisions);
  batch.inputs.corrections?.forEach((f, i) => add(`inputs › corrections › tệp thứ ${i + 1}`, f));
  add('templates', batch.templates);
  add('trust', batch.trust);
  batch.groups.forEach((g) => {
    // A bundled name (`hung-yen-2021-so`) is the package's, not a path batch.yaml declares.
    if (frameworkRefIsPath(g.framework)) add(`framework của nhóm ${g.code}`, resolveFrameworkRef(g.framework, batch.dir));
  });
  batch.rounds?.forEach((r) => add(`rounds › ${r.name} › snapshot › file`, r.snapshot?.file));
  return out;
}

/** True when `inner` is `outer` or lies under it (both absolute, normalised). */
function within(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The real path of `file`: resolved through every link, or, for a path that does not exist (yet),
 * its deepest existing ancestor resolved and the rest appended.
 */
async function realOrNearest(file: string): Promise<string> {
  const tail: string[] = [];
  let at = file;
  for (;;) {
    try {
      return path.join(await realpath(at), ...tail.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return file;
      tail.push(path.basename(at));
      at = parent;
    }
  }
}

/**
 * Refuse any declared path that resolves outside the batch folder, links resolved (exit 3, with the
 * file, the field and the path as written). Nothing outside the batch is opened.
 */
export async function checkPathsInsideBatch(batch: Batch, batchFile: string): Promise<void> {
  const root = await realpath(batch.dir);
  const problems: string[] = [];
  for (const p of declaredPaths(batch)) {
    const lexical = within(batch.dir, p.file);
    const real = lexical ? within(root, await realOrNearest(p.file)) : false;
    if (!lexical || !real) {
      const how = lexical ? ' (qua liên kết symlink)' : '';
      problems.push(`${batchFile}, ${p.field}: đường dẫn ${p.file} nằm ngoài thư mục đợt thẩm định${how}; `
        + 'mọi tệp, thư mục khai báo trong batch.yaml phải nằm trong thư mục đợt (chép tệp vào thư mục đợt rồi ghi đường dẫn tương đối)');
    }
  }
  if (problems.length > 0) throw new CchcError(`Tệp đợt thẩm định không hợp lệ:\n${problems.join('\n')}`);
}
