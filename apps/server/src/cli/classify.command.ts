import type { Command } from 'commander';

// Placeholder until the command lands; replaced by its owner.
export function registerClassifyCommand(program: Command): void {
  program.command('classify').description('(not yet available)').action(() => {
    throw new Error('creditbridge classify is not implemented yet');
  });
}
