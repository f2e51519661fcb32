import { can } from '../access/permissions';
import { useUser } from '../access/session';
import { getEnterpriseRecords } from '../enterprise/records.api';
import { type AsyncState, useAsync } from '../ui/use-async';
import { listConsents, listMembers, listMyAccessLog, type MemberRef } from './consent.api';

/**
 * The members an enterprise user can name in a consent or a dispute. The member directory
 * (GET /access/members) is closed to enterprise roles, so the list is gathered from what the enterprise
 * may see: the members that submitted its data, those it consented to, and those that looked it up.
 */
export function useKnownMembers(creditCode: string | undefined): AsyncState<MemberRef[]> {
  const user = useUser();
  return useAsync(
    async (signal) => {
      if (can(user.role, 'access.members.view')) return listMembers(signal);
      const byId = new Map<string, MemberRef>();
      const add = (id: string | null, name: string | null) => {
        if (id && name && !byId.has(id)) byId.set(id, { id, name });
      };
      const [consents, log, detail] = await Promise.all([
        listConsents({ limit: 200, offset: 0 }, signal),
        listMyAccessLog({ limit: 200, offset: 0 }, signal),
        creditCode ? getEnterpriseRecords(creditCode, signal).catch(() => null) : Promise.resolve(null),
      ]);
      for (const field of detail?.fields ?? []) {
        for (const source of field.sources) add(source.memberId, source.memberName);
      }
      for (const record of [
        ...(detail?.statements ?? []),
        ...(detail?.loans ?? []),
        ...(detail?.publicRecords ?? []),
      ]) {
        add(record.memberId, record.memberName);
      }
      for (const consent of consents.items) add(consent.memberId, consent.memberName);
      for (const entry of log.items) add(entry.actorMemberId, entry.actorMemberName);
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    },
    [user.role, creditCode],
  );
}
