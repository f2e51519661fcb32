import { validateModel } from '../runtime/validate-model.js';
import type { ScoringModel } from '../types.js';

/**
 * Serialises a model to its versioned JSON text (validated first; stable key order as built).
 * @param model - the model.
 * @returns pretty-printed JSON.
 */
export function modelToJson(model: ScoringModel): string {
  validateModel(model);
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * Parses and validates a model JSON text; refuses unknown formats and format versions.
 * @param text - the JSON text.
 * @returns the model.
 * @throws TypeError for malformed JSON or model, RangeError for an unsupported version.
 */
export function parseModel(text: string): ScoringModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`model: not valid JSON (${(error as Error).message})`);
  }
  validateModel(value as ScoringModel);
  return value as ScoringModel;
}
