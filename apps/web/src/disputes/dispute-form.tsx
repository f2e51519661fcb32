import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberRef } from '../consent/consent.api';
import { ErrorState } from '../ui/states';
import {
  DISPUTE_RECORD_TYPES,
  type Dispute,
  type DisputeDraft,
  type DisputeRecordType,
  raiseDispute,
} from './disputes.api';

const MIN_REASON = 5;
const MAX_REASON = 2000;

/**
 * Files a dispute on one record: which record (type and reference, filled in from "my data"), the member
 * that submitted it (who must answer), and the reason in the enterprise's words.
 */
export function DisputeForm({
  initial,
  recordLabel,
  members,
  onFiled,
  onCancel,
}: {
  initial: Partial<DisputeDraft>;
  recordLabel?: string;
  members: MemberRef[];
  onFiled: (dispute: Dispute) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [recordType, setRecordType] = useState<DisputeRecordType>(initial.recordType ?? 'loan');
  const [recordId, setRecordId] = useState(initial.recordId ?? '');
  const [memberId, setMemberId] = useState(initial.memberId ?? members[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Partial<Record<'recordId' | 'memberId' | 'reason', string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [isSending, setIsSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof problems = {};
    if (!recordId.trim()) found.recordId = t('disputes.form.problems.recordId');
    if (!memberId) found.memberId = t('disputes.form.problems.memberId');
    if (reason.trim().length < MIN_REASON)
      found.reason = t('disputes.form.problems.reason', { min: MIN_REASON });
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setIsSending(true);
    try {
      onFiled(await raiseDispute({ memberId, recordType, recordId: recordId.trim(), reason: reason.trim() }));
    } catch (error) {
      setFailure(error);
      setIsSending(false);
    }
  }

  const problem = (name: keyof typeof problems) =>
    problems[name] ? (
      <p className="field__error" id={`${id}-${name}-problem`} role="alert">
        {problems[name]}
      </p>
    ) : null;

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('disputes.form.title')}>
      {recordLabel ? (
        <p className="form-grid__wide">
          {t('disputes.form.about')} <strong translate="no">{recordLabel}</strong>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('disputes.form.recordType')}</label>
        <select
          id={`${id}-type`}
          value={recordType}
          onChange={(event) => setRecordType(event.target.value as DisputeRecordType)}
        >
          {DISPUTE_RECORD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`disputes.recordTypes.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-record`}>{t('disputes.form.recordId')}</label>
        <input
          id={`${id}-record`}
          value={recordId}
          onChange={(event) => setRecordId(event.target.value)}
          aria-invalid={Boolean(problems.recordId)}
          aria-describedby={`${id}-record-hint${problems.recordId ? ` ${id}-recordId-problem` : ''}`}
        />
        <p className="field__hint" id={`${id}-record-hint`}>
          {t('disputes.form.recordIdHint')}
        </p>
        {problem('recordId')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-member`}>{t('disputes.form.member')}</label>
        <select
          id={`${id}-member`}
          value={memberId}
          onChange={(event) => setMemberId(event.target.value)}
          aria-invalid={Boolean(problems.memberId)}
          aria-describedby={`${id}-member-hint${problems.memberId ? ` ${id}-memberId-problem` : ''}`}
        >
          {members.length === 0 ? <option value="">{t('disputes.form.noMembers')}</option> : null}
          {members.map((member) => (
            <option key={member.id} value={member.id} translate="no">
              {member.name}
            </option>
          ))}
        </select>
        <p className="field__hint" id={`${id}-member-hint`}>
          {t('disputes.form.memberHint')}
        </p>
        {problem('memberId')}
      </div>
      <div className="field form-grid__wide">
        <label htmlFor={`${id}-reason`}>{t('disputes.form.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={4}
          maxLength={MAX_REASON}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={Boolean(problems.reason)}
          aria-describedby={`${id}-reason-hint${problems.reason ? ` ${id}-reason-problem` : ''}`}
        />
        <p className="field__hint" id={`${id}-reason-hint`}>
          {t('disputes.form.reasonHint', { min: MIN_REASON, max: MAX_REASON })}
        </p>
        {problem('reason')}
      </div>
      {failure ? <ErrorState error={failure} compact /> : null}
      <div className="form-actions form-grid__wide">
        <button type="submit" className="button button--primary" disabled={isSending}>
          {isSending ? t('disputes.form.sending') : t('disputes.form.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={isSending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
