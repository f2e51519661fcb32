import { useTranslation } from 'react-i18next';
import type { SubmissionStatus } from '../api/types';

const TONE: Record<SubmissionStatus, string> = {
  accepted: 'success',
  partially_accepted: 'warning',
  rejected: 'danger',
};

export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${TONE[status] ?? 'neutral'}`}>{t(`registry.status.${status}`)}</span>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info';
  children: string;
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
