import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { useAsync } from '../../ui/use-async';
import { getSubmission } from '../registry.api';
import { useKinds, useRegistryLabels } from '../use-kinds';
import { SubmissionResult } from './submission-result';

export default function SubmissionDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const kinds = useKinds();
  const labels = useRegistryLabels(kinds.data);
  const submission = useAsync((signal) => getSubmission(id, signal), [id]);
  return (
    <>
      <PageHeader
        title={submission.data?.fileName ?? t('registry.submissionDetail.title')}
        breadcrumb={<Link to="/registry/submissions">{t('registry.submissionDetail.back')}</Link>}
      />
      {submission.error ? (
        <ErrorState error={submission.error} onRetry={submission.reload} />
      ) : submission.data ? (
        <div className="card">
          <SubmissionResult submission={submission.data} kindLabel={labels.kind(submission.data.kind)} />
        </div>
      ) : (
        <LoadingState />
      )}
    </>
  );
}
