import { useTranslation } from 'react-i18next';
import type { RowError } from '../../api/types';
import { useFormat } from '../../i18n';

export function isRowError(value: unknown): value is RowError {
  return typeof value === 'object' && value !== null && 'rule' in value && 'message' in value;
}

/** Row errors the server put in an error's details (a file rejected as a whole), if it did. */
export function rowErrorsFromDetails(details: unknown): RowError[] {
  const list = Array.isArray(details)
    ? details
    : typeof details === 'object' &&
        details !== null &&
        Array.isArray((details as { errors?: unknown }).errors)
      ? (details as { errors: unknown[] }).errors
      : [];
  return list.filter(isRowError);
}

export function RowErrorsTable({ errors, caption }: { errors: RowError[]; caption: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section
      className="table-scroll table-scroll--tall"
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is focused to scroll it by keyboard
      tabIndex={0}
    >
      <table className="table table--dense">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">
              {t('registry.errors.row')}
            </th>
            <th scope="col">{t('registry.errors.field')}</th>
            <th scope="col">{t('registry.errors.value')}</th>
            <th scope="col">{t('registry.errors.rule')}</th>
            <th scope="col">{t('registry.errors.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder
            <tr key={index}>
              <td className="numeric">
                {error.row === null ? t('registry.errors.wholeFile') : f.integer(error.row)}
              </td>
              <td>{error.field ? <code>{error.field}</code> : '—'}</td>
              <td className="cell-value">{error.value === null || error.value === '' ? '—' : error.value}</td>
              <td>
                <code>{error.rule}</code>
              </td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
