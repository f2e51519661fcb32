import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberKind } from '../api/types';
import { PURPOSES, type Purpose } from '../credit/credit.api';
import { ErrorState } from '../ui/states';
import {
  type Consent,
  type ConsentFrequency,
  DATA_SCOPES,
  type DataScope,
  grantConsent,
  type MemberRef,
} from './consent.api';

/** The order of the member picker's groups. */
const KIND_ORDER: readonly MemberKind[] = [
  'bank',
  'village_bank',
  'nbfi',
  'leasing',
  'factoring',
  'guarantee_fund',
  'anchor_firm',
  'government',
  'operator',
];

/** The members whose name contains `filter` (and the chosen one, always), grouped by kind. */
function groupMembers(members: MemberRef[], filter: string, chosenId: string) {
  const needle = filter.trim().toLowerCase();
  const shown = members.filter(
    (member) => member.id === chosenId || !needle || member.name.toLowerCase().includes(needle),
  );
  return KIND_ORDER.map((kind) => ({ kind, members: shown.filter((member) => member.kind === kind) })).filter(
    (group) => group.members.length > 0,
  );
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addYears(date: Date, years: number): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

type Problems = Partial<
  Record<'member' | 'scopes' | 'dataRange' | 'validity' | 'maxLookups' | 'frequency', string>
>;

/**
 * Grants one member access for one purpose: the consent artefact's fields (member, purpose, data scope, data
 * range, validity, maximum look-ups, frequency), each labelled, checked before sending, and explained.
 */
export function ConsentForm({
  members,
  onGranted,
}: {
  members: MemberRef[];
  onGranted: (consent: Consent) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const today = new Date();
  const [memberId, setMemberId] = useState('');
  const [memberFilter, setMemberFilter] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('credit_assessment');
  const [scopes, setScopes] = useState<DataScope[]>(['report']);
  const [dataFrom, setDataFrom] = useState(isoDate(addYears(today, -3)));
  const [dataTo, setDataTo] = useState(isoDate(today));
  const [validUntil, setValidUntil] = useState(isoDate(addYears(today, 1)));
  const [maxLookups, setMaxLookups] = useState('10');
  const [frequencyPeriod, setFrequencyPeriod] = useState<'' | ConsentFrequency['period']>('');
  const [frequencyMax, setFrequencyMax] = useState('1');
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [isSending, setIsSending] = useState(false);

  function toggleScope(scope: DataScope, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((item) => item !== scope)));
  }

  function check(): Problems {
    const found: Problems = {};
    if (!members.some((member) => member.id === memberId)) found.member = t('consent.form.problems.member');
    if (scopes.length === 0) found.scopes = t('consent.form.problems.scopes');
    if (!dataFrom || !dataTo || dataFrom > dataTo) found.dataRange = t('consent.form.problems.dataRange');
    if (!validUntil || validUntil <= isoDate(today)) found.validity = t('consent.form.problems.validity');
    const lookups = Number(maxLookups);
    if (!Number.isInteger(lookups) || lookups < 1 || lookups > 10_000)
      found.maxLookups = t('consent.form.problems.maxLookups');
    const perPeriod = Number(frequencyMax);
    if (frequencyPeriod && (!Number.isInteger(perPeriod) || perPeriod < 1 || perPeriod > lookups))
      found.frequency = t('consent.form.problems.frequency');
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = check();
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setIsSending(true);
    try {
      const consent = await grantConsent({
        memberId,
        purpose,
        scopes,
        dataFrom,
        dataTo,
        // The end of the chosen day in UTC: valid through that whole day.
        validUntil: `${validUntil}T23:59:59Z`,
        maxLookups: Number(maxLookups),
        ...(frequencyPeriod ? { frequency: { period: frequencyPeriod, limit: Number(frequencyMax) } } : {}),
      });
      onGranted(consent);
    } catch (error) {
      setFailure(error);
    } finally {
      setIsSending(false);
    }
  }

  const describedBy = (name: keyof Problems, hint?: string) =>
    [hint, problems[name] ? `${id}-${name}-problem` : null].filter(Boolean).join(' ') || undefined;
  const problem = (name: keyof Problems) =>
    problems[name] ? (
      <p className="field__error" id={`${id}-${name}-problem`} role="alert">
        {problems[name]}
      </p>
    ) : null;

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('consent.form.title')}>
      <div className="field">
        <label htmlFor={`${id}-member-filter`}>{t('consent.form.memberFilter')}</label>
        <input
          id={`${id}-member-filter`}
          type="search"
          value={memberFilter}
          autoComplete="off"
          onChange={(event) => setMemberFilter(event.target.value)}
          aria-controls={`${id}-member`}
        />
        <label htmlFor={`${id}-member`}>{t('consent.form.member')}</label>
        <select
          id={`${id}-member`}
          value={memberId}
          onChange={(event) => setMemberId(event.target.value)}
          aria-invalid={problems.member !== undefined}
          aria-describedby={describedBy('member', `${id}-member-hint`)}
        >
          <option value="">{t('consent.form.memberChoose')}</option>
          {groupMembers(members, memberFilter, memberId).map((group) => (
            <optgroup key={group.kind} label={t(`memberKind.${group.kind}`)}>
              {group.members.map((member) => (
                <option key={member.id} value={member.id} translate="no">
                  {member.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p className="field__hint" id={`${id}-member-hint`}>
          {t('consent.form.memberHint')}
        </p>
        {problem('member')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-purpose`}>{t('consent.form.purpose')}</label>
        <select
          id={`${id}-purpose`}
          value={purpose}
          onChange={(event) => setPurpose(event.target.value as Purpose)}
        >
          {PURPOSES.map((item) => (
            <option key={item} value={item}>
              {t(`consent.purposes.${item}`)}
            </option>
          ))}
        </select>
        <p className="field__hint">{t('consent.form.purposeHint')}</p>
      </div>

      <fieldset className="field checkbox-group" aria-describedby={describedBy('scopes')}>
        <legend>{t('consent.form.scopes')}</legend>
        {DATA_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => toggleScope(scope, event.target.checked)}
            />
            {t(`consent.scopes.${scope}`)}
          </label>
        ))}
        {problem('scopes')}
      </fieldset>

      <fieldset className="field" aria-describedby={describedBy('dataRange', `${id}-range-hint`)}>
        <legend>{t('consent.form.dataRange')}</legend>
        <div className="field-row">
          <label className="field">
            <span>{t('consent.form.dataFrom')}</span>
            <input type="date" value={dataFrom} onChange={(event) => setDataFrom(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('consent.form.dataTo')}</span>
            <input type="date" value={dataTo} onChange={(event) => setDataTo(event.target.value)} />
          </label>
        </div>
        <p className="field__hint" id={`${id}-range-hint`}>
          {t('consent.form.dataRangeHint')}
        </p>
        {problem('dataRange')}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-until`}>{t('consent.form.validUntil')}</label>
        <input
          id={`${id}-until`}
          type="date"
          value={validUntil}
          onChange={(event) => setValidUntil(event.target.value)}
          aria-describedby={describedBy('validity', `${id}-until-hint`)}
        />
        <p className="field__hint" id={`${id}-until-hint`}>
          {t('consent.form.validUntilHint')}
        </p>
        {problem('validity')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-lookups`}>{t('consent.form.maxLookups')}</label>
        <input
          id={`${id}-lookups`}
          type="number"
          min={1}
          max={10000}
          step={1}
          value={maxLookups}
          onChange={(event) => setMaxLookups(event.target.value)}
          aria-describedby={describedBy('maxLookups', `${id}-lookups-hint`)}
        />
        <p className="field__hint" id={`${id}-lookups-hint`}>
          {t('consent.form.maxLookupsHint')}
        </p>
        {problem('maxLookups')}
      </div>

      <fieldset className="field" aria-describedby={describedBy('frequency', `${id}-frequency-hint`)}>
        <legend>{t('consent.form.frequency')}</legend>
        <div className="field-row">
          <label className="field">
            <span>{t('consent.form.frequencyPeriod')}</span>
            <select
              value={frequencyPeriod}
              onChange={(event) => setFrequencyPeriod(event.target.value as '' | ConsentFrequency['period'])}
            >
              <option value="">{t('consent.frequency.none')}</option>
              <option value="day">{t('consent.frequency.day')}</option>
              <option value="week">{t('consent.frequency.week')}</option>
              <option value="month">{t('consent.frequency.month')}</option>
            </select>
          </label>
          {frequencyPeriod ? (
            <label className="field">
              <span>{t('consent.form.frequencyMax')}</span>
              <input
                type="number"
                min={1}
                step={1}
                value={frequencyMax}
                onChange={(event) => setFrequencyMax(event.target.value)}
              />
            </label>
          ) : null}
        </div>
        <p className="field__hint" id={`${id}-frequency-hint`}>
          {t('consent.form.frequencyHint')}
        </p>
        {problem('frequency')}
      </fieldset>

      {failure ? <ErrorState error={failure} compact /> : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={isSending}>
          {isSending ? t('consent.form.sending') : t('consent.form.submit')}
        </button>
      </div>
    </form>
  );
}
