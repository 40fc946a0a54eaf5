// How a stored secret looks to people, everywhere: that it is set, never what it is.
export function maskSecret(isSet: boolean): string | null {
  return isSet ? "••••••" : null;
}
