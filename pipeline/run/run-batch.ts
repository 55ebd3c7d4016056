// The batch run: batch → units → claims + evidence → extractions → findings → appraisal → ranking → documents.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { appraiseUnit } from '../appraisal/appraise.js';
import { rankUnits } from '../appraisal/rank.js';
import { discoverEvidence } from '../batch/discover-evidence.js';
import { loadBatch, unitDir } from '../batch/load-batch.js';
import { readBatchInputs } from '../batch/read-inputs.js';
import { readReport, REPORT_FILE } from '../batch/read-report.js';
import type { OutputContext } from '../documents/context.js';
import { OUTPUT_FILES } from '../documents/context.js';
import { renderDecision } from '../documents/decision.js';
import { renderMinutes } from '../documents/minutes.js';
import { renderResultsJson } from '../documents/results-json.js';
import { renderWorkbook } from '../documents/workbook.js';
import { createEvidenceReader } from '../evidence/reader.js';
import { checkDataWindow } from '../framework/data-window.js';
import { leafCriteria, loadFramework } from '../framework/load-framework.js';
import type { Batch, BatchResult, Finding, Framework, UnitResult } from '../model.js';
import type { EvidenceRecord } from '../rules/rule.js';
import { CchcError, ExitCode } from '../util/errors.js';
import { toPosix, writeFileAtomic } from '../util/files.js';

export interface RunOptions {
  /** Output folder; must not be inside the batch folder. */
  out: string;
  /** Cache folder for evidence readings; defaults to `<out>/.cache`. */
  cacheDir?: string;
  /** Progress lines for people (Vietnamese). */
  log?: (line: string) => void;
}

export interface RunSummary {
  units: number;
  unitsWithErrors: number;
  criteriaChecked: number;
  evidenceFiles: number;
  unreadableFiles: number;
  findingsByRule: Record<string, number>;
  findingsByEffect: Record<string, number>;
  outputs: string[];
  elapsedMs: number;
}

export interface RunOutcome {
  batch: Batch;
  result: BatchResult;
  summary: RunSummary;
}

export async function runBatch(batchDir: string, options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const batch = await loadBatch(batchDir);
  const out = path.resolve(options.out);
  if (isInside(out, batch.dir)) {
    throw new CchcError(`Thư mục kết quả ${out} nằm trong thư mục đợt thẩm định ${batch.dir}: không được ghi vào thư mục đầu vào.`, ExitCode.Usage);
  }

  const byGroup = new Map<string, Framework>();
  const byId = new Map<string, Framework>();
  for (const group of batch.groups) {
    const framework = await loadFramework(group.framework, batch.dir);
    byGroup.set(group.code, framework);
    byId.set(framework.id, framework);
  }
  const inputs = await readBatchInputs(batch);
  for (const framework of byId.values()) {
    const note = checkDataWindow(batch, framework);
    if (note) inputs.findings.push(note);
  }
  log(`Đợt thẩm định: ${batch.title ?? `Chỉ số CCHC năm ${batch.year}`}, tỉnh ${batch.province}; ${batch.units.length} đơn vị.`);

  const reader = createEvidenceReader({ cacheDir: options.cacheDir ?? path.join(out, '.cache') });
  const units: UnitResult[] = [];
  let criteriaChecked = 0;
  try {
    for (const unit of batch.units) {
      const framework = byGroup.get(unit.group);
      if (!framework) throw new Error(`no framework for group ${unit.group}`);
      const findings: Finding[] = [];
      const dir = unitDir(batch, unit.code);
      const reportRel = toPosix(path.relative(batch.dir, path.join(dir, REPORT_FILE)));
      let claims = null;
      if (!existsSync(dir)) {
        findings.push({ rule: 'evidence-layout', effect: 'info', unit: unit.code, reason: `Không có thư mục units/${unit.code}: đơn vị chưa nộp hồ sơ.` });
      } else {
        const reading = await readReport(path.join(dir, REPORT_FILE), framework, unit.code, reportRel);
        findings.push(...reading.findings);
        claims = reading.report?.claims ?? null;
      }
      const listing = await discoverEvidence(batch, unit.code, framework);
      findings.push(...listing.findings);
      const evidence: EvidenceRecord[] = await Promise.all(
        listing.files.map(async (file) => ({ file, extraction: { ...(await reader.read(file.path)), file: file.relPath } })),
      );
      const result = appraiseUnit({
        unit, batch, framework, claims, evidence,
        survey: inputs.survey.get(unit.code) ?? new Map(),
        adjustments: inputs.adjustments.filter((a) => a.unit === unit.code),
        councilDecisions: inputs.councilDecisions.filter((d) => d.unit === unit.code),
        findings,
      });
      criteriaChecked += leafCriteria(framework).length;
      units.push(result);
      log(`  ${unit.code} ${unit.name}: ${evidence.length} tài liệu, tự chấm ${result.selfTotal}, thẩm định ${result.appraisedTotal}.`);
    }
  } finally {
    await reader.close();
  }

  const ranked = rankUnits(units);
  const result: BatchResult = {
    province: batch.province,
    year: batch.year,
    ...(batch.title ? { title: batch.title } : {}),
    dataWindow: batch.dataWindow,
    cutoff: batch.cutoff,
    groups: batch.groups,
    units: ranked,
    findings: inputs.findings,
  };

  const outputs = await writeOutputs({ batch, result, frameworks: byId }, out);
  const all = [...result.findings, ...ranked.flatMap((u) => [...u.findings, ...u.criteria.flatMap((c) => c.findings)])];
  const count = (key: (f: Finding) => string) =>
    all.reduce<Record<string, number>>((acc, f) => ((acc[key(f)] = (acc[key(f)] ?? 0) + 1), acc), {});
  const evidenceAll = ranked.flatMap((u) => u.evidence);
  return {
    batch,
    result,
    summary: {
      units: ranked.length,
      unitsWithErrors: ranked.filter((u) => u.status === 'error').length,
      criteriaChecked,
      evidenceFiles: evidenceAll.length,
      unreadableFiles: evidenceAll.filter((e) => e.status === 'unreadable').length,
      findingsByRule: count((f) => f.rule),
      findingsByEffect: count((f) => f.effect),
      outputs,
      elapsedMs: performance.now() - started,
    },
  };
}

async function writeOutputs(ctx: OutputContext, out: string): Promise<string[]> {
  try {
    await mkdir(path.join(out, OUTPUT_FILES.minutesDir), { recursive: true });
  } catch (error) {
    throw new CchcError(`Không tạo được thư mục kết quả ${out}: ${(error as Error).message}`, ExitCode.Output);
  }
  const written: string[] = [];
  const write = async (rel: string, data: string | Uint8Array) => {
    try {
      await writeFileAtomic(path.join(out, rel), data);
    } catch (error) {
      throw new CchcError(`Không ghi được ${path.join(out, rel)}: ${(error as Error).message}`, ExitCode.Output);
    }
    written.push(rel);
  };
  await write(OUTPUT_FILES.results, renderResultsJson(ctx));
  await write(OUTPUT_FILES.workbook, await renderWorkbook(ctx));
  let sequence = 0;
  for (const unit of ctx.result.units) {
    if (unit.status !== 'ok') continue;
    await write(OUTPUT_FILES.minutes(unit.code), await renderMinutes(ctx, unit, sequence++));
  }
  await write(OUTPUT_FILES.decision, await renderDecision(ctx));
  return written;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
