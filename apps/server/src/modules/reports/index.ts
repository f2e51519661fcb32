/**
 * Reports: the credit assessment report (JSON and HTML, zh-CN/en) and peer statistics with disclosure
 * control. Reads registry and scoring data only through their report readers.
 */
export { escapeHtml, renderCreditReportHtml } from './reports.html.js';
export { registerReportsRoutes } from './reports.routes.js';
export type { TCreditReport, TDiagnosis, TLang, TPeerStatistics } from './reports.schemas.js';
export { createReportsService, type ReportsService } from './reports.service.js';
