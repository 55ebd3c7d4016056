import { Command } from 'commander';
import { bundledFrameworksDir, listBundledFrameworks, loadFramework } from '../framework/load-framework.js';

export function frameworksCommand(): Command {
  return new Command('frameworks')
    .description('liệt kê các bộ chỉ số có sẵn')
    .action(async () => {
      for (const name of await listBundledFrameworks()) {
        const f = await loadFramework(name, bundledFrameworksDir());
        process.stdout.write(`${name.padEnd(28)} ${f.name}\n`);
      }
    });
}
