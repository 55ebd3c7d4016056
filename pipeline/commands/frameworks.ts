import { Command } from 'commander';

export function frameworksCommand(): Command {
  return new Command('frameworks')
    .description('liệt kê các bộ chỉ số có sẵn')
    .action(async () => {
      // Loaded by the commands that use it (cchc starts light).
      const { bundledFrameworksDir, listBundledFrameworks, loadFramework } = await import('../framework/load-framework.js');
      for (const name of await listBundledFrameworks()) {
        try {
          const f = await loadFramework(name, bundledFrameworksDir());
          process.stdout.write(`${name.padEnd(24)} ${f.name}\n`);
        } catch (error) {
          process.stdout.write(`${name.padEnd(24)} (không hợp lệ: ${(error as Error).message.split('\n').slice(1).join('; ')})\n`);
        }
      }
    });
}
