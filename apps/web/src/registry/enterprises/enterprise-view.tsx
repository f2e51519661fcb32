import { useTranslation } from 'react-i18next';
import type { EnterpriseDetail } from '../../api/types';
import { useFormat } from '../../i18n';
import { EmptyState } from '../../ui/states';
import { Badge } from '../../ui/status-badge';
import { industryGroupLabel } from '../labels';

type EnterpriseViewProps = { enterprise: EnterpriseDetail; fieldLabel: (field: string) => string };

/** One enterprise as the registry consolidated it, with every member's value per field. */
export function EnterpriseView({ enterprise, fieldLabel }: EnterpriseViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (fen: number | null) =>
    fen === null ? (
      '—'
    ) : (
      <>
        {f.wanYuan(fen)}
        <span className="cell-sub">{f.yuan(fen)}</span>
      </>
    );
  const conflicts = enterprise.fields.filter((field) => field.hasConflict).length;

  return (
    <>
      <section className="card" aria-labelledby="profile-title">
        <div className="section-heading">
          <h2 id="profile-title" className="card__title">
            {t('registry.enterprise.profile')}
          </h2>
          {conflicts > 0 ? (
            <Badge tone="warning">
              {t('registry.enterprise.conflictCount', { count: conflicts, formatted: f.integer(conflicts) })}
            </Badge>
          ) : (
            <Badge tone="success">{t('registry.enterprise.consistent')}</Badge>
          )}
        </div>
        <dl className="profile">
          <div>
            <dt>{t('registry.enterprise.creditCode')}</dt>
            <dd>
              <code>{enterprise.creditCode}</code>
            </dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.industry')}</dt>
            <dd>
              {enterprise.industryGroup ? industryGroupLabel(t, enterprise.industryGroup) : '—'}
              {enterprise.industryCode ? <span className="cell-sub">{enterprise.industryCode}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.sizeClass')}</dt>
            <dd>
              {enterprise.sizeClass ? t(`sizeClass.${enterprise.sizeClass}`) : '—'}
              {enterprise.sizeStandardVersion ? (
                <span className="cell-sub">
                  {t('registry.enterprise.sizeStandard', { version: enterprise.sizeStandardVersion })}
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.province')}</dt>
            <dd>{enterprise.provinceName ? f.localized(enterprise.provinceName) : '—'}</dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.establishedOn')}</dt>
            <dd>{f.date(enterprise.establishedOn)}</dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.employees')}</dt>
            <dd>{f.integer(enterprise.employees)}</dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.annualRevenue')}</dt>
            <dd>{money(enterprise.annualRevenueFen)}</dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.totalAssets')}</dt>
            <dd>{money(enterprise.totalAssetsFen)}</dd>
          </div>
          <div>
            <dt>{t('registry.enterprise.registeredCapital')}</dt>
            <dd>{money(enterprise.registeredCapitalFen)}</dd>
          </div>
          <div className="profile__wide">
            <dt>{t('registry.enterprise.address')}</dt>
            <dd>{enterprise.address ?? '—'}</dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="sources-title">
        <h2 id="sources-title" className="card__title">
          {t('registry.enterprise.sourcesTitle')}
        </h2>
        <p className="card__description">{t('registry.enterprise.sourcesDescription')}</p>
        {enterprise.fields.length === 0 ? (
          <EmptyState title={t('registry.enterprise.noFields')} />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('registry.enterprise.sourcesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registry.enterprise.field')}</th>
                  <th scope="col">{t('registry.enterprise.consolidatedValue')}</th>
                  <th scope="col">{t('registry.enterprise.reportedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {enterprise.fields.map((field) => (
                  <tr key={field.field} className={field.hasConflict ? 'row--conflict' : undefined}>
                    <th scope="row">
                      {fieldLabel(field.field)}
                      <code className="cell-sub">{field.field}</code>
                    </th>
                    <td className="cell-value">
                      {field.value ?? '—'}
                      {field.hasConflict ? (
                        <span className="cell-flag">
                          <Badge tone="warning">{t('registry.enterprise.conflict')}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <ul className="sources">
                        {field.sources.map((source) => (
                          <li
                            key={`${source.memberId}-${source.submittedAt}`}
                            className={source.value !== field.value ? 'sources__item--differs' : undefined}
                          >
                            <span className="sources__member">{source.memberName}</span>
                            <span className="sources__value">{source.value ?? '—'}</span>
                            <span className="sources__date">{f.date(source.submittedAt)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
