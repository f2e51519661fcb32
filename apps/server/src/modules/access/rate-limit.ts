import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Clock } from './access.service.js';

const WINDOW_MS = 60_000;

/**
 * Requests per minute per API token (or per user for web sessions), in fixed one-minute windows held in
 * this process's memory. Anonymous calls are not counted here: they are refused with 401 at once, and
 * sign-in has its own lock-out. `perMinute` 0 turns the limit off.
 */
export function createRateLimitHook(options: { perMinute: number; clock: Clock }) {
  const { perMinute, clock } = options;
  if (!Number.isInteger(perMinute) || perMinute < 0) {
    throw new RangeError(`perMinute must be a non-negative integer; got ${perMinute}`);
  }
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (perMinute === 0 || !request.actor) return;
    const now = clock.now().getTime();
    const currentWindow = now - (now % WINDOW_MS);
    if (currentWindow !== windowStart) {
      windowStart = currentWindow;
      counts = new Map();
    }
    const key = request.actor.tokenId ? `token:${request.actor.tokenId}` : `user:${request.actor.id}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    reply.header('x-ratelimit-limit', String(perMinute));
    reply.header('x-ratelimit-remaining', String(Math.max(0, perMinute - count)));
    if (count > perMinute) {
      reply.header('retry-after', String(retryAfterSeconds));
      throw new AppError('RATE_LIMITED', {
        message: `more than ${perMinute} requests in a minute with this ${request.actor.tokenId ? 'API token' : 'account'}; retry in ${retryAfterSeconds} s`,
        details: { limitPerMinute: perMinute, retryAfterSeconds },
      });
    }
  };
}
