#!/usr/bin/env node
// `npm run bench -- trust [--repeats N]`
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
