import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/states';
import { type Dispute, type DisputeRecordType, raiseDispute } from './disputes.api';

export const MIN_TEXT = 5;
export const MAX_TEXT = 2000;

/** The record a form is about: its kind, its registry id and how the page names it. */
export type RecordTarget = { recordType: DisputeRecordType; recordId: string; label: string };

/**
 * A reason of 5–2,000 characters about one record, checked before sending: used to file a dispute and to
 * attach the enterprise's explanation.
 */
export function RecordTextForm({
  target,
  title,
  label,
  hint,
  submitLabel,
  sendingLabel,
  send,
  onCancel,
}: {
  target: RecordTarget;
  title: string;
  label: string;
  hint: string;
  submitLabel: string;
  sendingLabel: string;
  send: (text: string) => Promise<unknown>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [isSending, setIsSending] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  // The form opens on a click in a table further down: take the keyboard user to it.
  useEffect(() => field.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = value.trim();
    setFailure(null);
    if (text.length < MIN_TEXT) {
      setProblem(t('disputes.form.problems.reason', { min: MIN_TEXT }));
      return;
    }
    setProblem(null);
    setIsSending(true);
    try {
      await send(text);
    } catch (error) {
      setFailure(error);
      setIsSending(false);
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={title}>
      <p className="form-grid__wide">
        {t(`disputes.recordTypes.${target.recordType}`)}: <strong translate="no">{target.label}</strong>
      </p>
      <div className="field form-grid__wide">
        <label htmlFor={`${id}-text`}>{label}</label>
        <textarea
          ref={field}
          id={`${id}-text`}
          rows={4}
          maxLength={MAX_TEXT}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
        {problem ? (
          <p className="field__error" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {failure ? <ErrorState error={failure} compact /> : null}
      <div className="form-actions form-grid__wide">
        <button type="submit" className="button button--primary" disabled={isSending}>
          {isSending ? sendingLabel : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={isSending}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Files a dispute on one of the enterprise's records; the member that submitted it must answer. */
export function DisputeForm({
  target,
  onFiled,
  onCancel,
}: {
  target: RecordTarget;
  onFiled: (dispute: Dispute) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <RecordTextForm
      target={target}
      title={t('disputes.form.title')}
      label={t('disputes.form.reason')}
      hint={t('disputes.form.reasonHint', { min: MIN_TEXT, max: MAX_TEXT })}
      submitLabel={t('disputes.form.submit')}
      sendingLabel={t('disputes.form.sending')}
      send={async (reason) =>
        onFiled(await raiseDispute({ recordType: target.recordType, recordId: target.recordId, reason }))
      }
      onCancel={onCancel}
    />
  );
}
