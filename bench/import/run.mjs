#!/usr/bin/env node
// `npm run bench -- import [--only invoices|statements] [--rows N] [--data <cumcm2020c folder>] [--runs N] [--no-write] [--keep]`
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
