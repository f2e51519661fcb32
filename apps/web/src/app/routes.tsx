import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from '../access/session';
import { RequireEnterpriseBinding } from '../enterprise/binding-gate';
import { LoadingState } from '../ui/states';
import { AppShell } from './app-shell';
import { RequireCapability, RequireSession, type SignInRedirectState } from './guards';

// One chunk per page: a member analyst never downloads the operator's screens.
const SignInPage = lazy(() => import('../access/sign-in.page'));
const HomePage = lazy(() => import('../home/home.page'));
const SubmissionsPage = lazy(() => import('../registry/submissions/submissions.page'));
const SubmissionDetailPage = lazy(() => import('../registry/submissions/submission-detail.page'));
const EnterprisesPage = lazy(() => import('../registry/enterprises/enterprises.page'));
const EnterpriseDetailPage = lazy(() => import('../registry/enterprises/enterprise-detail.page'));
const MyCreditPage = lazy(() => import('../enterprise/my-credit.page'));
const MyReportPage = lazy(() => import('../enterprise/my-report.page'));
const MyDiagnosisPage = lazy(() => import('../enterprise/my-diagnosis.page'));
const MyDataPage = lazy(() => import('../enterprise/my-data.page'));
const ConsentsPage = lazy(() => import('../consent/consents.page'));
const AccessLogPage = lazy(() => import('../consent/access-log.page'));
const DisputesPage = lazy(() => import('../disputes/disputes.page'));
const LookupPage = lazy(() => import('../lookup/lookup.page'));
const LookupEnterprisePage = lazy(() => import('../lookup/lookup-enterprise.page'));
const PeerStatisticsPage = lazy(() => import('../statistics/peer-statistics.page'));
const ModelsPage = lazy(() => import('../models/models.page'));
const ModelDetailPage = lazy(() => import('../models/model-detail.page'));
const MembersPage = lazy(() => import('../admin/members.page'));
const UsersPage = lazy(() => import('../admin/users.page'));
const TokensPage = lazy(() => import('../admin/tokens.page'));
const BindingsPage = lazy(() => import('../admin/bindings.page'));
const NotFoundPage = lazy(() => import('../not-found/not-found.page'));

/**
 * The chunk of the page being opened starts downloading with the app, alongside the session check, instead
 * of after it: one round trip less on every first load. The specifiers are the ones `lazy` uses above, so
 * each chunk is still fetched once.
 */
const PAGE_CHUNKS: ReadonlyArray<readonly [RegExp, () => Promise<unknown>]> = [
  [/^\/$/, () => import('../home/home.page')],
  [/^\/sign-in$/, () => import('../access/sign-in.page')],
  [/^\/registry\/submissions\/?$/, () => import('../registry/submissions/submissions.page')],
  [/^\/registry\/submissions\/./, () => import('../registry/submissions/submission-detail.page')],
  [/^\/registry\/enterprises\/?$/, () => import('../registry/enterprises/enterprises.page')],
  [/^\/registry\/enterprises\/./, () => import('../registry/enterprises/enterprise-detail.page')],
  [/^\/my\/credit/, () => import('../enterprise/my-credit.page')],
  [/^\/my\/report/, () => import('../enterprise/my-report.page')],
  [/^\/my\/diagnosis/, () => import('../enterprise/my-diagnosis.page')],
  [/^\/my\/data/, () => import('../enterprise/my-data.page')],
  [/^\/my\/consents/, () => import('../consent/consents.page')],
  [/^\/my\/access-log/, () => import('../consent/access-log.page')],
  [/^\/my\/disputes/, () => import('../disputes/disputes.page')],
  [/^\/lookup\/?$/, () => import('../lookup/lookup.page')],
  [/^\/lookup\/./, () => import('../lookup/lookup-enterprise.page')],
  [/^\/statistics\/peers/, () => import('../statistics/peer-statistics.page')],
  [/^\/models\/?$/, () => import('../models/models.page')],
  [/^\/models\/./, () => import('../models/model-detail.page')],
  [/^\/admin\/members/, () => import('../admin/members.page')],
  [/^\/admin\/users/, () => import('../admin/users.page')],
  [/^\/admin\/tokens/, () => import('../admin/tokens.page')],
  [/^\/admin\/bindings/, () => import('../admin/bindings.page')],
];
if (typeof window !== 'undefined') {
  const opening = PAGE_CHUNKS.find(([pattern]) => pattern.test(window.location.pathname));
  // A failed prefetch is retried by `lazy` when the page renders, which shows the error if it fails again.
  opening?.[1]().catch(() => undefined);
}

function SignInRoute() {
  const { state } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'signed-in') {
    const from = (location.state as SignInRedirectState | null)?.from;
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;
  }
  return (
    <Suspense
      fallback={
        <div className="fullscreen-state">
          <LoadingState label={t('common.loading')} />
        </div>
      }
    >
      <SignInPage />
    </Suspense>
  );
}

export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/sign-in" element={<SignInRoute />} />
        <Route
          element={
            <RequireSession>
              <AppShell />
            </RequireSession>
          }
        >
          <Route index element={<HomePage />} />
          <Route
            path="registry/submissions"
            element={
              <RequireCapability capability="registry.submissions.view">
                <SubmissionsPage />
              </RequireCapability>
            }
          />
          <Route
            path="registry/submissions/:id"
            element={
              <RequireCapability capability="registry.submissions.view">
                <SubmissionDetailPage />
              </RequireCapability>
            }
          />
          <Route
            path="registry/enterprises"
            element={
              <RequireCapability capability="registry.enterprises.view">
                <EnterprisesPage />
              </RequireCapability>
            }
          />
          <Route
            path="registry/enterprises/:creditCode"
            element={
              <RequireCapability capability="registry.enterprises.view">
                <EnterpriseDetailPage />
              </RequireCapability>
            }
          />
          <Route
            path="my/credit"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <MyCreditPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/report"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <MyReportPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/diagnosis"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <MyDiagnosisPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/data"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <MyDataPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/consents"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <ConsentsPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/access-log"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <AccessLogPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="my/disputes"
            element={
              <RequireCapability capability="enterprise.own">
                <RequireEnterpriseBinding>
                  <DisputesPage />
                </RequireEnterpriseBinding>
              </RequireCapability>
            }
          />
          <Route
            path="lookup"
            element={
              <RequireCapability capability="lookup.enterprises">
                <LookupPage />
              </RequireCapability>
            }
          />
          <Route
            path="lookup/:creditCode"
            element={
              <RequireCapability capability="lookup.enterprises">
                <LookupEnterprisePage />
              </RequireCapability>
            }
          />
          <Route
            path="statistics/peers"
            element={
              <RequireCapability capability="statistics.peers">
                <PeerStatisticsPage />
              </RequireCapability>
            }
          />
          <Route
            path="models"
            element={
              <RequireCapability capability="models.view">
                <ModelsPage />
              </RequireCapability>
            }
          />
          <Route
            path="models/:id"
            element={
              <RequireCapability capability="models.view">
                <ModelDetailPage />
              </RequireCapability>
            }
          />
          <Route
            path="admin/members"
            element={
              <RequireCapability capability="admin.members">
                <MembersPage />
              </RequireCapability>
            }
          />
          <Route
            path="admin/users"
            element={
              <RequireCapability capability="admin.users">
                <UsersPage />
              </RequireCapability>
            }
          />
          <Route
            path="admin/tokens"
            element={
              <RequireCapability capability="admin.tokens">
                <TokensPage />
              </RequireCapability>
            }
          />
          <Route
            path="admin/bindings"
            element={
              <RequireCapability capability="admin.bindings">
                <BindingsPage />
              </RequireCapability>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
