import type { ScoringModel } from '../types.js';
import { type CompiledModel, compileModel } from './compile-model.js';

const cache = new WeakMap<ScoringModel, CompiledModel>();

/** Returns the compiled form of a model, compiling (and caching) a plain model on first use. */
export function asCompiled(model: ScoringModel | CompiledModel): CompiledModel {
  if ('terms' in model && 'pdOf' in model) return model;
  let compiled = cache.get(model);
  if (!compiled) {
    compiled = compileModel(model);
    cache.set(model, compiled);
  }
  return compiled;
}
