import { categoricalBinCount } from '../binning/bin-categorical.js';
import { type Binning, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ScoringModel } from '../types.js';

function binCount(b: Binning, where: string): number {
  if (b.type === 'numeric') {
    if (!Array.isArray(b.edges) || !Array.isArray(b.specialValues))
      throw new TypeError(`${where}: malformed numeric binning`);
    for (let i = 0; i < b.edges.length; i++) {
      if (!Number.isFinite(b.edges[i]) || (i > 0 && b.edges[i]! <= b.edges[i - 1]!)) {
        throw new RangeError(`${where}: edges must be finite and strictly increasing`);
      }
    }
    return 1 + b.specialValues.length + b.edges.length + 1;
  }
  if (b.type === 'categorical') {
    if (!Array.isArray(b.groups) || !Number.isInteger(b.otherBin))
      throw new TypeError(`${where}: malformed categorical binning`);
    if (b.otherBin < 1 || b.otherBin > b.groups.length + 1)
      throw new RangeError(`${where}: otherBin out of range`);
    return categoricalBinCount(b);
  }
  throw new TypeError(`${where}: unknown binning type`);
}

function checkPoints(points: unknown, expected: number, where: string): void {
  if (!Array.isArray(points) || points.length !== expected) {
    throw new RangeError(
      `${where}: expected ${expected} points, got ${Array.isArray(points) ? points.length : 'none'}`,
    );
  }
  for (const p of points)
    if (!Number.isFinite(p)) throw new TypeError(`${where}: points must be finite numbers`);
}

/**
 * Checks that a value is a model of a supported format version with consistent tables.
 * @param model - the candidate model.
 * @returns nothing; throws on the first problem.
 * @throws TypeError / RangeError naming the problem.
 */
export function validateModel(model: ScoringModel): void {
  if (!model || typeof model !== 'object') throw new TypeError('model: must be an object');
  if (model.format !== MODEL_FORMAT) throw new TypeError(`model: format must be '${MODEL_FORMAT}'`);
  if (model.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new RangeError(
      `model: unsupported formatVersion ${String(model.formatVersion)} (this runtime reads ${MODEL_FORMAT_VERSION})`,
    );
  }
  if (!Number.isInteger(model.pointsDecimals) || model.pointsDecimals < 0 || model.pointsDecimals > 6) {
    throw new RangeError('model: pointsDecimals must be an integer in [0, 6]');
  }
  if (!Number.isInteger(model.pdDecimals) || model.pdDecimals < 1 || model.pdDecimals > 12) {
    throw new RangeError('model: pdDecimals must be an integer in [1, 12]');
  }
  if (!Number.isFinite(model.intercept)) throw new TypeError('model: intercept must be a finite number');
  if (!Number.isFinite(model.calibration?.a) || !Number.isFinite(model.calibration?.b)) {
    throw new TypeError('model: calibration a and b must be finite numbers');
  }
  if (!(model.pdFloor >= 0 && model.pdFloor < 1)) throw new RangeError('model: pdFloor must be in [0, 1)');
  if (!Array.isArray(model.masterScale) || model.masterScale.length === 0) {
    throw new RangeError('model: masterScale must have at least one grade');
  }
  for (let i = 1; i < model.masterScale.length; i++) {
    if (!(model.masterScale[i]!.pdMax >= model.masterScale[i - 1]!.pdMax)) {
      throw new RangeError('model: masterScale pdMax must be increasing');
    }
  }
  if (!Array.isArray(model.features) || !Array.isArray(model.interactions)) {
    throw new TypeError('model: features and interactions must be arrays');
  }
  for (const t of model.features) {
    const where = `model feature ${t.feature}`;
    checkPoints(t.points, binCount(t.binning, where), where);
  }
  for (const t of model.interactions) {
    const where = `model interaction ${t.features?.join(' × ')}`;
    checkPoints(t.points, binCount(t.binnings[0], where) * binCount(t.binnings[1], where), where);
  }
}
