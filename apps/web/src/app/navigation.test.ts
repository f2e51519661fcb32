import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { navigationFor } from './navigation';

const paths = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((section) => section.items.map((item) => item.to));

describe('navigationFor', () => {
  it('gives every role a home page', () => {
    for (const role of ROLES) expect(paths(role)).toContain('/');
  });

  it('offers the registry to member staff and the operator', () => {
    for (const role of ['operator', 'member_admin', 'analyst', 'credit_officer', 'approver'] as const) {
      expect(paths(role)).toEqual(['/', '/registry/submissions', '/registry/enterprises']);
    }
  });

  it('shows enterprise users and regulators no identified registry data', () => {
    expect(paths('enterprise_owner')).toEqual(['/']);
    expect(paths('enterprise_finance')).toEqual(['/']);
    expect(paths('regulator')).toEqual(['/']);
  });
});
