import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  fixedClock,
  newCreditCode,
  newMember,
  registerEnterprises,
} from '../../../../test/factories.js';
import { type HttpHarness, startHttpHarness } from '../../../../test/http-harness.js';
import { submitRecords } from '../../access/__tests__/trust-records.js';
import { createRegistryReportReader } from '../index.js';

let h: HttpHarness;
let app: HttpHarness['app'];
let database: HttpHarness['database'];
const code = newCreditCode();
const otherCode = newCreditCode();
let records: Awaited<ReturnType<typeof submitRecords>>;
let otherRecords: Awaited<ReturnType<typeof submitRecords>>;

const call: HttpHarness['call'] = (...args) => h.call(...args);

beforeAll(async () => {
  h = await startHttpHarness();
  ({ app, database } = h);
  const member = await newMember(app.services);
  // Another member for the other enterprise: a member's loan reference names one loan (same ref = new version).
  const otherMember = await newMember(app.services);
  await registerEnterprises(app.services, actorFor(member), [code]);
  await registerEnterprises(app.services, actorFor(otherMember), [otherCode]);
  records = await submitRecords(app.services, database, actorFor(member), code);
  otherRecords = await submitRecords(app.services, database, actorFor(otherMember), otherCode);
  await h.addUser('owner', 'enterprise_owner', { enterpriseId: await h.enterpriseIdOf(code) });
  await h.addUser('analyst', 'analyst', { memberId: member.id });
});

afterAll(async () => {
  await h.close();
});

describe('the enterprise’s explanation of its records', () => {
  it('attaches an explanation to a loan, a public record and a statement, shown with the record in every read', async () => {
    const explain = (recordType: string, recordId: string, explanation: string) =>
      call('owner', 'PUT', `/registry/my/records/${recordType}/${recordId}/explanation`, { explanation });
    const loan = await explain(
      'loan',
      records.badLoanWrittenOffId,
      'a flood closed the plant for six months',
    );
    expect(loan.statusCode, loan.body).toBe(200);
    expect(loan.json()).toMatchObject({
      recordType: 'loan',
      recordId: records.badLoanWrittenOffId,
      writtenAt: fixedClock.now().toISOString(),
    });
    expect(
      (await explain('public_record', records.judgmentId, 'paid in full after the appeal')).statusCode,
    ).toBe(200);
    expect((await explain('statement', records.statementId, 'revenue fell with the flood')).statusCode).toBe(
      200,
    );
    // Rewritten: the current text replaces the old one; both are in the audit trail.
    expect(
      (await explain('loan', records.badLoanWrittenOffId, 'a flood closed the plant from May to October'))
        .statusCode,
    ).toBe(200);

    const detail = await call('analyst', 'GET', `/registry/enterprises/${code}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.loans.find((item: { id: string }) => item.id === records.badLoanWrittenOffId)).toMatchObject({
      explanation: 'a flood closed the plant from May to October',
      underDispute: false,
    });
    expect(body.loans.find((item: { loanRef: string }) => item.loanRef === 'GOOD-1').explanation).toBeNull();
    expect(body.publicRecords[0]).toMatchObject({ explanation: 'paid in full after the appeal' });
    expect(body.statements[0]).toMatchObject({
      id: records.statementId,
      explanation: 'revenue fell with the flood',
    });

    const reader = createRegistryReportReader(database.pool);
    const snapshots = await reader.listLoanSnapshots(code);
    expect(snapshots.find((item) => item.id === records.badLoanWrittenOffId)?.explanation).toBe(
      'a flood closed the plant from May to October',
    );
    expect((await reader.listPublicRecords(code))[0]?.explanation).toBe('paid in full after the appeal');
    expect((await reader.listAnnualStatements(code, 3))[0]?.explanation).toBe('revenue fell with the flood');

    const audit = await database.pool.query(
      `SELECT before, after FROM audit_events WHERE action = 'registry.record_explained' AND entity_type = 'loan'
         AND entity_id = $1 ORDER BY at, id`,
      [records.badLoanWrittenOffId],
    );
    expect(audit.rows).toHaveLength(2);
    const befores = audit.rows.map((row) => row.before?.explanation ?? null);
    expect(befores).toHaveLength(2);
    expect(befores).toEqual(expect.arrayContaining([null, 'a flood closed the plant for six months']));
  });

  it("refuses another enterprise's record, an unknown one, and anyone but the enterprise", async () => {
    const other = await call(
      'owner',
      'PUT',
      `/registry/my/records/loan/${otherRecords.goodLoanId}/explanation`,
      {
        explanation: 'not my loan at all',
      },
    );
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe(`loan ${otherRecords.goodLoanId} is not a record of your enterprise`);
    expect(
      (
        await call('owner', 'PUT', '/registry/my/records/loan/abc/explanation', {
          explanation: 'no such loan',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call('analyst', 'PUT', `/registry/my/records/loan/${records.goodLoanId}/explanation`, {
          explanation: 'a member cannot write this',
        })
      ).statusCode,
    ).toBe(403);
    const short = await call('owner', 'PUT', `/registry/my/records/loan/${records.goodLoanId}/explanation`, {
      explanation: 'no',
    });
    expect(short.statusCode).toBe(400);
    const stored = await database.pool.query(
      'SELECT count(*)::int AS n FROM record_explanations WHERE credit_code = $1',
      [otherCode],
    );
    expect(stored.rows[0].n).toBe(0);
  });
});
