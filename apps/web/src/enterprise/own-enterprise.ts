import { useUser } from '../access/session';
import { getMyDiagnosis } from '../credit/credit.api';
import { type AsyncState, useAsync } from '../ui/use-async';

// The session names the enterprise by id only, and the report and registry routes take its credit code;
// the enterprise's own diagnosis carries the code, so it is asked once per enterprise and visit.
const codes = new Map<string, Promise<string>>();

const STORAGE_PREFIX = 'creditbridge.creditCode.';

function storedCode(enterpriseId: string): string | null {
  try {
    return sessionStorage.getItem(STORAGE_PREFIX + enterpriseId);
  } catch {
    return null;
  }
}

function storeCode(enterpriseId: string, code: string): void {
  try {
    sessionStorage.setItem(STORAGE_PREFIX + enterpriseId, code);
  } catch {
    // Storage off: the code is asked again on the next visit.
  }
}

function ownCreditCode(enterpriseId: string): Promise<string> {
  let code = codes.get(enterpriseId);
  const stored = storedCode(enterpriseId);
  if (!code && stored) {
    code = Promise.resolve(stored);
    codes.set(enterpriseId, code);
  }
  if (!code) {
    code = getMyDiagnosis().then(
      (diagnosis) => {
        // A credit code never changes for an enterprise: keep it for this tab's later page loads.
        storeCode(enterpriseId, diagnosis.creditCode);
        return diagnosis.creditCode;
      },
      (error: unknown) => {
        codes.delete(enterpriseId);
        throw error;
      },
    );
    codes.set(enterpriseId, code);
  }
  return code;
}

/** The signed-in enterprise user's own credit code. */
export function useOwnCreditCode(): AsyncState<string> {
  const user = useUser();
  return useAsync(() => {
    if (!user.enterpriseId) return Promise.reject(new Error('not an enterprise user'));
    return ownCreditCode(user.enterpriseId);
  }, [user.enterpriseId]);
}
