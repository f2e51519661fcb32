import { useCallback, useState } from 'react';

/** What {@link useSubmit} gives a form or button that sends something. */
export type SubmitState = {
  /** True while an action runs: disables the button that started it. */
  isSaving: boolean;
  /** What the last action threw; null once a new one starts. */
  error: unknown;
  /** Clears the error, awaits the action and keeps what it throws (it never rejects). */
  run: (action: () => Promise<void>) => Promise<void>;
};

/** The saving flag and last error of a form or button that sends something to the server. */
export function useSubmit(): SubmitState {
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setIsSaving(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsSaving(false);
    }
  }, []);
  return { isSaving, error, run };
}
