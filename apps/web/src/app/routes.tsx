import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from '../access/session';
import { RequireEnterpriseBinding } from '../enterprise/binding-gate';
import { lazyComponent } from '../ui/lazy';
import { LoadingState } from '../ui/states';
import { AppShell } from './app-shell';
import { RequireCapability, RequireSession, type SignInRedirectState } from './guards';
import { pages } from './page-starts';

// One chunk per page (app/page-starts.ts), rendered at once when its code is there (ui/lazy.tsx).
const SignInPage = lazyComponent(pages.signIn);
const HomePage = lazyComponent(pages.home);
const SubmissionsPage = lazyComponent(pages.submissions);
const SubmissionDetailPage = lazyComponent(pages.submissionDetail);
const EnterprisesPage = lazyComponent(pages.enterprises);
const EnterpriseDetailPage = lazyComponent(pages.enterpriseDetail);
const MyCreditPage = lazyComponent(pages.myCredit);
const MyReportPage = lazyComponent(pages.myReport);
const MyDiagnosisPage = lazyComponent(pages.myDiagnosis);
const MyDataPage = lazyComponent(pages.myData);
const ConsentsPage = lazyComponent(pages.consents);
const AccessLogPage = lazyComponent(pages.accessLog);
const DisputesPage = lazyComponent(pages.disputes);
const LookupPage = lazyComponent(pages.lookup);
const LookupEnterprisePage = lazyComponent(pages.lookupEnterprise);
const PeerStatisticsPage = lazyComponent(pages.peerStatistics);
const ModelsPage = lazyComponent(pages.models);
const ModelDetailPage = lazyComponent(pages.modelDetail);
const MembersPage = lazyComponent(pages.members);
const UsersPage = lazyComponent(pages.users);
const TokensPage = lazyComponent(pages.tokens);
const BindingsPage = lazyComponent(pages.bindings);
const NotFoundPage = lazyComponent(pages.notFound);

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
