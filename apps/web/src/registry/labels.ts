/**
 * A column description without its trailing format hint: "营业收入（元，最多两位小数）" → "营业收入",
 * "Established on (YYYY-MM-DD)" → "Established on". The hint helps when filling in a file, not when
 * reading figures about it.
 */
export function withoutFormatHint(description: string): string {
  const stripped = description.replace(/\s*[（(][^（）()]*[）)]\s*$/u, '').trim();
  return stripped || description;
}
