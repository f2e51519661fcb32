import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useSession, useUser } from '../access/session';
import { Icon } from '../ui/icon';
import { LanguageSwitch } from '../ui/language-switch';
import { LoadingState } from '../ui/states';
import { ErrorBoundary } from './error-boundary';
import { navigationFor } from './navigation';

export function AppShell() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const [isNavOpen, setIsNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // On a new page: close the tablet menu and move focus to the content, as a full page load would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation
  useEffect(() => {
    setIsNavOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const sections = navigationFor(user.role);
  const organisation = user.memberName ?? user.enterpriseName;

  return (
    <div className={`shell${isNavOpen ? ' shell--nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <aside className="sidebar" id="sidebar" aria-label={t('shell.navigation')}>
        <div className="sidebar__brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="sidebar__brand-name">{t('app.name')}</span>
        </div>
        <nav className="sidebar__nav">
          {sections.map((section) => (
            <div className="sidebar__section" key={section.label}>
              <h2 className="sidebar__section-title">{t(section.label)}</h2>
              <ul>
                {section.items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className="sidebar__link">
                      <Icon name={item.icon} />
                      <span>{t(item.label)}</span>
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <p className="sidebar__footer">{t('app.tagline')}</p>
      </aside>
      <button
        type="button"
        className="shell__scrim"
        tabIndex={-1}
        aria-hidden="true"
        onClick={() => setIsNavOpen(false)}
      />
      <div className="shell__body">
        <header className="topbar">
          <button
            type="button"
            className="topbar__menu button button--ghost"
            aria-expanded={isNavOpen}
            aria-controls="sidebar"
            onClick={() => setIsNavOpen((open) => !open)}
          >
            <Icon name={isNavOpen ? 'close' : 'menu'} />
            <span className="visually-hidden">{t('shell.menu')}</span>
          </button>
          <div className="topbar__context">
            {organisation ? (
              <span className="topbar__org" translate="no">
                {organisation}
              </span>
            ) : null}
            {user.memberKind ? (
              <span className="topbar__kind">{t(`memberKind.${user.memberKind}`)}</span>
            ) : null}
          </div>
          <div className="topbar__actions">
            <LanguageSwitch />
            <div className="topbar__user">
              <span className="topbar__user-name" translate="no">
                {user.displayName}
              </span>
              <span className="topbar__user-role">{t(`role.${user.role}`)}</span>
            </div>
            <button type="button" className="button button--ghost" onClick={() => void signOut()}>
              <Icon name="logout" />
              <span>{t('shell.signOut')}</span>
            </button>
          </div>
        </header>
        <main id="main" className="main" ref={mainRef} tabIndex={-1}>
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<LoadingState />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
