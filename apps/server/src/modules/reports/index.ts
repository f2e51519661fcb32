/**
 * Reports: the credit assessment report (JSON, HTML and PDF, zh-CN/en) and peer statistics with disclosure
 * control. Reads registry and scoring data only through their report readers.
 */
export { escapeHtml, renderCreditReportHtml } from './reports.html.js';
export { createPdfRenderer, DEFAULT_CHROMIUM_PATH, type PdfRenderer } from './reports.pdf.js';
export { createReportsRepository, type ReportsRepository } from './reports.repository.js';
export { registerReportsRoutes } from './reports.routes.js';
export {
  LANGS,
  REPORT_FORMATS,
  type TCreditReport,
  type TDiagnosis,
  type TLang,
  type TPeerStatistics,
  type TReportFormat,
} from './reports.schemas.js';
export { createReportsService, type RenderedReport, type ReportsService } from './reports.service.js';
