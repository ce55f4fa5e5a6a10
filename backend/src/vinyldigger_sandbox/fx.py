"""Exchange rates that drift with the world steps, and the ECB daily XML that publishes them."""

from __future__ import annotations

import math
from datetime import date

from vinyldigger_sandbox.rng import derive_rng

# Euro-based reference rates the walk starts from (units of currency per 1 EUR).
BASE_RATES: dict[str, float] = {
    "USD": 1.0850,
    "JPY": 162.40,
    "BGN": 1.9558,
    "CZK": 25.120,
    "DKK": 7.4590,
    "GBP": 0.8520,
    "HUF": 395.20,
    "PLN": 4.3150,
    "RON": 4.9750,
    "SEK": 11.320,
    "CHF": 0.9540,
    "ISK": 149.90,
    "NOK": 11.610,
    "TRY": 35.120,
    "AUD": 1.6490,
    "BRL": 5.9140,
    "CAD": 1.4730,
    "CNY": 7.8420,
    "HKD": 8.4810,
    "IDR": 17452.0,
    "ILS": 4.0120,
    "INR": 90.410,
    "KRW": 1479.5,
    "MXN": 19.480,
    "MYR": 5.0910,
    "NZD": 1.8020,
    "PHP": 62.310,
    "SGD": 1.4610,
    "THB": 39.120,
    "ZAR": 20.110,
}

# Discogs numbers its marketplace currencies; USD=1 and EUR=3 are seen in real listings.
DISCOGS_CURRENCY_IDS: dict[str, int] = {
    "USD": 1,
    "GBP": 2,
    "EUR": 3,
    "CAD": 4,
    "AUD": 5,
    "JPY": 6,
    "CHF": 7,
    "MXN": 8,
    "BRL": 9,
    "NZD": 10,
    "SEK": 11,
    "ZAR": 12,
}

_SYMBOLS = {
    "USD": "$",
    "GBP": "£",
    "EUR": "€",
    "JPY": "¥",
    "CAD": "CA$",
    "AUD": "A$",
    "CHF": "CHF ",
    "MXN": "MX$",
    "BRL": "R$",
    "NZD": "NZ$",
    "SEK": "SEK ",
    "ZAR": "ZAR ",
}

# Daily log-volatility of the random walk; about what major pairs move.
_DAILY_VOLATILITY = 0.004


class ExchangeRates:
    """Rates per world step. Step n's rates depend only on the seed and steps 1..n."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._by_step: list[dict[str, float]] = [dict(BASE_RATES)]

    def rates(self, step: int) -> dict[str, float]:
        while len(self._by_step) <= step:
            next_step = len(self._by_step)
            rng = derive_rng(self._seed, "fx", next_step)
            previous = self._by_step[-1]
            self._by_step.append(
                {
                    currency: rate * math.exp(rng.gauss(0.0, _DAILY_VOLATILITY))
                    for currency, rate in sorted(previous.items())
                }
            )
        return self._by_step[step]

    def convert(self, amount: float, source: str, target: str, step: int) -> float:
        if source == target:
            return amount
        rates = self.rates(step)
        euros = amount if source == "EUR" else amount / rates[source]
        return euros if target == "EUR" else euros * rates[target]


def usd_to_local(amount: float, currency: str) -> float:
    """USD to another currency at the base rates (prices are set before time starts)."""
    euros = amount / BASE_RATES["USD"]
    return euros if currency == "EUR" else euros * BASE_RATES[currency]


def format_money(amount: float, currency: str) -> str:
    """Money the way Discogs formats it in `original_price.formatted`."""
    symbol = _SYMBOLS.get(currency, currency + " ")
    if currency == "JPY":
        return f"{symbol}{round(amount):,}"
    return f"{symbol}{amount:,.2f}"


def round_to_currency(amount: float, currency: str) -> float:
    return float(round(amount)) if currency == "JPY" else round(amount, 2)


def ecb_daily_xml(rates: dict[str, float], day: date) -> str:
    """The ECB `eurofxref-daily.xml` document for one day."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" '
        'xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">',
        "\t<gesmes:subject>Reference rates</gesmes:subject>",
        "\t<gesmes:Sender>",
        "\t\t<gesmes:name>European Central Bank</gesmes:name>",
        "\t</gesmes:Sender>",
        "\t<Cube>",
        f"\t\t<Cube time='{day.isoformat()}'>",
    ]
    for currency in BASE_RATES:
        rate = rates[currency]
        digits = 4 if rate < 100 else 2
        lines.append(f"\t\t\t<Cube currency='{currency}' rate='{rate:.{digits}f}'/>")
    lines += ["\t\t</Cube>", "\t</Cube>", "</gesmes:Envelope>", ""]
    return "\n".join(lines)
