const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat | null {
  const cached = formatters.get(currency);
  if (cached !== undefined) return cached;
  try {
    const formatter = new Intl.NumberFormat(undefined, { style: "currency", currency });
    formatters.set(currency, formatter);
    return formatter;
  } catch {
    // Not an ISO 4217 code the browser knows: the amount is shown with the code after it.
    return null;
  }
}

/** "€12.50" from the API's decimal string (or a number) and an ISO currency code. */
export function formatMoney(amount: string | number, currency: string): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return `${String(amount)} ${currency}`;
  return formatterFor(currency)?.format(value) ?? `${value.toFixed(2)} ${currency}`;
}

/** Adds decimal amounts in cents so that 0.1 + 0.2 stays 0.30. */
export function addAmounts(...amounts: (string | number)[]): number {
  return amounts.reduce<number>((sum, amount) => sum + Math.round(Number(amount) * 100), 0) / 100;
}

/** "12%" for 0.12. */
export function formatPercent(fraction: number): string {
  return new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: fraction > 0 && fraction < 0.01 ? 1 : 0 }).format(fraction);
}
