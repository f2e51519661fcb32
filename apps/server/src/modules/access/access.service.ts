import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AccessRepository } from './access.repository.js';
import type { TActor, TApiToken, TMemberKind, TRole, TTokenScope, TUser } from './access.schemas.js';

/** Sign-in throttling: after this many failures in a row the account is locked for a while. */
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;
export const SESSION_COOKIE = 'cb_session';
const TOKEN_PREFIX = 'cbt_';

export type Clock = { now: () => Date };

type Deps = { repository: AccessRepository; clock: Clock; sessionHours: number };

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

// argon2id is memory-hard; hashing a dummy on unknown logins keeps timing uniform.
const DUMMY_HASH_PROMISE = argon2.hash('not-a-real-password', { type: argon2.argon2id });

export function createAccessService({ repository, clock, sessionHours }: Deps) {
  /** Issues an API token for machine clients; only its hash is stored, the token is shown once. */
  async function createApiToken(input: {
    userId: string;
    name: string;
    expiresAt: Date | null;
    /** Empty (the default) means the full rights of the user's role. */
    scopes?: readonly TTokenScope[];
    /** Who issues it, for the audit trail: the user itself unless said otherwise. */
    issuedBy?: { id: string; memberId: string | null };
  }) {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await repository.insertToken(
      {
        id: newId('token'),
        userId: input.userId,
        name: input.name,
        tokenHash: hashSecret(token),
        expiresAt: input.expiresAt,
        scopes: [...new Set(input.scopes ?? [])],
      },
      {
        at: clock.now(),
        actorUserId: input.issuedBy?.id ?? input.userId,
        actorMemberId: input.issuedBy?.memberId ?? null,
      },
    );
    return token;
  }

  return {
    /** Checks a password and opens a web session; throws UNAUTHENTICATED or RATE_LIMITED. */
    async login(input: { login: string; password: string }) {
      const credentials = await repository.findCredentials(input.login);
      const now = clock.now();
      if (!credentials) {
        await argon2.verify(await DUMMY_HASH_PROMISE, input.password);
        throw new AppError('UNAUTHENTICATED', { message: 'the login or the password is wrong' });
      }
      if (credentials.disabled_at) {
        // Checked after the password, so a wrong guess learns nothing about the account's state.
        const isRight = await argon2.verify(credentials.password_hash, input.password);
        throw new AppError('UNAUTHENTICATED', {
          message: isRight
            ? 'this account is disabled: ask your administrator to enable it'
            : 'the login or the password is wrong',
        });
      }
      if (credentials.locked_until && credentials.locked_until > now) {
        throw new AppError('RATE_LIMITED', {
          message: `too many failed sign-ins: the account is locked until ${credentials.locked_until.toISOString()}`,
        });
      }
      if (!(await argon2.verify(credentials.password_hash, input.password))) {
        const failures = credentials.failed_logins + 1;
        const lockedUntil =
          failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
        await repository.recordFailedLogin(credentials.id, lockedUntil);
        throw new AppError('UNAUTHENTICATED', { message: 'the login or the password is wrong' });
      }
      await repository.resetFailedLogins(credentials.id);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
      await repository.insertSession({
        id: newId('session'),
        userId: credentials.id,
        tokenHash: hashSecret(token),
        csrfToken,
        expiresAt,
      });
      const user = await repository.findUserById(credentials.id);
      if (!user) throw new AppError('INTERNAL', { message: 'user vanished during sign-in' });
      return { user, token, csrfToken, expiresAt };
    },

    async logout(sessionToken: string) {
      await repository.deleteSession(hashSecret(sessionToken));
    },

    /** Resolves a session cookie or a bearer token to the acting user; null when neither is valid. */
    async authenticate(credentials: { sessionToken?: string; bearerToken?: string }): Promise<TActor | null> {
      const now = clock.now();
      if (credentials.bearerToken) {
        if (!credentials.bearerToken.startsWith(TOKEN_PREFIX)) return null;
        const found = await repository.findToken(hashSecret(credentials.bearerToken), now);
        if (!found) return null;
        return {
          ...found.user,
          via: 'token',
          csrfToken: null,
          tokenId: found.tokenId,
          tokenScopes: found.scopes,
        };
      }
      if (credentials.sessionToken) {
        const session = await repository.findSession(hashSecret(credentials.sessionToken), now);
        return session ? { ...session.user, via: 'session', csrfToken: session.csrfToken } : null;
      }
      return null;
    },

    createApiToken,

    /**
     * The caller issues a token for itself. A scoped token may only issue tokens with a subset of its own
     * scopes, so a narrow token cannot mint a wider one.
     */
    async issueApiToken(input: {
      actor: TActor;
      name: string;
      expiresInDays: number;
      scopes: readonly TTokenScope[];
    }) {
      const held = input.actor.tokenScopes ?? [];
      if (held.length > 0) {
        const wider =
          input.scopes.length === 0
            ? ['(full role rights)']
            : input.scopes.filter((scope) => !held.includes(scope));
        if (wider.length > 0) {
          throw new AppError('FORBIDDEN', {
            message: `a token scoped to ${held.join(', ')} cannot issue a token for ${wider.join(', ')}`,
          });
        }
      }
      const expiresAt = new Date(clock.now().getTime() + input.expiresInDays * 86_400_000);
      const token = await createApiToken({
        userId: input.actor.id,
        name: input.name,
        expiresAt,
        scopes: input.scopes,
        issuedBy: { id: input.actor.id, memberId: input.actor.memberId },
      });
      return { token, expiresAt };
    },

    listApiTokens: (input: { actor: TActor }): Promise<TApiToken[]> => repository.listTokens(input.actor.id),

    /** Revokes one of the caller's own tokens at once; another user's token is NOT_FOUND. */
    async revokeApiToken(input: { actor: TActor; id: string }): Promise<TApiToken> {
      const revoked = await repository.revokeToken({
        id: input.id,
        userId: input.actor.id,
        now: clock.now(),
        actorMemberId: input.actor.memberId,
      });
      if (!revoked) throw new AppError('NOT_FOUND', { message: `API token ${input.id} not found` });
      return revoked;
    },

    async createMember(input: { name: string; kind: TMemberKind }) {
      const id = newId('member');
      await repository.insertMember({ id, ...input });
      return { id, ...input };
    },

    async createUser(input: {
      login: string;
      displayName: string;
      password: string;
      role: TRole;
      memberId?: string | null;
      enterpriseId?: string | null;
      /**
       * Creating an account for an enterprise is itself an attestation by whoever creates it (the operator,
       * the demo seed): `verified` by default, attested by `attestedBy`. `pending` leaves the user unbound
       * until the operator or a member attests it through the verification routes.
       */
      enterpriseBinding?: 'verified' | 'pending';
      attestedBy?: string;
    }): Promise<TUser> {
      const id = newId('user');
      const enterpriseId = input.enterpriseId ?? null;
      const isPending = input.enterpriseBinding === 'pending';
      await repository.insertUser({
        id,
        login: input.login,
        displayName: input.displayName,
        passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
        role: input.role,
        memberId: input.memberId ?? null,
        enterpriseId: isPending ? null : enterpriseId,
        verification: enterpriseId
          ? {
              id: newId('verification'),
              enterpriseId,
              status: isPending ? 'pending' : 'verified',
              at: clock.now(),
              attestedBy: isPending ? null : (input.attestedBy ?? 'platform'),
            }
          : null,
      });
      const user = await repository.findUserById(id);
      if (!user) throw new AppError('INTERNAL', { message: 'user vanished after creation' });
      return user;
    },

    listMembers: () => repository.listMembers(),
    countUsers: () => repository.countUsers(),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
