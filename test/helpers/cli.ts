// Run the built CLI as a user would: `node dist/pipeline/cli.js …`.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `command`: run another program instead (a wrapper such as `setpriv` that then starts node itself). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; command?: string } = {}): Promise<CliResult> {
  const cli = path.resolve('dist/pipeline/cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(options.command ?? process.execPath, options.command ? args : [cli, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
