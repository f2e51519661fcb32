import type { KindSpec, Localized } from '../api/types';
import { useFormat } from '../i18n';
import { useAsync } from '../ui/use-async';
import { listKinds } from './registry.api';

export function useKinds() {
  return useAsync(() => listKinds(), []);
}

/** Labels for kinds and fields, from the server's own bilingual descriptions; the raw name otherwise. */
export function useRegistryLabels(kinds: KindSpec[] | undefined) {
  const f = useFormat();
  const pick = (text: Localized | undefined, fallback: string) =>
    text ? f.localized(text) || fallback : fallback;
  return {
    kind: (kind: string) => pick(kinds?.find((spec) => spec.kind === kind)?.label, kind),
    field: (kind: string, field: string) =>
      pick(
        kinds?.find((spec) => spec.kind === kind)?.columns.find((column) => column.name === field)
          ?.description,
        field,
      ),
  };
}
