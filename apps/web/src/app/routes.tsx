import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { can } from '../access/permissions';
import { checkSessionEarly, useSession } from '../access/session';
import type { User } from '../api/types';
import { isPurpose, preloadCreditReport } from '../credit/credit.api';
import { RequireEnterpriseBinding } from '../enterprise/binding-gate';
import { preloadModelPage } from '../models/models.api';
import { lazyComponent } from '../ui/lazy';
import { LoadingState } from '../ui/states';
import { AppShell } from './app-shell';
import { RequireCapability, RequireSession, type SignInRedirectState } from './guards';

// One chunk per page: a member analyst never downloads the operator's screens.
const SignInPage = lazyComponent(() => import('../access/sign-in.page'));
const HomePage = lazyComponent(() => import('../home/home.page'));
const SubmissionsPage = lazyComponent(() => import('../registry/submissions/submissions.page'));
const SubmissionDetailPage = lazyComponent(() => import('../registry/submissions/submission-detail.page'));
const EnterprisesPage = lazyComponent(() => import('../registry/enterprises/enterprises.page'));
const EnterpriseDetailPage = lazyComponent(() => import('../registry/enterprises/enterprise-detail.page'));
const MyCreditPage = lazyComponent(() => import('../enterprise/my-credit.page'));
const MyReportPage = lazyComponent(() => import('../enterprise/my-report.page'));
const MyDiagnosisPage = lazyComponent(() => import('../enterprise/my-diagnosis.page'));
const MyDataPage = lazyComponent(() => import('../enterprise/my-data.page'));
const ConsentsPage = lazyComponent(() => import('../consent/consents.page'));
const AccessLogPage = lazyComponent(() => import('../consent/access-log.page'));
const DisputesPage = lazyComponent(() => import('../disputes/disputes.page'));
const LookupPage = lazyComponent(() => import('../lookup/lookup.page'));
const LookupEnterprisePage = lazyComponent(() => import('../lookup/lookup-enterprise.page'));
const PeerStatisticsPage = lazyComponent(() => import('../statistics/peer-statistics.page'));
const ModelsPage = lazyComponent(() => import('../models/models.page'));
const ModelDetailPage = lazyComponent(() => import('../models/model-detail.page'));
const MembersPage = lazyComponent(() => import('../admin/members.page'));
const UsersPage = lazyComponent(() => import('../admin/users.page'));
const TokensPage = lazyComponent(() => import('../admin/tokens.page'));
const BindingsPage = lazyComponent(() => import('../admin/bindings.page'));
const NotFoundPage = lazyComponent(() => import('../not-found/not-found.page'));
// The score history's chart (ECharts): fetched with the pages that show it, in parallel with their code.
const loadScoreHistoryChart = () => import('../credit/score-history-chart');

type PageStart = {
  /** The page's code, and any chunk it will need at once (charts). */
  code: Array<() => Promise<unknown>>;
  /** The page's first reads, started as soon as the session is known (only if the user may open the page). */
  data?: (match: RegExpExecArray, user: User, search: URLSearchParams) => void;
};

/**
 * What the page being opened needs, started when the app starts rather than one step after another: its
 * chunk (and its chart chunk) download alongside the session check, and its first API reads start as
 * soon as the session is known, while the chunk may still be on its way. The pages then take these
 * answers instead of asking again (api/shared-read.ts), and render at once when their chunk is ready
 * (ui/lazy.tsx): no Suspense fallback in between.
 */
const PAGE_STARTS: ReadonlyArray<readonly [RegExp, PageStart]> = [
  [/^\/$/, { code: [HomePage.preload] }],
  [/^\/sign-in$/, { code: [SignInPage.preload] }],
  [/^\/registry\/submissions\/?$/, { code: [SubmissionsPage.preload] }],
  [/^\/registry\/submissions\/./, { code: [SubmissionDetailPage.preload] }],
  [/^\/registry\/enterprises\/?$/, { code: [EnterprisesPage.preload] }],
  [/^\/registry\/enterprises\/./, { code: [EnterpriseDetailPage.preload] }],
  [
    /^\/my\/credit/,
    {
      code: [MyCreditPage.preload, loadScoreHistoryChart],
      data: (_match, user) => {
        if (can(user.role, 'enterprise.own') && user.enterpriseId && user.enterpriseCreditCode)
          preloadCreditReport(user.enterpriseCreditCode, {});
      },
    },
  ],
  [/^\/my\/report/, { code: [MyReportPage.preload] }],
  [/^\/my\/diagnosis/, { code: [MyDiagnosisPage.preload] }],
  [/^\/my\/data/, { code: [MyDataPage.preload] }],
  [/^\/my\/consents/, { code: [ConsentsPage.preload] }],
  [/^\/my\/access-log/, { code: [AccessLogPage.preload] }],
  [/^\/my\/disputes/, { code: [DisputesPage.preload] }],
  [/^\/lookup\/?$/, { code: [LookupPage.preload] }],
  [
    /^\/lookup\/([^/]+)\/?$/,
    {
      code: [LookupEnterprisePage.preload, loadScoreHistoryChart],
      // An identified read (a look-up spent, an access-log entry): started only for a user who may look
      // up, for exactly the read the page makes on opening (the same code and purpose), which takes it.
      data: (match, user, search) => {
        if (!can(user.role, 'lookup.enterprises')) return;
        const purpose = search.get('purpose');
        preloadCreditReport(decodeURIComponent(match[1] ?? ''), {
          purpose: isPurpose(purpose) ? purpose : 'credit_assessment',
        });
      },
    },
  ],
  [/^\/statistics\/peers/, { code: [PeerStatisticsPage.preload] }],
  [/^\/models\/?$/, { code: [ModelsPage.preload] }],
  [
    /^\/models\/([^/]+)\/?$/,
    {
      code: [ModelDetailPage.preload],
      data: (match, user) => {
        if (can(user.role, 'models.view')) preloadModelPage(decodeURIComponent(match[1] ?? ''));
      },
    },
  ],
  [/^\/admin\/members/, { code: [MembersPage.preload] }],
  [/^\/admin\/users/, { code: [UsersPage.preload] }],
  [/^\/admin\/tokens/, { code: [TokensPage.preload] }],
  [/^\/admin\/bindings/, { code: [BindingsPage.preload] }],
];

if (typeof window !== 'undefined') {
  const { pathname, search } = window.location;
  let match: RegExpExecArray | null = null;
  const start = PAGE_STARTS.find(([pattern]) => {
    match = pattern.exec(pathname);
    return match !== null;
  })?.[1];
  // A failed prefetch is retried by the lazy component when the page renders, which shows the error if
  // it fails again.
  for (const load of start?.code ?? []) load().catch(() => undefined);
  if (pathname !== '/sign-in') {
    const session = checkSessionEarly();
    const found = match as RegExpExecArray | null;
    if (start?.data && found) {
      const preloadData = start.data;
      session.then(
        ({ user }) => preloadData(found, user, new URLSearchParams(search)),
        () => undefined,
      );
    }
  }
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
