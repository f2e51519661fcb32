import type { KindSpec, Localized } from '../api/types';
import { useFormat } from '../i18n';
import { useAsync } from '../ui/use-async';
import { withoutFormatHint } from './labels';
import { listKinds } from './registry.api';

export function useKinds() {
  return useAsync(() => listKinds(), []);
}

/** Labels for kinds and fields, from the server's own bilingual descriptions; the raw name otherwise. */
export function useRegistryLabels(kinds: KindSpec[] | undefined) {
  const f = useFormat();
  const pick = (text: Localized | undefined, fallback: string) =>
    text ? f.localized(text) || fallback : fallback;
  const spec = (kind: string) => kinds?.find((candidate) => candidate.kind === kind);
  return {
    kind: (kind: string) => pick(spec(kind)?.label, kind),
    field: (kind: string, field: string) =>
      withoutFormatHint(
        pick(spec(kind)?.columns.find((column) => column.name === field)?.description, field),
      ),
  };
}
