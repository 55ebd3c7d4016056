// `cchc`'s commands (cli.ts loads this module and runs `main`). Messages are Vietnamese; exit codes are documented in util/errors.ts and the README.
import { Command, CommanderError, Help } from 'commander';
import { auditCommand } from './commands/audit.js';
import { extractCommand } from './commands/extract.js';
import { frameworksCommand } from './commands/frameworks.js';
import { runCommand } from './commands/run.js';
import { snapshotCommand } from './commands/snapshot.js';
import { templateCommand } from './commands/template.js';
import { workerCommand } from './commands/worker.js';
import { CchcError, ExitCode, tooFewOpenFiles } from './util/errors.js';
import { describeFsError } from './util/fs-errors.js';
import { packageVersion } from './util/package-root.js';

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Tham số:',
  'Global Options:': 'Tùy chọn chung:',
};

const EXTRAS: Array<[RegExp, string]> = [
  [/\(default: /gu, '(mặc định: '],
  [/\bdefault: /gu, 'mặc định: '],
  [/\bchoices: /gu, 'lựa chọn: '],
  [/\bpreset: /gu, 'giá trị khi không ghi: '],
];

/** Commander's help, with its own words in Vietnamese. */
class VietnameseHelp extends Help {
  override styleTitle(title: string): string {
    return TITLES[title] ?? title;
  }

  override commandUsage(cmd: Command): string {
    return super.commandUsage(cmd).replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]');
  }

  override subcommandTerm(cmd: Command): string {
    return super.subcommandTerm(cmd).replace('[options]', '[tùy chọn]');
  }

  override optionDescription(option: Parameters<Help['optionDescription']>[0]): string {
    return EXTRAS.reduce((text, [from, to]) => text.replace(from, to), super.optionDescription(option));
  }

  override argumentDescription(argument: Parameters<Help['argumentDescription']>[0]): string {
    return EXTRAS.reduce((text, [from, to]) => text.replace(from, to), super.argumentDescription(argument));
  }
}

export function buildProgram(): Command {
  const program = new Command('cchc');
  program
    .description('Thẩm định Chỉ số cải cách hành chính (Chỉ số CCHC): đọc tài liệu kiểm chứng, chấm điểm, xếp hạng, lập biên bản và dự thảo quyết định.')
    .version(packageVersion(), '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .helpCommand(false)
    .showHelpAfterError('(xem trợ giúp: cchc --help)');
  program.createHelp = () => new VietnameseHelp();
  program.addCommand(runCommand());
  program.addCommand(snapshotCommand());
  program.addCommand(auditCommand());
  program.addCommand(extractCommand());
  program.addCommand(templateCommand());
  program.addCommand(frameworksCommand());
  program.addCommand(workerCommand());
  program.addCommand(helpCommand(program));
  for (const cmd of program.commands) {
    cmd.helpOption('-h, --help', 'hiển thị trợ giúp');
    cmd.showHelpAfterError(`(xem trợ giúp: cchc ${cmd.name()} --help)`);
    cmd.createHelp = () => new VietnameseHelp();
  }
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(translateCommanderError(s)) });
  for (const cmd of program.commands) cmd.configureOutput({ writeErr: (s) => process.stderr.write(translateCommanderError(s)) });
  return program;
}

/** `cchc help [lệnh]`: the program's or one command's help; an unknown command is a usage error (exit 2). */
function helpCommand(program: Command): Command {
  return new Command('help')
    .description('hiển thị trợ giúp của một lệnh')
    .argument('[lệnh]', 'tên lệnh')
    .action((name?: string) => {
      if (name === undefined) {
        program.outputHelp();
        return;
      }
      const command = program.commands.find((c) => c.name() === name && c.name() !== 'help');
      if (!command) {
        const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
        throw new CchcError(`không có lệnh "${name}". Các lệnh: ${names.join(', ')}.`, ExitCode.Usage);
      }
      command.outputHelp();
    });
}

/** Commander's own error messages are English; say them in Vietnamese, as `Lỗi: …` like the program's own. */
export function translateCommanderError(message: string): string {
  return message
    .replace(/^error: missing required argument '(.+)'/mu, "Lỗi: thiếu tham số bắt buộc '$1'")
    .replace(/^error: required option '(.+)' not specified/mu, "Lỗi: thiếu tùy chọn bắt buộc '$1'")
    .replace(/^error: unknown option '(.+)'/mu, "Lỗi: tùy chọn không hợp lệ '$1'")
    .replace(/^error: unknown command '(.+)'/mu, "Lỗi: lệnh không hợp lệ '$1'")
    .replace(/^error: option '(.+)' argument missing/mu, "Lỗi: tùy chọn '$1' thiếu giá trị")
    .replace(/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/mu, "Lỗi: tùy chọn '$1' không nhận giá trị '$2'; các giá trị hợp lệ: $3.")
    .replace(/^error: too many arguments.*$/mu, 'Lỗi: thừa tham số')
    .replace(/^\(Did you mean (.+)\?\)/mu, '(Có phải ý bạn là $1?)')
    .replace(/^error: /mu, 'Lỗi: ');
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.Ok;
      // Help shown because no command was given (`cchc` alone): on stderr, as a usage error.
      if (error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return ExitCode.Usage;
    }
    if (error instanceof CchcError) {
      process.stderr.write(`Lỗi: ${error.message}\n`);
      return error.exitCode;
    }
    // The program's own modules could not be opened: the process may hold too few open files.
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'EMFILE' || code === 'ENFILE') {
      process.stderr.write(`${tooFewOpenFiles(code)}\n`);
      return ExitCode.Internal;
    }
    // A write the file system refused outside the places that say so themselves (the first-seen
    // history, the reading cache…): the same exit 4 as a refused output, in Vietnamese.
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS') {
      const where = (error as NodeJS.ErrnoException).path;
      process.stderr.write(`Lỗi: Không ghi được${where ? ` ${where}` : ''} (${describeFsError(error, 'write')}): lần chạy dừng lại trước khi thay bộ kết quả, kết quả của lần chạy trước (nếu có) được giữ nguyên. ${code === 'EROFS' ? 'Hãy chọn thư mục ghi được' : 'Hãy giải phóng chỗ trống'} rồi chạy lại.\n`);
      return ExitCode.Output;
    }
    process.stderr.write(`Lỗi không mong đợi: ${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.Internal;
  }
}
