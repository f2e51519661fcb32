#!/usr/bin/env node
// `npm run bench -- <name> [args…]` runs bench/<name>/run.mjs with the remaining arguments.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2);
const available = existsSync(path.join(root, 'bench'))
  ? readdirSync(path.join(root, 'bench')).filter((d) => existsSync(path.join(root, 'bench', d, 'run.mjs')))
  : [];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]; available: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [path.join(root, 'bench', name, 'run.mjs'), ...rest], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
