import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/states';
import { useSubmit } from '../ui/use-submit';

type AdminFormCardProps = {
  /** The form's `useId()`: the title is `${id}-title`, the fields name theirs after it. */
  id: string;
  title: string;
  /** The submit button's wording (it reads "saving" while the action runs). */
  submitLabel: string;
  /** Sends the form; what it throws is shown below the form. */
  action: () => Promise<void>;
  /** Shown between the title and the form. */
  intro?: ReactNode;
  /** A status line after a success (e.g. "created X"); nothing when null. */
  notice?: string | null;
  /** The fields. */
  children: ReactNode;
};

/** An admin page's "new …" card: titled section, form of fields, submit button, success notice and error. */
export function AdminFormCard({
  id,
  title,
  submitLabel,
  action,
  intro,
  notice,
  children,
}: AdminFormCardProps) {
  const { t } = useTranslation();
  const { isSaving, error, run } = useSubmit();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {title}
      </h2>
      {intro}
      <form
        className="admin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run(action);
        }}
      >
        {children}
        <button type="submit" className="button button--primary" disabled={isSaving}>
          {isSaving ? t('admin.saving') : submitLabel}
        </button>
      </form>
      {notice ? (
        <p className="notice notice--info" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorState error={error} compact /> : null}
    </section>
  );
}

type FieldProps = {
  /** The control's id, which the label points at; the hint is `${id}-hint` (give the control aria-describedby). */
  id: string;
  label: string;
  hint?: string;
  /** Label and control on one line. */
  isInline?: boolean;
  /** The control. */
  children: ReactNode;
};

/** A labelled form control with an optional hint below it. */
export function Field({ id, label, hint, isInline, children }: FieldProps) {
  return (
    <div className={isInline ? 'field field--inline' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
