#!/usr/bin/env node
// Entry point of the `creditbridge` CLI: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { keepRunning } = await main(process.argv);
// Exit explicitly with the command's code: a dependency's exit hook would otherwise turn it into 0.
if (!keepRunning) process.exit(process.exitCode ?? 0);
