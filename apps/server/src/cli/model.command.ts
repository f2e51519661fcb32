import type { Command } from 'commander';

// Placeholder until the command lands; replaced by its owner.
export function registerModelCommand(program: Command): void {
  program.command('model').description('(not yet available)').action(() => {
    throw new Error('creditbridge model is not implemented yet');
  });
}
