#!/usr/bin/env node
// `npm run bench -- rescore [--enterprises N] [--kind scorecard|gam] [--keep | --prepare-only | --database NAME] [--skip-refresh] [--changed N]`
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
