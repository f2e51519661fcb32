import type { Command } from 'commander';

// Placeholder until the command lands; replaced by its owner.
export function registerUsccCommand(program: Command): void {
  program.command('uscc').description('(not yet available)').action(() => {
    throw new Error('creditbridge uscc is not implemented yet');
  });
}
