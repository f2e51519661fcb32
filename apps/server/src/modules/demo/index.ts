/**
 * Demo and scale data: a deterministic generator of realistic Chinese MSMEs calibrated on the shared data sets
 * (calibration/calibration.json), the demo members and users, and the CUMCM 2020 C source for real data.
 * Every row is in the registry's canonical import formats, so demo data load exactly like a member's upload.
 */
export { CALIBRATION, GENERATOR_TARGETS } from './calibration.js';
export { DEMO_INDUSTRIES, DEMO_REGIONS } from './catalogues.js';
export {
  CANONICAL_COLUMNS,
  type CanonicalDataset,
  type CanonicalRow,
  COLLATERAL_TYPES,
  LOAN_PRODUCTS,
  LOAN_STATUSES,
  PUBLIC_RECORD_TYPES,
  STATEMENT_LINE_COLUMNS,
  toCsv,
  toCsvLine,
  toCsvLines,
} from './columns.js';
export {
  type CumcmEnterprise,
  cumcmCreditCode,
  cumcmEnterpriseRows,
  cumcmInvoiceRows,
  cumcmLabels,
  defaultCumcmFolder,
  loadCumcmEnterprises,
} from './cumcm-source.js';
export { writeDemoCsv, writeScaleCsv } from './files.js';
export {
  DEFAULT_AS_OF,
  DEFAULT_SEED,
  type DemoData,
  type DemoEnterprise,
  type DemoUpload,
  type GenerateDemoOptions,
  type GenerateScaleSetOptions,
  generateDemo,
  generateScaleCsv,
  generateScaleSet,
} from './generator.js';
export {
  DEMO_MEMBERS,
  DEMO_USERS,
  type DemoMember,
  type DemoMemberKind,
  type DemoRole,
  type DemoUser,
} from './members.js';
