import { useMemo } from 'react';
import { useUser } from '../access/session';
import type { AsyncState } from '../ui/use-async';

const noReload = () => {};

/**
 * The signed-in enterprise user's own credit code, from the session (`/auth/me` names the bound
 * enterprise's code): known at once, no request. An error when the account is not bound to an enterprise.
 */
export function useOwnCreditCode(): AsyncState<string> {
  const { enterpriseCreditCode } = useUser();
  return useMemo(
    () => ({
      data: enterpriseCreditCode ?? undefined,
      error: enterpriseCreditCode ? null : new Error('this account is not bound to an enterprise'),
      isLoading: false,
      reload: noReload,
    }),
    [enterpriseCreditCode],
  );
}
