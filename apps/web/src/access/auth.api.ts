import { api } from '../api/client';
import type { Session } from '../api/types';

export function signIn(login: string, password: string): Promise<Session> {
  return api.post<Session>('/auth/login', { login, password });
}

export function fetchSession(signal?: AbortSignal): Promise<Session> {
  return api.get<Session>('/auth/me', { signal });
}

export function signOut(): Promise<void> {
  return api.post<void>('/auth/logout');
}
