import { useTranslation } from 'react-i18next';
import { getQuality } from '../registry/registry.api';
import { useAsync } from '../ui/use-async';
import { MemberQualityTable, RegistryTotals } from './registry-figures';

export function RegulatorHome() {
  const { t } = useTranslation();
  const quality = useAsync((signal) => getQuality(signal), []);
  return (
    <>
      <section className="card" aria-labelledby="regulator-title">
        <h2 id="regulator-title" className="card__title">
          {t('home.regulator.title')}
        </h2>
        <p className="card__description">{t('home.regulator.description')}</p>
        <RegistryTotals quality={quality} />
      </section>
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title" className="card__title">
          {t('home.operator.membersTitle')}
        </h2>
        <p className="card__description">{t('home.operator.membersDescription')}</p>
        <MemberQualityTable quality={quality} />
      </section>
    </>
  );
}
