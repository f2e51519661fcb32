import { randomBytes } from 'node:crypto';

/** Readable, time-ordered ids: `ent_01J…`. One generator for the whole platform. */
export const ID_PREFIXES = {
  member: 'mbr',
  user: 'usr',
  session: 'ses',
  token: 'tok',
  enterprise: 'ent',
  submission: 'sub',
  statement: 'stm',
  loan: 'lon',
  publicRecord: 'pub',
  audit: 'aud',
  consent: 'con',
  model: 'mdl',
  verification: 'evf',
  dispute: 'dsp',
  accessLog: 'acl',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(kind: IdKind, now = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let index = 0; index < 10; index++) {
    time = ALPHABET[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = randomBytes(10);
  let tail = '';
  for (const byte of random) tail += ALPHABET[byte % 32];
  return `${ID_PREFIXES[kind]}_${time}${tail}`;
}
