import { useUser } from '../access/session';
import { getMyDiagnosis } from '../credit/credit.api';
import { type AsyncState, useAsync } from '../ui/use-async';

// The session names the enterprise by id only, and the report and registry routes take its credit code;
// the enterprise's own diagnosis carries the code, so it is asked once per enterprise and visit.
const codes = new Map<string, Promise<string>>();

function ownCreditCode(enterpriseId: string): Promise<string> {
  let code = codes.get(enterpriseId);
  if (!code) {
    code = getMyDiagnosis().then(
      (diagnosis) => diagnosis.creditCode,
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
