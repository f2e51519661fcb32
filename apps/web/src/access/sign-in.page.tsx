import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { isApiError } from '../api/client';
import type { SignInRedirectState } from '../app/guards';
import { LanguageSwitch } from '../ui/language-switch';
import { useDocumentTitle } from '../ui/page-header';
import { ErrorState } from '../ui/states';
import { useSession } from './session';

export default function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const location = useLocation();
  const reason = (location.state as SignInRedirectState | null)?.reason;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  useDocumentTitle(t('signIn.title'));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setIsSubmitting(true);
    try {
      await signIn(login.trim(), password);
      // The session change re-renders the route, which sends the user on.
    } catch (caught) {
      setError(caught);
      setIsSubmitting(false);
    }
  }

  const isBadCredentials = isApiError(error) && error.status === 401;

  return (
    <div className="sign-in">
      <section className="sign-in__intro" aria-labelledby="sign-in-intro">
        <div className="sign-in__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <span>{t('app.name')}</span>
        </div>
        <h2 id="sign-in-intro" className="sign-in__headline">
          {t('signIn.headline')}
        </h2>
        <ul className="sign-in__points">
          <li>{t('signIn.points.registry')}</li>
          <li>{t('signIn.points.scores')}</li>
          <li>{t('signIn.points.consent')}</li>
        </ul>
      </section>
      <section className="sign-in__panel">
        <div className="sign-in__language">
          <LanguageSwitch />
        </div>
        <form className="sign-in__form card" onSubmit={submit} noValidate={false}>
          <h1 className="sign-in__title">{t('signIn.title')}</h1>
          <p className="sign-in__subtitle">{t('signIn.subtitle')}</p>
          {reason === 'expired' && !error ? (
            <p className="notice notice--info" role="status">
              {t('signIn.expired')}
            </p>
          ) : null}
          {reason === 'signed-out' && !error ? (
            <p className="notice notice--info" role="status">
              {t('signIn.signedOut')}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="sign-in-login">{t('signIn.login')}</label>
            <input
              id="sign-in-login"
              name="login"
              autoComplete="username"
              required
              value={login}
              onChange={(event) => setLogin(event.target.value)}
              aria-invalid={isBadCredentials || undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t('signIn.password')}</label>
            <input
              id="sign-in-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={isBadCredentials || undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </div>
          {error ? (
            <div id="sign-in-error">
              {isBadCredentials ? (
                <p className="notice notice--danger" role="alert">
                  {t('signIn.badCredentials')}
                </p>
              ) : (
                <ErrorState error={error} compact />
              )}
            </div>
          ) : null}
          <button type="submit" className="button button--primary button--block" disabled={isSubmitting}>
            {isSubmitting ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <p className="sign-in__footnote">{t('signIn.footnote')}</p>
      </section>
    </div>
  );
}
