#!/usr/bin/env node
// `cchc`: the entry. The program (program.ts) and the libraries it needs are loaded here, inside a
// handler: a static import that fails (a process allowed too few open files cannot open them) would
// stop the process with Node's English stack trace before any of our code ran. Messages are
// Vietnamese; exit codes are documented in util/errors.ts and the README.
import { ExitCode, tooFewOpenFiles } from './util/errors.js';

try {
  const { main } = await import('./program.js');
  process.exitCode = await main(process.argv);
} catch (error) {
  const code = (error as NodeJS.ErrnoException)?.code;
  process.stderr.write(code === 'EMFILE' || code === 'ENFILE' ? `${tooFewOpenFiles(code)}\n` : `Lỗi không mong đợi: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = ExitCode.Internal;
}
