/**
 * The registry's pure domain rules: no database, no I/O. Credit codes (GB 32100), administrative divisions
 * (GB/T 2260), industries (GB/T 4754-2017) and the SME size standard (2011), 《小企业会计准则》 statement lines
 * with their validator, and credit-analysis ratios.
 */
export * from './credit-code.js';
export * from './division.js';
export * from './industry.js';
export * from './ratios.js';
export * from './size-class.js';
export * from './statement-lines.js';
export * from './statement-validator.js';
