// Kubernetes resource.Quantity grammar: <signedNumber><suffix>, suffix one of binary SI (Ki..Ei),
// decimal SI (n u m "" k M G T P E) or a decimal exponent (e3, E-2). "1E" is one exa, "1E3" a
// thousand: the exponent form is tried first.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

const MULTIPLIERS: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity in base units (cores, bytes), or null when it is not a Kubernetes quantity. */
export function parseQuantity(text: string): number | null {
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const [, number = "", exponent, suffix] = match;
  const value = exponent
    ? Number(`${number}${exponent}`)
    : Number(number) * (suffix ? (MULTIPLIERS[suffix] ?? Number.NaN) : 1);
  return Number.isFinite(value) ? value : null;
}

export const QUANTITY_HINT = "e.g. 250m, 1.5, 128Mi, 2Gi";
