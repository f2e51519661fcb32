import type { Command } from 'commander';

// Placeholder until the command lands; replaced by its owner.
export function registerServeCommand(program: Command): void {
  program.command('serve').description('(not yet available)').action(() => {
    throw new Error('creditbridge serve is not implemented yet');
  });
}
