import type { ParseKeys } from 'i18next';
import { type Capability, can } from '../access/permissions';
import type { Role } from '../api/types';
import type { IconName } from '../ui/icon';

export type NavItem = {
  to: string;
  label: ParseKeys;
  icon: IconName;
  /** Shown only to roles holding this capability; none means everyone signed in. */
  capability?: Capability;
  /** Active only on this exact path (for "/"). */
  end?: boolean;
};

export type NavSection = { label: ParseKeys; items: NavItem[] };

/**
 * The app's map. A capability issue adds its pages here and in routes.tsx; the sidebar shows each role
 * only what it may use.
 */
export const NAVIGATION: NavSection[] = [
  {
    label: 'nav.sections.overview',
    items: [{ to: '/', label: 'nav.home', icon: 'home', end: true }],
  },
  {
    label: 'nav.sections.registry',
    items: [
      {
        to: '/registry/submissions',
        label: 'nav.submissions',
        icon: 'upload',
        capability: 'registry.submissions.view',
      },
      {
        to: '/registry/enterprises',
        label: 'nav.enterprises',
        icon: 'search',
        capability: 'registry.enterprises.view',
      },
      {
        to: '/lookup',
        label: 'lookup.nav',
        icon: 'eye',
        capability: 'lookup.enterprises',
      },
      {
        to: '/statistics/peers',
        label: 'statistics.nav',
        icon: 'gauge',
        capability: 'statistics.peers',
      },
    ],
  },
  {
    label: 'enterprise.nav.section',
    items: [
      { to: '/my/credit', label: 'enterprise.nav.credit', icon: 'gauge', capability: 'enterprise.own' },
      { to: '/my/report', label: 'enterprise.nav.report', icon: 'file', capability: 'enterprise.own' },
      {
        to: '/my/diagnosis',
        label: 'enterprise.nav.diagnosis',
        icon: 'building',
        capability: 'enterprise.own',
      },
      { to: '/my/data', label: 'enterprise.nav.data', icon: 'database', capability: 'enterprise.own' },
      { to: '/my/consents', label: 'enterprise.nav.consents', icon: 'shield', capability: 'enterprise.own' },
      { to: '/my/access-log', label: 'enterprise.nav.accessLog', icon: 'eye', capability: 'enterprise.own' },
      { to: '/my/disputes', label: 'enterprise.nav.disputes', icon: 'flag', capability: 'enterprise.own' },
    ],
  },
  {
    label: 'models.nav.section',
    items: [{ to: '/models', label: 'models.nav.models', icon: 'gauge', capability: 'models.view' }],
  },
  {
    label: 'admin.nav.section',
    items: [
      { to: '/admin/members', label: 'admin.nav.members', icon: 'building', capability: 'admin.members' },
      { to: '/admin/users', label: 'admin.nav.users', icon: 'shield', capability: 'admin.users' },
      { to: '/admin/tokens', label: 'admin.nav.tokens', icon: 'file', capability: 'admin.tokens' },
      { to: '/admin/bindings', label: 'admin.nav.bindings', icon: 'shield', capability: 'admin.bindings' },
    ],
  },
];

export function navigationFor(role: Role): NavSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => !item.capability || can(role, item.capability)),
  })).filter((section) => section.items.length > 0);
}
