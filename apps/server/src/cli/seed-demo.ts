import type { Config } from '../platform/config.js';
import type { buildApp } from '../platform/http/app.js';

type SeedDeps = { app: Awaited<ReturnType<typeof buildApp>>; config: Config; say: (line: string) => void };

/** First start of an empty database: demo members, users and data (replaced once the generator lands). */
export async function seedDemoIfEmpty({ app, say }: SeedDeps): Promise<void> {
  if ((await app.services.access.countUsers()) > 0) return;
  const operatorMember = await app.services.access.createMember({ name: 'CreditBridge 平台运营', kind: 'operator' });
  await app.services.access.createUser({
    login: 'operator',
    displayName: 'Platform operator',
    password: 'operator-demo',
    role: 'operator',
    memberId: operatorMember.id,
  });
  say('demo sign-in: operator / operator-demo');
}
