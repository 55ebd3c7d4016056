// Resident memory of a process and all its descendants, from /proc (Linux), for benchmarks.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function treeRssMb(root: number): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/mu.exec(status)?.[1] ?? 0);
      const kb = Number(/^VmRSS:\s+(\d+)/mu.exec(status)?.[1] ?? 0);
      parents.set(Number(entry), ppid);
      rss.set(Number(entry), kb);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p: number | undefined = pid; p; p = parents.get(p)) {
      if (p === root) {
        total += kb;
        break;
      }
    }
  }
  return total / 1024;
}

export interface ChildMeasure {
  code: number | null;
  wallS: number;
  /** CPU seconds of the child's whole tree (its reaped descendants included). */
  cpuS: number;
  peakMb: number;
  stdout: string;
}

/**
 * Run `node <args>` and measure it: wall time, CPU time and the peak resident memory of its process
 * tree, sampled every `sampleMs`. Stderr passes through; stdout is collected.
 */
export async function measureChild(args: string[], sampleMs = 100): Promise<ChildMeasure> {
  const cpuBefore = reapedCpuSeconds();
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRssMb(child.pid));
  }, sampleMs);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  // 'close', not 'exit': stdout is read to its end.
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearInterval(sampler));
  return { code, wallS: (performance.now() - started) / 1000, cpuS: reapedCpuSeconds() - cpuBefore, peakMb: peak, stdout };
}

/** CPU seconds of this process's reaped children (cutime + cstime, /proc/self/stat). */
function reapedCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3; cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}
