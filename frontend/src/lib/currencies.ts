/** Currencies offered for displaying prices; the backend converts with stored FX rates. */
export const CURRENCIES = [
  { value: "EUR", label: "EUR – Euro" },
  { value: "USD", label: "USD – US dollar" },
  { value: "GBP", label: "GBP – Pound sterling" },
  { value: "CAD", label: "CAD – Canadian dollar" },
  { value: "AUD", label: "AUD – Australian dollar" },
  { value: "NZD", label: "NZD – New Zealand dollar" },
  { value: "JPY", label: "JPY – Japanese yen" },
  { value: "CHF", label: "CHF – Swiss franc" },
  { value: "SEK", label: "SEK – Swedish krona" },
  { value: "NOK", label: "NOK – Norwegian krone" },
  { value: "DKK", label: "DKK – Danish krone" },
  { value: "PLN", label: "PLN – Polish złoty" },
  { value: "CZK", label: "CZK – Czech koruna" },
  { value: "HUF", label: "HUF – Hungarian forint" },
  { value: "BRL", label: "BRL – Brazilian real" },
  { value: "MXN", label: "MXN – Mexican peso" },
] as const;

/** The list above, plus the user's current currency if it is not among them. */
export function currencyOptions(current: string): readonly { value: string; label: string }[] {
  return CURRENCIES.some((currency) => currency.value === current) ? CURRENCIES : [...CURRENCIES, { value: current, label: current }];
}
