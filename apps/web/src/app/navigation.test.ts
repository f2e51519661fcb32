import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { navigationFor } from './navigation';

const paths = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((section) => section.items.map((item) => item.to));

describe('navigationFor', () => {
  it('gives every role a home page', () => {
    for (const role of ROLES) expect(paths(role)).toContain('/');
  });

  it('offers submissions to the staff who send data and to the operator', () => {
    expect(paths('analyst')).toContain('/registry/submissions');
    expect(paths('operator')).toContain('/registry/submissions');
    expect(paths('credit_officer')).not.toContain('/registry/submissions');
  });

  it('shows enterprise users their own record only, and regulators no identified data', () => {
    expect(paths('enterprise_owner')).toEqual(['/', '/registry/my-enterprise']);
    expect(paths('regulator')).toEqual(['/']);
  });
});
