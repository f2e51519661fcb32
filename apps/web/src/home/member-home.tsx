import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCan, useUser } from '../access/session';
import { useFormat } from '../i18n';
import { getQuality, listSubmissions } from '../registry/registry.api';
import { Icon } from '../ui/icon';
import { ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { RecentSubmissions } from './recent-submissions';
import { StatTiles } from './stat-tiles';
import { qualityTotals } from './summary';

function EnterpriseSearchCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [q, setQ] = useState('');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(`/registry/enterprises${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`);
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {t('home.member.findEnterprise')}
      </h2>
      <p className="card__description">{t('home.member.findEnterpriseHint')}</p>
      <search>
        <form className="search" onSubmit={submit}>
          <label htmlFor={`${id}-q`} className="visually-hidden">
            {t('registry.enterprises.searchLabel')}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            placeholder={t('registry.enterprises.searchPlaceholder')}
            onChange={(event) => setQ(event.target.value)}
          />
          <button type="submit" className="button button--primary">
            <Icon name="search" size={16} />
            {t('registry.enterprises.search')}
          </button>
        </form>
      </search>
    </section>
  );
}

function SubmissionOverview() {
  const { t } = useTranslation();
  const f = useFormat();
  const user = useUser();
  const can = useCan();
  const recent = useAsync((signal) => listSubmissions({ limit: 5, offset: 0 }, signal), []);
  const quality = useAsync((signal) => getQuality(signal), []);
  const own = quality.data?.members.filter((member) => member.memberId === user.memberId) ?? [];
  const totals = qualityTotals(own);
  return (
    <>
      <section className="card" aria-labelledby="member-figures">
        <div className="section-heading">
          <h2 id="member-figures" className="card__title">
            {t('home.member.figures', { member: user.memberName ?? '' })}
          </h2>
          {can('registry.submit') ? (
            <Link className="button button--primary" to="/registry/submissions">
              <Icon name="upload" size={16} />
              {t('home.member.submitData')}
            </Link>
          ) : null}
        </div>
        {quality.error ? (
          <ErrorState error={quality.error} onRetry={quality.reload} compact />
        ) : !quality.data ? (
          <LoadingState />
        ) : (
          <StatTiles
            label={t('home.member.figures', { member: user.memberName ?? '' })}
            tiles={[
              {
                label: t('home.stats.submissions'),
                value: recent.data ? f.integer(recent.data.total) : f.integer(totals.submissions),
              },
              { label: t('home.stats.rowsAccepted'), value: f.integer(totals.rowsAccepted), tone: 'success' },
              { label: t('home.stats.rowsRejected'), value: f.integer(totals.rowsRejected), tone: 'danger' },
              { label: t('home.stats.acceptance'), value: f.percent(totals.acceptance) },
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="recent-title">
        <div className="section-heading">
          <h2 id="recent-title" className="card__title">
            {t('home.recentSubmissions')}
          </h2>
          <Link to="/registry/submissions">{t('home.allSubmissions')}</Link>
        </div>
        <RecentSubmissions recent={recent} showMember={false} />
      </section>
    </>
  );
}

export function MemberHome() {
  const can = useCan();
  return (
    <>
      {can('registry.submissions.view') ? <SubmissionOverview /> : null}
      {can('registry.enterprises.view') ? <EnterpriseSearchCard /> : null}
    </>
  );
}
