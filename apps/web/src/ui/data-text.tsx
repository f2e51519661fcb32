import type { ReactNode } from 'react';

/**
 * Text that is data, not interface: names of enterprises and members, references, free text someone
 * submitted. It stays as written in every language, so it is marked `translate="no"` (and the language
 * tests skip it when they look for untranslated interface text).
 */
export function DataText({ children }: { children: ReactNode }) {
  return <span translate="no">{children}</span>;
}
