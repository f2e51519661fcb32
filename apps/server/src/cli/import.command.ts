import type { Command } from 'commander';

// Placeholder until the command lands; replaced by its owner.
export function registerImportCommand(program: Command): void {
  program.command('import').description('(not yet available)').action(() => {
    throw new Error('creditbridge import is not implemented yet');
  });
}
