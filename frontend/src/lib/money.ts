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

interface Amount {
  amount: string;
  currency: string;
}

/** What every money-carrying list item says about its total in the user's currency. */
export interface Converted {
  converted_total: Amount | null;
  converted_missing: { reason: string; currency: string } | null;
  shipping_known: boolean;
}

/**
 * "≈ €27.19 delivered"; "≈ €27.19 + shipping unknown" when the listing does not state its
 * shipping; "No exchange rate for JPY" when its currency cannot be converted.
 */
export function deliveredText(item: Converted): string {
  const total = item.converted_total;
  if (total === null) return item.converted_missing ? `No exchange rate for ${item.converted_missing.currency}` : "No exchange rate";
  // No-break spaces keep "≈ €27.19" and "+ shipping" together when a narrow column wraps.
  const amount = `≈\u00a0${formatMoney(total.amount, total.currency)}`;
  return item.shipping_known ? `${amount} delivered` : `${amount} +\u00a0shipping unknown`;
}

/** "$12.50 + $5.00 shipping", "$12.50, free shipping" or "$12.50, shipping unknown". */
export function listedText(price: Amount, shipping: Amount | null): string {
  const listed = formatMoney(price.amount, price.currency);
  if (shipping === null) return `${listed}, shipping unknown`;
  if (Number(shipping.amount) === 0) return `${listed}, free shipping`;
  return `${listed} + ${formatMoney(shipping.amount, shipping.currency)} shipping`;
}
