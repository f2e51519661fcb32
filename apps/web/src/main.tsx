import { startOpeningPage } from './app/page-starts';

// The first module is small on purpose: it starts what the page being opened needs (its chunks, and its
// first reads once the session is known) before the browser has parsed the rest of the app (React, the
// shell, the texts), which it then loads.
startOpeningPage();
void import('./app/start');
