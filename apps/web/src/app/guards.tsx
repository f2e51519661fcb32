import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Capability } from '../access/permissions';
import { useCan, useSession } from '../access/session';
import { useDocumentTitle } from '../ui/page-header';
import { ErrorState, LoadingState } from '../ui/states';

export type SignInRedirectState = { from?: string; reason?: 'expired' | 'signed-out' | 'none' };

/** Renders its children for a signed-in user, else sends the visitor to sign in and back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <div className="fullscreen-state">
        <LoadingState label={t('session.checking')} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="fullscreen-state">
        <ErrorState error={state.error} onRetry={reload} />
      </div>
    );
  }
  if (state.status === 'signed-out') {
    const redirect: SignInRedirectState = {
      from: `${location.pathname}${location.search}`,
      reason: state.reason,
    };
    return <Navigate to="/sign-in" replace state={redirect} />;
  }
  return children;
}

export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const can = useCan();
  return can(capability) ? children : <Forbidden />;
}

function Forbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('forbidden.title'));
  return (
    <section className="centered-message">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link className="button button--primary" to="/">
        {t('common.backHome')}
      </Link>
    </section>
  );
}
