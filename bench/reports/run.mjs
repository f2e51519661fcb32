#!/usr/bin/env node
// `npm run bench -- reports [--only reports|statistics] [--enterprises N] [--reports N] [--no-write]`
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
