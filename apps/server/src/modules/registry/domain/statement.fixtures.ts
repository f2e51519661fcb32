/**
 * A small manufacturer's statements for tests, in yuan and written out by hand (every subtotal computed by
 * hand, not by the formulas under test), converted to integer fen.
 */
import type { StatementValues } from './statement-validator.js';

const YUAN = {
  // 资产负债表, closing
  bs_01: 500_000,
  bs_02: 0,
  bs_03: 50_000,
  bs_04: 300_000,
  bs_05: 20_000,
  bs_06: 0,
  bs_07: 0,
  bs_08: 10_000,
  bs_09: 400_000,
  bs_10: 150_000,
  bs_11: 50_000,
  bs_12: 180_000,
  bs_13: 20_000,
  bs_14: 0,
  bs_15: 1_280_000,
  bs_16: 0,
  bs_17: 100_000,
  bs_18: 1_000_000,
  bs_19: 300_000,
  bs_20: 700_000,
  bs_21: 0,
  bs_22: 0,
  bs_23: 0,
  bs_24: 0,
  bs_25: 50_000,
  bs_26: 0,
  bs_27: 30_000,
  bs_28: 0,
  bs_29: 880_000,
  bs_30: 2_160_000,
  bs_31: 200_000,
  bs_32: 0,
  bs_33: 250_000,
  bs_34: 50_000,
  bs_35: 40_000,
  bs_36: 30_000,
  bs_37: 5_000,
  bs_38: 0,
  bs_39: 25_000,
  bs_40: 0,
  bs_41: 600_000,
  bs_42: 300_000,
  bs_43: 0,
  bs_44: 0,
  bs_45: 0,
  bs_46: 300_000,
  bs_47: 900_000,
  bs_48: 1_000_000,
  bs_49: 50_000,
  bs_50: 60_000,
  bs_51: 150_000,
  bs_52: 1_260_000,
  bs_53: 2_160_000,
  // 利润表, year to date
  is_01: 3_000_000,
  is_02: 2_100_000,
  is_03: 30_000,
  is_06: 15_000,
  is_09: 5_000,
  is_10: 10_000,
  is_11: 200_000,
  is_13: 50_000,
  is_14: 300_000,
  is_16: 20_000,
  is_17: 40_000,
  is_18: 25_000,
  is_19: 20_000,
  is_20: 5_000,
  is_21: 350_000,
  is_22: 10_000,
  is_23: 8_000,
  is_24: 20_000,
  is_25: 5_000,
  is_29: 1_000,
  is_30: 340_000,
  is_31: 85_000,
  is_32: 255_000,
  // 现金流量表, year to date
  cf_01: 3_200_000,
  cf_02: 20_000,
  cf_03: 2_300_000,
  cf_04: 400_000,
  cf_05: 150_000,
  cf_06: 100_000,
  cf_07: 270_000,
  cf_08: 0,
  cf_09: 5_000,
  cf_10: 0,
  cf_11: 0,
  cf_12: 150_000,
  cf_13: -145_000,
  cf_14: 100_000,
  cf_15: 0,
  cf_16: 150_000,
  cf_17: 20_000,
  cf_18: 50_000,
  cf_19: -120_000,
  cf_20: 5_000,
  cf_21: 495_000,
  cf_22: 500_000,
} as const;

// The previous year: its closing balance sheet (this year's opening) and its revenue. Only the lines the
// tests use; 51 and 50 chosen so that the retained-earnings roll-forward holds:
// Δbs_51 = 150,000 − (−29,500) = 179,500 = 255,000 − 50,000 (cf_18 + Δbs_38) − 25,500 (Δbs_50).
const PREVIOUS_YUAN = {
  bs_01: 495_000,
  bs_03: 30_000,
  bs_04: 270_000,
  bs_09: 360_000,
  bs_19: 240_000,
  bs_30: 1_900_000,
  bs_32: 0,
  bs_33: 230_000,
  bs_38: 0,
  bs_50: 34_500,
  bs_51: -29_500,
  bs_52: 1_055_000,
  is_01: 2_500_000,
} as const;

const toFen = (yuan: Readonly<Record<string, number>>): StatementValues =>
  Object.fromEntries(Object.entries(yuan).map(([id, amount]) => [id, amount * 100]));

/** A fresh copy of the balanced statements, in fen. */
export function newStatements(overrides: StatementValues = {}): StatementValues {
  return { ...toFen(YUAN), ...overrides };
}

/** A fresh copy of the previous year's figures, in fen. */
export function newPreviousStatements(overrides: StatementValues = {}): StatementValues {
  return { ...toFen(PREVIOUS_YUAN), ...overrides };
}
