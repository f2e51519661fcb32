import { checkSessionEarly } from '../access/auth.api';
import { can } from '../access/permissions';
import type { User } from '../api/types';
import { isPurpose, preloadCreditReport } from '../credit/credit.api';
import { loadScoreHistoryChart } from '../credit/score-history-loader';
import { preloadModelPage } from '../models/models.api';
import { loader } from '../ui/loader';

// No React in this module: main.tsx runs it before the app's larger chunks have been downloaded.

/** One chunk per page: a member analyst never downloads the operator's screens. */
export const pages = {
  signIn: loader(() => import('../access/sign-in.page')),
  home: loader(() => import('../home/home.page')),
  submissions: loader(() => import('../registry/submissions/submissions.page')),
  submissionDetail: loader(() => import('../registry/submissions/submission-detail.page')),
  enterprises: loader(() => import('../registry/enterprises/enterprises.page')),
  enterpriseDetail: loader(() => import('../registry/enterprises/enterprise-detail.page')),
  myCredit: loader(() => import('../enterprise/my-credit.page')),
  myReport: loader(() => import('../enterprise/my-report.page')),
  myDiagnosis: loader(() => import('../enterprise/my-diagnosis.page')),
  myData: loader(() => import('../enterprise/my-data.page')),
  consents: loader(() => import('../consent/consents.page')),
  accessLog: loader(() => import('../consent/access-log.page')),
  disputes: loader(() => import('../disputes/disputes.page')),
  lookup: loader(() => import('../lookup/lookup.page')),
  lookupEnterprise: loader(() => import('../lookup/lookup-enterprise.page')),
  peerStatistics: loader(() => import('../statistics/peer-statistics.page')),
  models: loader(() => import('../models/models.page')),
  modelDetail: loader(() => import('../models/model-detail.page')),
  members: loader(() => import('../admin/members.page')),
  users: loader(() => import('../admin/users.page')),
  tokens: loader(() => import('../admin/tokens.page')),
  bindings: loader(() => import('../admin/bindings.page')),
  notFound: loader(() => import('../not-found/not-found.page')),
};

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
  [/^\/$/, { code: [pages.home] }],
  [/^\/sign-in$/, { code: [pages.signIn] }],
  [/^\/registry\/submissions\/?$/, { code: [pages.submissions] }],
  [/^\/registry\/submissions\/./, { code: [pages.submissionDetail] }],
  [/^\/registry\/enterprises\/?$/, { code: [pages.enterprises] }],
  [/^\/registry\/enterprises\/./, { code: [pages.enterpriseDetail] }],
  [
    /^\/my\/credit/,
    {
      code: [pages.myCredit, loadScoreHistoryChart],
      data: (_match, user) => {
        if (can(user.role, 'enterprise.own') && user.enterpriseId && user.enterpriseCreditCode)
          preloadCreditReport(user.enterpriseCreditCode, {});
      },
    },
  ],
  [/^\/my\/report/, { code: [pages.myReport] }],
  [/^\/my\/diagnosis/, { code: [pages.myDiagnosis] }],
  [/^\/my\/data/, { code: [pages.myData] }],
  [/^\/my\/consents/, { code: [pages.consents] }],
  [/^\/my\/access-log/, { code: [pages.accessLog] }],
  [/^\/my\/disputes/, { code: [pages.disputes] }],
  [/^\/lookup\/?$/, { code: [pages.lookup] }],
  [
    /^\/lookup\/([^/]+)\/?$/,
    {
      code: [pages.lookupEnterprise, loadScoreHistoryChart],
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
  [/^\/statistics\/peers/, { code: [pages.peerStatistics] }],
  [/^\/models\/?$/, { code: [pages.models] }],
  [
    /^\/models\/([^/]+)\/?$/,
    {
      code: [pages.modelDetail],
      data: (match, user) => {
        if (can(user.role, 'models.view')) preloadModelPage(decodeURIComponent(match[1] ?? ''));
      },
    },
  ],
  [/^\/admin\/members/, { code: [pages.members] }],
  [/^\/admin\/users/, { code: [pages.users] }],
  [/^\/admin\/tokens/, { code: [pages.tokens] }],
  [/^\/admin\/bindings/, { code: [pages.bindings] }],
];

/**
 * Starts what the page being opened needs (see PAGE_STARTS); called by the app's first module, before the
 * rest of the app (React, the shell) is even downloaded.
 */
export function startOpeningPage(): void {
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
