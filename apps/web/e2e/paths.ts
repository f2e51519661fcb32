import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/web */
export const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The repository root. */
export const REPO_ROOT = path.resolve(WEB_ROOT, '../..');
/** Screenshots, downloads and the server log of the last run (git-ignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts', 'e2e');
/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
