import { useTranslation } from 'react-i18next';
import { Badge } from '../ui/status-badge';
import type { ModelStatus, PromotionStatus } from './models.api';

const MODEL_TONE = { champion: 'success', challenger: 'info', retired: 'neutral' } as const;
const REQUEST_TONE = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

export function ModelStatusBadge({ status }: { status: ModelStatus }) {
  const { t } = useTranslation();
  return <Badge tone={MODEL_TONE[status]}>{t(`models.status.${status}`)}</Badge>;
}

export function RequestStatusBadge({ status }: { status: PromotionStatus }) {
  const { t } = useTranslation();
  return <Badge tone={REQUEST_TONE[status]}>{t(`models.promotion.status.${status}`)}</Badge>;
}
