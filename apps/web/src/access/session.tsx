import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { isApiError, onUnauthenticated, setCsrfToken } from '../api/client';
import type { Session, User } from '../api/types';
import { earlySessionCheck, fetchSession, signIn as postSignIn, signOut as postSignOut } from './auth.api';
import { type Capability, can } from './permissions';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { status: 'signed-in'; user: User }
  | { status: 'error'; error: unknown };

type SessionContextValue = {
  state: SessionState;
  signIn: (login: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  reload: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const accept = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', user: session.user });
    return session.user;
  }, []);

  // `attempt` re-runs the check on retry (the first check may be the one started early).
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    const early = attempt === 0 ? earlySessionCheck() : null;
    const check = early ?? fetchSession(controller.signal);
    check
      .then((session) => {
        if (!controller.signal.aborted) accept(session);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          setState({ status: 'signed-out', reason: 'none' });
        } else {
          setState({ status: 'error', error });
        }
      });
    return () => controller.abort();
  }, [accept, attempt]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setState((previous) =>
          previous.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : previous,
        );
      }),
    [],
  );

  const signIn = useCallback(
    async (login: string, password: string) => accept(await postSignIn(login, password)),
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await postSignOut();
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', reason: 'signed-out' });
    }
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, reload: () => setAttempt((n) => n + 1) }),
    [state, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return state.user;
}

export function useCan(): (capability: Capability) => boolean {
  const user = useUser();
  return (capability) => can(user.role, capability);
}
