import calibrationJson from './calibration/calibration.json' with { type: 'json' };
import type { QuantileTable } from './prng.js';

/** The committed calibration figures (written by calibration/calibrate.ts from ../shared/data). */
export const CALIBRATION = calibrationJson;

const polish = CALIBRATION.polishBankruptcy;
const cumcm = CALIBRATION.cumcm2020c;

/**
 * The targets the generator uses, each traced to a calibrated figure. The 12-month default rate is the
 * Polish 5year file's (status one year after the statements: the same horizon as a 12-month PD); the
 * CUMCM 22% and the SBA ~21% come from selected samples (firms with credit records; a loan-number prefix of
 * mostly pre-crisis vintages) and are kept for reference, not as targets.
 */
export const GENERATOR_TARGETS = {
  defaultRate12m: polish.horizons['5year'].bankruptRate,
  ratios: polish.ratios.healthy as Record<string, QuantileTable>,
  distressedRatios: polish.ratios.bankrupt as Record<string, QuantileTable>,
  invoices: cumcm.perFirm as unknown as Record<'sales' | 'purchase', Record<string, QuantileTable>>,
  invoiceContrast: cumcm.defaultedVsPerforming,
  salesToPurchaseRatio: cumcm.salesToPurchaseRatio as QuantileTable,
  loanTermMonths: CALIBRATION.sba7a.termMonths as QuantileTable,
  loanAmountUsd: CALIBRATION.sba7a.approvedAmountUsd as QuantileTable,
  monthsToChargeOff: CALIBRATION.sba7a.monthsDisbursementToChargeOff as QuantileTable,
} as const;
