import { Command, CommanderError } from 'commander';
import { isAppError } from '../platform/errors.js';
import { registerClassifyCommand } from './classify.command.js';
import { registerDemoCommand } from './demo.command.js';
import { registerImportCommand } from './import.command.js';
import { registerModelCommand } from './model.command.js';
import { registerReportCommand } from './report.command.js';
import { registerSampleDataCommand } from './report-sample.command.js';
import { isMarkedLongRunning } from './run-state.js';
import { registerServeCommand } from './serve.command.js';
import { registerUsccCommand } from './uscc.command.js';

export function buildProgram(): Command {
  const program = new Command('creditbridge')
    .description('CreditBridge: the open MSME finance platform (registry, scoring, reports)')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerImportCommand(program);
  registerUsccCommand(program);
  registerClassifyCommand(program);
  registerModelCommand(program);
  registerDemoCommand(program);
  registerReportCommand(program);
  registerSampleDataCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<{ keepRunning: boolean }> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return { keepRunning: false };
    }
    if (isAppError(error)) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      if (error.details) process.stderr.write(`${JSON.stringify(error.details, null, 2)}\n`);
      process.exitCode = 1;
      return { keepRunning: false };
    }
    process.stderr.write(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
  return { keepRunning: isMarkedLongRunning() };
}
