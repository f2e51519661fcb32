import { expect, it } from 'vitest';
import * as scoring from '../src/index.js';

it('keeps its public surface', () => {
  expect(Object.keys(scoring).sort()).toMatchSnapshot();
});
