/** A date and time in the reader's language. */
export function formatWhen(iso: string, language: string): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDay(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, { dateStyle: 'medium' });
}

export function formatTime(iso: string, language: string): string {
  return new Date(iso).toLocaleTimeString(language, { timeStyle: 'short' });
}

/** City, county and state, as far as they are known. */
export function formatPlace(p: { city?: string | null; county?: string | null; state?: string | null }): string {
  return [p.city, p.county, p.state].filter(Boolean).join(', ');
}

/** For a select whose empty value is a choice in words ("Any", "Not known"): show it, with the label above. */
export function emptyShown(options: { value: string }[]) {
  return options.some((o) => o.value === '') ? { select: { displayEmpty: true }, inputLabel: { shrink: true } } : undefined;
}
