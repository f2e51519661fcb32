import { api } from '../api/client';
import type { Session } from '../api/types';

export function signIn(login: string, password: string): Promise<Session> {
  return api.post<Session>('/auth/login', { login, password });
}

export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return api.get<Session>('/auth/me', { signal });
}

let earlyCheck: Promise<Session> | null = null;

/**
 * Starts the session check before React is there, so that it runs alongside the download of the app's
 * code (index.html also preloads it); the session provider's first check takes this request instead of
 * sending its own. The app calls it once, when it starts on a page other than sign-in.
 */
export function checkSessionEarly(): Promise<Session> {
  earlyCheck ??= fetchSession();
  return earlyCheck;
}

/** The check `checkSessionEarly` started, if any. */
export function earlySessionCheck(): Promise<Session> | null {
  return earlyCheck;
}

export function signOut(): Promise<void> {
  return api.post<void>('/auth/logout');
}
