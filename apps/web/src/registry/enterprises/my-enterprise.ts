import type { User } from '../../api/types';
import { listEnterprises } from '../registry.api';

/**
 * The signed-in enterprise user's own registry entry. The session carries the enterprise's id and name but
 * not its credit code, which the detail endpoint is keyed by, so look it up by name and match the id.
 */
export async function findOwnCreditCode(user: User, signal?: AbortSignal): Promise<string | null> {
  if (!user.enterpriseId) return null;
  const page = await listEnterprises({ q: user.enterpriseName ?? '', limit: 50, offset: 0 }, signal);
  return page.items.find((item) => item.id === user.enterpriseId)?.creditCode ?? null;
}
