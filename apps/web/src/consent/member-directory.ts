import { type AsyncState, useAsync } from '../ui/use-async';
import { listMembers, type MemberRef } from './consent.api';

/**
 * The platform's member directory (GET /access/members: id, name and kind of every member), which enterprise
 * owners and finance staff read to choose whom to grant a consent to; sorted by name.
 */
export function useMemberDirectory(): AsyncState<MemberRef[]> {
  return useAsync(
    async (signal) =>
      (await listMembers(signal))
        .filter((member) => member.kind !== 'operator')
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [],
  );
}
