import { AppError, isAppError } from '../../platform/errors.js';
import {
  type AuthorizeIdentifiedRead,
  type Clock,
  type createConsentRepository,
  type createDisputeRepository,
  ENTERPRISE_ROLES,
  MEMBER_STAFF_ROLES,
  readContextOf,
  type TActor,
  type TPurpose,
  type TRole,
} from '../access/index.js';
import {
  divisionOf,
  type PeerCell,
  RATIO_DEFINITIONS,
  type RatioId,
  type Ratios,
  type RegistryReportReader,
  type ReportLoanSnapshot,
} from '../registry/index.js';
import type { ScoringReportReader, ScoringService } from '../scoring/index.js';
import { debtRepayment, diagnose, workingCapitalNeed } from './diagnosis.js';
import {
  applyDisclosureRules,
  MINIMUM_CELL_SIZE,
  peerStatisticsCsv,
  peerStatisticsXlsx,
  scoreKeysOf,
} from './peer-statistics.js';
import { renderCreditReportHtml, reportFooterText } from './reports.html.js';
import type { PdfRenderer } from './reports.pdf.js';
import type { ReportsRepository } from './reports.repository.js';
import type {
  TCreditReport,
  TDiagnosis,
  TLang,
  TPeerStatistics,
  TPeerStatisticsSnapshot,
  TPeerStatisticsSnapshotMeta,
  TReportFormat,
  TSampleData,
} from './reports.schemas.js';
import { UNDISCLOSED_LENDER } from './reports.schemas.js';
import { buildSampleData, sampleDataCsv } from './sample-data.js';

type Deps = {
  registry: RegistryReportReader;
  scoringReader: ScoringReportReader;
  scoring: Pick<ScoringService, 'scoreEnterprise'>;
  authorizeIdentifiedRead: AuthorizeIdentifiedRead;
  disputes: Pick<ReturnType<typeof createDisputeRepository>, 'listDisputes'>;
  accessLog: Pick<ReturnType<typeof createConsentRepository>, 'streamAccessLog'>;
  /** Prints the HTML report to PDF (a long-lived Chromium, started on the first PDF). */
  pdf: PdfRenderer;
  /** The module's own tables: published peer-statistics snapshots. */
  repository: ReportsRepository;
  clock: Clock;
};

export type RenderedReport = {
  format: TReportFormat;
  contentType: string;
  fileName: string;
  body: string | Buffer;
  report: TCreditReport;
};

/** The ratios a report shows for each year, in report order. */
export const REPORT_RATIOS: readonly RatioId[] = [
  'current_ratio',
  'quick_ratio',
  'debt_to_assets',
  'interest_coverage',
  'gross_margin',
  'net_margin',
  'return_on_assets',
  'return_on_equity',
  'asset_turnover',
  'receivable_days',
  'revenue_growth',
  'operating_cash_flow_to_current_liabilities',
  'altman_z_double_prime',
];

const STATEMENT_YEARS = 3;
const PEER_CACHE_MS = 60_000;
const PEER_CACHE_ENTRIES = 2_000;
const INVOICE_MONTHS = 24;
const SCORE_HISTORY_LIMIT = 24;
const PEER_STATISTICS_ROLES: readonly TRole[] = [...MEMBER_STAFF_ROLES, 'regulator', 'operator'];
/** Anonymised microdata: for members building models, researchers at the regulator, and the operator. */
const SAMPLE_DATA_ROLES: readonly TRole[] = [...MEMBER_STAFF_ROLES, 'regulator', 'operator'];

/**
 * Where `value` stands among `peers` (which include the enterprise itself), 0–100: the share of peers
 * below it, ties counted half (mid-rank). Null without a value or without peers.
 */
export function percentileOf(value: number | null, peers: readonly number[]): number | null {
  if (value === null || peers.length === 0) return null;
  let below = 0;
  let equal = 0;
  for (const peer of peers) {
    if (peer < value) below++;
    else if (peer === value) equal++;
  }
  return (100 * (below + equal / 2)) / peers.length;
}

/**
 * The scoring module checks identified reads by role only (until it calls authorizeIdentifiedRead itself);
 * the report has already been authorised and logged by the access module, so it asks for the score as the
 * platform on the reader's behalf.
 */
function scoringDelegateOf(actor: TActor): TActor {
  return { ...actor, role: 'operator', via: 'cli', csrfToken: null };
}

export function createReportsService(deps: Deps) {
  const { registry, clock } = deps;

  // Peer ratios change only when members submit statements, and every report of a firm in the same cell
  // and year reads the same ones: they are kept for a minute (a new submission shows within that minute).
  const peerCache = new Map<string, { expiresAt: number; ratios: Promise<Ratios[]> }>();
  function readPeerRatios(cell: PeerCell, year: number): Promise<Ratios[]> {
    const key = `${cell.industryGroup}|${cell.sizeClass}|${cell.provinceCode ?? '*'}|${year}`;
    const now = performance.now();
    const cached = peerCache.get(key);
    if (cached && cached.expiresAt > now) return cached.ratios;
    if (peerCache.size >= PEER_CACHE_ENTRIES) peerCache.clear();
    const ratios = registry.readPeerRatios(cell, year);
    peerCache.set(key, { expiresAt: now + PEER_CACHE_MS, ratios });
    ratios.catch(() => peerCache.delete(key));
    return ratios;
  }

  async function peerRatiosFor(cell: PeerCell, year: number) {
    const inProvince = await readPeerRatios(cell, year);
    if (inProvince.length >= MINIMUM_CELL_SIZE) {
      return { level: 'industry_size_province' as const, peers: inProvince, note: null };
    }
    const nationwide = await readPeerRatios({ ...cell, provinceCode: null }, year);
    if (nationwide.length >= MINIMUM_CELL_SIZE) {
      return {
        level: 'industry_size' as const,
        peers: nationwide,
        note: `only ${inProvince.length} peers in the province: compared with ${nationwide.length} peers of the same industry group and size class nationwide`,
      };
    }
    return {
      level: 'none' as const,
      peers: [] as Ratios[],
      note: `fewer than ${MINIMUM_CELL_SIZE} peers of the same industry group and size class (${nationwide.length}): no percentiles`,
    };
  }

  function assertPeerStatisticsReader(actor: TActor) {
    if (!PEER_STATISTICS_ROLES.includes(actor.role)) {
      throw new AppError('FORBIDDEN', {
        message: `peer statistics are for member staff, the regulator and the operator; you are ${actor.role}`,
      });
    }
  }

  async function computePeerStatistics(year: number) {
    const [rows, memberships] = await Promise.all([
      registry.readPeerStatistics(year),
      registry.listPeerMemberships(year),
    ]);
    const scores = await deps.scoringReader.readScoreStatistics(
      memberships.map((membership) => ({
        creditCode: membership.creditCode,
        keys: scoreKeysOf(membership),
        defaulted: membership.defaulted,
      })),
    );
    return { statistics: applyDisclosureRules(year, rows, scores), enterprises: memberships.length };
  }

  async function lookupSummary(enterpriseId: string) {
    const yearAgo = new Date(clock.now().getTime() - 365 * 86_400_000);
    const summary = { total: 0, allowed: 0, refused: 0, last12Months: 0 };
    const byPurpose = new Map<string, number>();
    for await (const page of deps.accessLog.streamAccessLog({ enterpriseId, from: null, to: null })) {
      for (const entry of page) {
        summary.total++;
        if (entry.outcome === 'allowed') summary.allowed++;
        else summary.refused++;
        if (new Date(entry.at) >= yearAgo) summary.last12Months++;
        byPurpose.set(entry.purpose, (byPurpose.get(entry.purpose) ?? 0) + 1);
      }
    }
    return {
      ...summary,
      byPurpose: [...byPurpose]
        .map(([purpose, count]) => ({ purpose, count }))
        .sort((a, b) => b.count - a.count),
    };
  }

  /** Lender names go only to the enterprise itself and to the member that submitted the loan. */
  function maySeeLender(actor: TActor, enterpriseId: string, memberId: string) {
    if (ENTERPRISE_ROLES.includes(actor.role) && actor.enterpriseId === enterpriseId) return true;
    return MEMBER_STAFF_ROLES.includes(actor.role) && actor.memberId === memberId;
  }

  function groupLoans(
    snapshots: readonly ReportLoanSnapshot[],
    actor: TActor,
    enterpriseId: string,
    disputed: Set<string>,
  ): TCreditReport['loans'] {
    const loans = new Map<string, ReportLoanSnapshot[]>();
    for (const snapshot of snapshots) {
      const key = `${snapshot.memberId}\u0000${snapshot.loanRef}`;
      loans.set(key, [...(loans.get(key) ?? []), snapshot]);
    }
    return [...loans.values()].flatMap((history) => {
      const latest = history[history.length - 1];
      if (!latest) return [];
      const isDisclosed = maySeeLender(actor, enterpriseId, latest.memberId);
      return [
        {
          lender: isDisclosed ? latest.memberName : UNDISCLOSED_LENDER.en,
          lenderDisclosed: isDisclosed,
          loanRef: isDisclosed ? latest.loanRef : '—',
          product: latest.product,
          principalFen: latest.principalFen,
          grantedOn: latest.grantedOn,
          maturityOn: latest.maturityOn,
          status: latest.status,
          asOf: latest.asOf,
          outstandingFen: latest.outstandingFen,
          daysPastDue: latest.daysPastDue,
          maxDaysPastDue: Math.max(...history.map((snapshot) => snapshot.daysPastDue)),
          defaultOn: latest.defaultOn,
          disputed: history.some((snapshot) => disputed.has(`loan:${snapshot.id}`) || snapshot.underDispute),
          explanation:
            history.map((snapshot) => snapshot.explanation).findLast((text) => text !== null) ?? null,
          history: history.map((snapshot) => ({
            asOf: snapshot.asOf,
            outstandingFen: snapshot.outstandingFen,
            daysPastDue: snapshot.daysPastDue,
            status: snapshot.status,
          })),
        },
      ];
    });
  }

  async function scoreOf(actor: TActor, creditCode: string): Promise<TCreditReport['score']> {
    try {
      const score = await deps.scoring.scoreEnterprise({ actor: scoringDelegateOf(actor), creditCode });
      return {
        available: true,
        score: score.score,
        pd: score.pd,
        grade: score.grade,
        modelId: score.modelId,
        modelKind: score.modelKind,
        modelVersion: score.modelVersion,
        asOf: score.asOf,
        reasons: score.reasons,
        counterfactual: score.counterfactual,
      };
    } catch (error) {
      if (isAppError(error) && error.code === 'SCORING_NO_CHAMPION') {
        return { available: false, message: error.message };
      }
      throw error;
    }
  }

  return {
    /**
     * The credit assessment report of one enterprise: an identified read (scope `report`), decided and logged
     * by the access module before anything is read.
     */
    async getCreditReport(input: {
      actor: TActor;
      creditCode: string;
      purpose: TPurpose;
      requestId?: string | null;
    }): Promise<TCreditReport> {
      const creditCode = input.creditCode.trim().toUpperCase();
      const enterprise = await registry.findEnterprise(creditCode);
      if (!enterprise) {
        throw new AppError('NOT_FOUND', { message: `enterprise ${creditCode} is not in the registry` });
      }
      const permit = await deps.authorizeIdentifiedRead({
        actor: input.actor,
        enterpriseId: enterprise.id,
        enterpriseCreditCode: enterprise.creditCode,
        scope: 'report',
        purpose: input.purpose,
        resource: 'reports.credit_report',
        submitterMemberIds: enterprise.submitterMemberIds,
        requestId: input.requestId ?? null,
      });
      const asOf = clock.now().toISOString().slice(0, 10);
      // The records are read as the acting party: row-level security is the second wall behind the permit.
      const readContext = readContextOf(input.actor, clock.now(), { creditCode });
      const [score, statements, invoiceActivity, loans, publicRecords, disputes] = await Promise.all([
        scoreOf(input.actor, creditCode),
        registry.listAnnualStatements(creditCode, STATEMENT_YEARS, readContext),
        registry.readInvoiceActivity(creditCode, asOf, INVOICE_MONTHS, readContext),
        registry.listLoanSnapshots(creditCode, readContext),
        registry.listPublicRecords(creditCode, readContext),
        deps.disputes.listDisputes({ enterpriseId: enterprise.id, memberId: null, openOnly: true }),
      ]);
      // Read after scoring: the score just computed is kept and belongs at the head of the history.
      const scoreHistory = await deps.scoringReader.listScoreHistory(creditCode, SCORE_HISTORY_LIMIT);
      const disputed = new Set(disputes.map((dispute) => `${dispute.record_type}:${dispute.record_id}`));
      const peerGroups = await Promise.all(
        statements.map((statement) =>
          enterprise.industryGroup && enterprise.sizeClass
            ? peerRatiosFor(
                {
                  industryGroup: enterprise.industryGroup,
                  sizeClass: enterprise.sizeClass,
                  provinceCode: enterprise.provinceCode,
                },
                Number(statement.periodEnd.slice(0, 4)),
              )
            : { level: 'none' as const, peers: [] as Ratios[], note: 'industry group or size class unknown' },
        ),
      );
      const reportStatements: TCreditReport['statements'] = [];
      for (const [index, statement] of statements.entries()) {
        const peers = peerGroups[index] ?? { level: 'none' as const, peers: [] as Ratios[], note: null };
        reportStatements.push({
          periodEnd: statement.periodEnd,
          disputed: disputed.has(`statement:${statement.id}`) || statement.underDispute,
          explanation: statement.explanation,
          peerGroup: { level: peers.level, count: peers.peers.length, note: peers.note },
          ratios: REPORT_RATIOS.map((id) => {
            const definition = RATIO_DEFINITIONS.find((candidate) => candidate.id === id);
            const value = statement.ratios?.[id] ?? null;
            const peerValues = peers.peers.flatMap((ratios) => {
              const peer = ratios[id];
              return peer === null ? [] : [peer];
            });
            return {
              id,
              zh: definition?.zh ?? id,
              en: definition?.en ?? id,
              unit: definition?.unit ?? 'ratio',
              value,
              percentile: percentileOf(value, peerValues),
            };
          }),
        });
      }
      return {
        purpose: input.purpose,
        generatedAt: clock.now().toISOString(),
        readBasis: permit.basis,
        accessLogId: permit.accessLogId,
        enterprise: {
          creditCode: enterprise.creditCode,
          name: enterprise.name,
          industryCode: enterprise.industryCode,
          industryGroup: enterprise.industryGroup,
          sizeClass: enterprise.sizeClass,
          provinceCode: enterprise.provinceCode,
          provinceName: divisionOf(enterprise.divisionCode).provinceName,
          establishedOn: enterprise.establishedOn,
          employees: enterprise.employees,
          annualRevenueFen: enterprise.annualRevenueFen,
          totalAssetsFen: enterprise.totalAssetsFen,
          registeredCapitalFen: enterprise.registeredCapitalFen,
          address: enterprise.address,
        },
        score,
        scoreHistory,
        statements: reportStatements,
        invoiceActivity,
        loans: groupLoans(loans, input.actor, enterprise.id, disputed),
        publicRecords: publicRecords.map((record) => ({
          recordType: record.recordType,
          referenceNo: record.referenceNo,
          authority: record.authority,
          decidedOn: record.decidedOn,
          endedOn: record.endedOn,
          amountFen: record.amountFen,
          description: record.description,
          disputed: disputed.has(`public_record:${record.id}`) || record.underDispute,
          explanation: record.explanation,
        })),
        openDisputes: disputes.length,
        lookups: await lookupSummary(enterprise.id),
      };
    },

    /** The credit report as JSON, self-contained HTML or a PDF printed from that HTML; one identified read. */
    async renderCreditReport(input: {
      actor: TActor;
      creditCode: string;
      purpose: TPurpose;
      format: TReportFormat;
      lang: TLang;
      requestId?: string | null;
    }): Promise<RenderedReport> {
      const report = await this.getCreditReport(input);
      const stem = `credit-report-${report.enterprise.creditCode}-${input.lang}`;
      if (input.format === 'json') {
        return {
          format: 'json',
          contentType: 'application/json; charset=utf-8',
          fileName: `${stem}.json`,
          body: `${JSON.stringify(report, null, 2)}\n`,
          report,
        };
      }
      const html = renderCreditReportHtml(report, input.lang);
      if (input.format === 'html') {
        return {
          format: 'html',
          contentType: 'text/html; charset=utf-8',
          fileName: `${stem}.html`,
          body: html,
          report,
        };
      }
      const pdf = await deps.pdf.render(html, { footer: reportFooterText(report, input.lang) });
      return { format: 'pdf', contentType: 'application/pdf', fileName: `${stem}.pdf`, body: pdf, report };
    },

    /** Stops the PDF browser, if one was started. */
    async close(): Promise<void> {
      await deps.pdf.close();
    },

    /** Aggregates only, with cells under the minimum size (and their complements) suppressed. */
    async getPeerStatistics(input: { actor: TActor; year: number }): Promise<TPeerStatistics> {
      assertPeerStatisticsReader(input.actor);
      return (await computePeerStatistics(input.year)).statistics;
    },

    /**
     * Freezes the year's peer statistics as its next version (operator): what was published stays
     * retrievable after late submissions change the live figures.
     */
    async createPeerStatisticsSnapshot(input: {
      actor: TActor;
      year: number;
    }): Promise<TPeerStatisticsSnapshotMeta> {
      if (input.actor.role !== 'operator') {
        throw new AppError('FORBIDDEN', { message: 'only the operator publishes peer-statistics snapshots' });
      }
      const { statistics, enterprises } = await computePeerStatistics(input.year);
      return deps.repository.insertSnapshot(statistics, input.actor.id, enterprises);
    },

    async listPeerStatisticsSnapshots(input: {
      actor: TActor;
      year: number | null;
    }): Promise<TPeerStatisticsSnapshotMeta[]> {
      assertPeerStatisticsReader(input.actor);
      return deps.repository.listSnapshots(input.year);
    },

    /** A published snapshot; `version` null is the year's latest. Throws NOT_FOUND. */
    async getPeerStatisticsSnapshot(input: {
      actor: TActor;
      year: number;
      version: number | null;
    }): Promise<TPeerStatisticsSnapshot> {
      assertPeerStatisticsReader(input.actor);
      const found = await deps.repository.findSnapshot(input.year, input.version);
      if (!found) {
        throw new AppError('NOT_FOUND', {
          message:
            input.version === null
              ? `no peer-statistics snapshot for ${input.year} yet (the operator publishes one with POST /reports/peer-statistics/snapshots)`
              : `no peer-statistics snapshot version ${input.version} for ${input.year}`,
        });
      }
      return { snapshot: found.meta, statistics: found.statistics };
    },

    /** The anonymised, k-anonymous sample data (see sample-data.ts); one year or all. */
    async getSampleData(input: { actor: TActor; year: number | null }): Promise<TSampleData> {
      if (!SAMPLE_DATA_ROLES.includes(input.actor.role)) {
        throw new AppError('FORBIDDEN', {
          message: `sample data are for member staff, the regulator and the operator; you are ${input.actor.role}`,
        });
      }
      return buildSampleData(await registry.listSampleBase(input.year), { year: input.year });
    },

    async sampleDataCsv(input: { actor: TActor; year: number | null }): Promise<string> {
      return sampleDataCsv(await this.getSampleData(input));
    },

    /**
     * The enterprise's own diagnosis: its latest annual ratios in the ten CRD categories as deviation scores
     * against peers, ranked A–E with advice. Its own read, still logged as an identified read.
     */
    async getMyDiagnosis(input: { actor: TActor; requestId?: string | null }): Promise<TDiagnosis> {
      const { actor } = input;
      if (!ENTERPRISE_ROLES.includes(actor.role) || !actor.enterpriseId) {
        throw new AppError('FORBIDDEN', { message: 'the diagnosis is for the enterprise itself' });
      }
      const enterprise = await registry.findEnterprise(actor.enterpriseId, 'id');
      if (!enterprise) {
        throw new AppError('NOT_FOUND', {
          message: `enterprise ${actor.enterpriseId} is not in the registry`,
        });
      }
      await deps.authorizeIdentifiedRead({
        actor,
        enterpriseId: enterprise.id,
        enterpriseCreditCode: enterprise.creditCode,
        scope: 'statements',
        purpose: 'credit_assessment',
        resource: 'reports.diagnosis',
        submitterMemberIds: enterprise.submitterMemberIds,
        requestId: input.requestId ?? null,
      });
      const [latest, earlier] = await registry.listAnnualStatements(enterprise.creditCode, 2);
      const previous =
        latest &&
        earlier &&
        Number(earlier.periodEnd.slice(0, 4)) === Number(latest.periodEnd.slice(0, 4)) - 1
          ? earlier
          : null;
      const peers =
        latest && enterprise.industryGroup && enterprise.sizeClass
          ? await peerRatiosFor(
              {
                industryGroup: enterprise.industryGroup,
                sizeClass: enterprise.sizeClass,
                provinceCode: enterprise.provinceCode,
              },
              Number(latest.periodEnd.slice(0, 4)),
            )
          : {
              level: 'none' as const,
              peers: [] as Ratios[],
              note: latest ? 'industry group or size class unknown' : 'no annual statement in the registry',
            };
      return {
        creditCode: enterprise.creditCode,
        periodEnd: latest?.periodEnd ?? null,
        peerGroup: { level: peers.level, count: peers.peers.length, note: peers.note },
        categories: diagnose(latest?.ratios ?? null, peers.peers),
        workingCapitalNeed: latest ? workingCapitalNeed(latest.lines) : null,
        debtRepayment: latest ? debtRepayment(latest.lines, previous?.lines ?? null) : null,
      };
    },

    async peerStatisticsCsv(input: { actor: TActor; year: number }): Promise<string> {
      return peerStatisticsCsv(await this.getPeerStatistics(input));
    },

    /** Live statistics, or a snapshot's, as an XLSX workbook. */
    async peerStatisticsXlsx(input: {
      actor: TActor;
      year: number;
      version?: number | null;
    }): Promise<Buffer> {
      if (input.version === undefined) {
        return peerStatisticsXlsx(await this.getPeerStatistics(input), null);
      }
      const { snapshot, statistics } = await this.getPeerStatisticsSnapshot({
        ...input,
        version: input.version,
      });
      return peerStatisticsXlsx(statistics, snapshot);
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
