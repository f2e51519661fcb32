import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n';
import { ErrorState, LoadingState } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { creditReportUrl, getCreditReportHtml, type Purpose, type ReportFormat } from './credit.api';

const FORMATS: readonly ReportFormat[] = ['html', 'pdf', 'json'];

/** Download links for the report in each format, in the reader's language. */
export function ReportDownloads({ creditCode, purpose }: { creditCode: string; purpose?: Purpose }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  return (
    <ul className="downloads" aria-label={t('credit.report.downloads')}>
      {FORMATS.map((format) => (
        <li key={format}>
          <a
            className="button button--secondary button--small"
            href={creditReportUrl(creditCode, { format, lang, purpose })}
            download={`credit-report-${creditCode}.${format}`}
          >
            {t(`credit.report.download.${format}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The printable HTML report inside the page, in a frame with scripts and forms off. */
export function ReportFrame({ creditCode, purpose }: { creditCode: string; purpose?: Purpose }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const html = useAsync(
    (signal) => getCreditReportHtml(creditCode, { lang, purpose }, signal),
    [creditCode, lang, purpose],
  );
  if (html.error) return <ErrorState error={html.error} onRetry={html.reload} />;
  if (html.data === undefined) return <LoadingState label={t('credit.report.loading')} />;
  return (
    <iframe className="report-frame" title={t('credit.report.frameTitle')} srcDoc={html.data} sandbox="" />
  );
}
