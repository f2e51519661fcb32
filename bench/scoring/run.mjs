#!/usr/bin/env node
// `npm run bench -- scoring [--only name1,name2] [--kinds scorecard,gam] [--no-peers] [--no-synthetic] [--no-write]`
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
