import { Readable } from 'node:stream';
import { platformActor, type TActor, type TMemberKind } from '../modules/access/index.js';
import { CANONICAL_COLUMNS, DEMO_MEMBERS, DEMO_USERS, generateDemo } from '../modules/demo/index.js';
import type { Config } from '../platform/config.js';
import type { Services } from '../services.js';
import { csvChunks } from './csv-chunks.js';

type SeedDeps = {
  services: Services;
  config: Config;
  say: (line: string) => void;
  /** Enterprises in the demo. @default 300 */
  enterprises?: number;
  /** Invoices per enterprise over two years. @default 240 */
  invoicesPerEnterprise?: number;
};

const UPLOAD_ORDER = ['enterprises', 'statements', 'loans', 'public_records', 'invoices'] as const;

/**
 * First start of an empty database: the demo members and users, and every member's uploads of the
 * generated enterprises, sent through the same importer a member's file goes through.
 */
export async function seedDemoIfEmpty(deps: SeedDeps): Promise<void> {
  const { services, say } = deps;
  const { access, registry } = services;
  if ((await access.countUsers()) > 0) return;
  const started = Date.now();
  say('first start: seeding the demo (members, users, enterprises, statements, loans, invoices)…');
  const demo = generateDemo({
    enterprises: deps.enterprises ?? 300,
    invoicesPerEnterprise: deps.invoicesPerEnterprise ?? 240,
  });
  const memberIds = new Map<string, string>();
  for (const member of DEMO_MEMBERS) {
    const created = await access.createMember({ name: member.name, kind: member.kind as TMemberKind });
    memberIds.set(member.key, created.id);
  }
  const seeder: TActor = platformActor({ id: 'system:demo-seed', displayName: 'Demo seeding' });
  for (const dataset of UPLOAD_ORDER) {
    for (const upload of demo.uploads.filter((candidate) => candidate.dataset === dataset)) {
      const memberId = memberIds.get(upload.memberKey);
      if (!memberId) continue;
      const { submission } = await registry.submit({
        actor: seeder,
        memberId,
        kind: dataset,
        mode: 'accept_valid',
        format: 'csv',
        fileName: `demo-${upload.memberKey}-${dataset}.csv`,
        input: Readable.from(csvChunks(CANONICAL_COLUMNS[dataset], upload.rows)),
      });
      if (submission.errorCount > 0) {
        say(
          `  demo ${dataset} of ${upload.memberKey}: ${submission.errorCount} rows refused (${submission.errors[0]?.message})`,
        );
      }
    }
  }
  const enterpriseIds = new Map<number, string>();
  for (const enterprise of demo.enterprises.slice(0, 2)) {
    const found = await registry.getEnterprise({ actor: seeder, creditCode: enterprise.creditCode });
    enterpriseIds.set(enterprise.index, found.id);
  }
  const lines: string[] = [];
  for (const user of DEMO_USERS) {
    await access.createUser({
      login: user.login,
      displayName: user.displayName,
      password: user.password,
      role: user.role,
      memberId: user.memberKey ? (memberIds.get(user.memberKey) ?? null) : null,
      enterpriseId:
        user.enterpriseIndex === undefined ? null : (enterpriseIds.get(user.enterpriseIndex) ?? null),
    });
    lines.push(
      `  ${user.login.padEnd(18)} ${user.password.padEnd(28)} ${user.role.padEnd(18)} ${user.displayName}`,
    );
  }
  say(
    `demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${demo.enterprises.length} enterprises.`,
  );
  say('demo sign-ins (login, password, role) — for trying the platform only:');
  for (const line of lines) say(line);
}
