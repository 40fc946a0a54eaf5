const MAX_SHOWN = 60;

// Messages quote the offending value, but a 100 KB config file must not end up in a toast.
export function showValue(value: unknown): string {
  const text = value === undefined ? "undefined" : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}
