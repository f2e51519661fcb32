import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useUser } from '../access/session';
import { api } from '../api/client';
import { useFormat } from '../i18n';
import { PageHeader } from '../ui/page-header';
import { ErrorState } from '../ui/states';

/** A unified social credit code: 18 characters of digits and capitals (the check is the server's). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

function BindingRequest() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const user = useUser();
  const { reload } = useSession();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [isSending, setIsSending] = useState(false);
  const request = user.enterpriseVerification;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const creditCode = code.trim().toUpperCase();
    setFailure(null);
    if (!CREDIT_CODE.test(creditCode)) {
      setProblem(t('enterprise.binding.problem'));
      return;
    }
    setProblem(null);
    setIsSending(true);
    try {
      await api.post('/access/enterprise-verifications', { creditCode });
      // The session carries the request's state: read it again.
      reload();
    } catch (error) {
      setFailure(error);
      setIsSending(false);
    }
  }

  return (
    <>
      <PageHeader title={t('enterprise.binding.title')} description={t('enterprise.binding.description')} />
      <section className="card">
        {request?.status === 'pending' ? (
          <p className="notice notice--info" role="status">
            {t('enterprise.binding.pending', { date: f.dateTime(request.requestedAt) })}
          </p>
        ) : (
          <>
            {request?.status === 'rejected' ? (
              <p className="notice notice--danger" role="status">
                {t('enterprise.binding.rejected')}
              </p>
            ) : null}
            <form
              className="form-grid"
              onSubmit={submit}
              noValidate
              aria-label={t('enterprise.binding.title')}
            >
              <div className="field">
                <label htmlFor={`${id}-code`}>{t('enterprise.binding.creditCode')}</label>
                <input
                  id={`${id}-code`}
                  value={code}
                  maxLength={18}
                  autoComplete="off"
                  onChange={(event) => setCode(event.target.value)}
                  aria-invalid={problem !== null}
                  aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
                />
                <p className="field__hint" id={`${id}-hint`}>
                  {t('enterprise.binding.hint')}
                </p>
                {problem ? (
                  <p className="field__error" id={`${id}-problem`} role="alert">
                    {problem}
                  </p>
                ) : null}
              </div>
              {failure ? <ErrorState error={failure} compact /> : null}
              <div className="form-actions">
                <button type="submit" className="button button--primary" disabled={isSending}>
                  {t('enterprise.binding.submit')}
                </button>
              </div>
            </form>
          </>
        )}
      </section>
    </>
  );
}

/**
 * The enterprise's own pages need the account bound to its enterprise (attested by the operator or a
 * member); until then the page says so and offers to ask for the binding, instead of failing reads.
 */
export function RequireEnterpriseBinding({ children }: { children: ReactNode }) {
  const user = useUser();
  return user.enterpriseId ? children : <BindingRequest />;
}
