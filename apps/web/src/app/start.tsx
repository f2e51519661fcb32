/** The app itself: i18n, styles, React. Loaded by main.tsx once the opening page's work has started. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from '../access/session';
import { initI18n } from '../i18n';
import { AppRoutes } from './routes';
import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/layout.css';
import '../styles/components.css';
import '../styles/credit.css';

initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <AppRoutes />
    </SessionProvider>
  </StrictMode>,
);
