import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { navigationFor } from './navigation';

const paths = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((section) => section.items.map((item) => item.to));

describe('navigationFor', () => {
  it('gives every role a home page', () => {
    for (const role of ROLES) expect(paths(role)).toContain('/');
  });

  it('offers the registry to member staff and the operator, and the consent-checked look-up to member staff', () => {
    for (const role of ['member_admin', 'analyst', 'credit_officer', 'approver'] as const) {
      expect(paths(role)).toEqual(
        expect.arrayContaining(['/registry/submissions', '/registry/enterprises', '/lookup']),
      );
    }
    expect(paths('operator')).toEqual(
      expect.arrayContaining(['/registry/submissions', '/registry/enterprises']),
    );
    expect(paths('operator')).not.toContain('/lookup');
  });

  it("gives enterprise users their own pages and no other enterprise's data", () => {
    const own = [
      '/my/credit',
      '/my/report',
      '/my/diagnosis',
      '/my/data',
      '/my/consents',
      '/my/access-log',
      '/my/disputes',
    ];
    for (const role of ['enterprise_owner', 'enterprise_finance'] as const) {
      expect(paths(role)).toEqual(['/', ...own]);
    }
    for (const role of [
      'operator',
      'member_admin',
      'analyst',
      'credit_officer',
      'approver',
      'regulator',
    ] as const) {
      expect(paths(role).filter((path) => path.startsWith('/my/'))).toEqual([]);
    }
  });

  it('offers models to the operator, analysts and approvers, and administration to administrators', () => {
    for (const role of ['operator', 'analyst', 'approver'] as const) expect(paths(role)).toContain('/models');
    for (const role of ['member_admin', 'credit_officer', 'regulator', 'enterprise_owner'] as const) {
      expect(paths(role)).not.toContain('/models');
    }
    for (const role of ['operator', 'member_admin'] as const) {
      expect(paths(role)).toEqual(
        expect.arrayContaining(['/admin/members', '/admin/users', '/admin/tokens']),
      );
    }
    expect(paths('analyst').filter((path) => path.startsWith('/admin/'))).toEqual(['/admin/tokens']);
  });

  it('offers peer statistics to member staff, the operator and regulators, and not to enterprises', () => {
    for (const role of [
      'operator',
      'member_admin',
      'analyst',
      'credit_officer',
      'approver',
      'regulator',
    ] as const) {
      expect(paths(role)).toContain('/statistics/peers');
    }
    for (const role of ['enterprise_owner', 'enterprise_finance'] as const) {
      expect(paths(role)).not.toContain('/statistics/peers');
    }
  });

  it('shows regulators no identified registry data', () => {
    expect(
      paths('regulator').filter((path) => path.startsWith('/registry/enterprises') || path === '/lookup'),
    ).toEqual([]);
  });
});
