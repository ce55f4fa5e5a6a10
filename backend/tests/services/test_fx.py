"""ECB reference rates: parsing the published XML, fetching it from the sandbox, storing it,
and converting money through the euro."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import make_settings
from vinyldigger.core.config import Settings
from vinyldigger.core.context import AppContext
from vinyldigger.models import FxRate, FxRefreshState
from vinyldigger.services import fx as fx_service
from vinyldigger.services.fx import CurrencyConverter, UnknownCurrency
from vinyldigger.services.marketplaces.dto import Money
from vinyldigger.services.marketplaces.errors import InvalidResponse, UpstreamUnavailable
from vinyldigger.services.marketplaces.fx import EcbRatesClient, ReferenceRates, parse_ecb_rates
from vinyldigger.services.marketplaces.http import InvalidBody
from vinyldigger.services.marketplaces.ratelimit import MemoryUpstreamLimiter, UpstreamBudget
from vinyldigger.workers.jobs import PERIODIC_JOBS, run_job
from vinyldigger_sandbox.fx import BASE_RATES
from vinyldigger_sandbox.server import RunningSandbox, running_sandbox
from vinyldigger_sandbox.settings import DEFAULT_START_DATE, SandboxSettings

SAMPLE = Path(__file__).parent / "data" / "ecb_rates_two_days.xml"


def money(amount: str, currency: str) -> Money:
    return Money(amount=Decimal(amount), currency=currency)


@pytest.fixture(scope="module")
def fx_sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(SandboxSettings(size="small", seed=5)) as running:
        yield running


def sandbox_client_settings(tmp_path: Path, sandbox: RunningSandbox, **extra: object) -> Settings:
    values: dict[str, object] = {
        "VINYLDIGGER_FX_URL": sandbox.fx_url,
        "VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS": 12,
        "VINYLDIGGER_MARKETPLACE_RETRY_BASE_DELAY": 0.01,
        "VINYLDIGGER_MARKETPLACE_RETRY_MAX_DELAY": 0.05,
        "VINYLDIGGER_MARKETPLACE_READ_TIMEOUT": 5.0,
    }
    values.update(extra)
    return make_settings(tmp_path, **values)


def roomy_limiter() -> MemoryUpstreamLimiter:
    # The tests' own budget, so they neither wait for nor spend the process-wide ECB budget.
    return MemoryUpstreamLimiter(UpstreamBudget(key="ecb-test", limit=1000, window_seconds=60))


# -- parsing ----------------------------------------------------------------------------


def test_parses_every_day_of_a_sample_oldest_first() -> None:
    days = parse_ecb_rates(SAMPLE.read_bytes())
    assert [d.day for d in days] == [date(2024, 1, 2), date(2024, 1, 3)]
    latest = days[-1].rates
    assert latest["USD"] == Decimal("1.0919")
    assert latest["GBP"] == Decimal("0.86290")
    assert latest["IDR"] == Decimal("16956.94")
    assert set(latest) == {"USD", "JPY", "GBP", "CHF", "SEK", "IDR"}


def test_unreadable_entries_are_left_out_not_guessed() -> None:
    document = b"""<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
    xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <Cube><Cube time="2024-05-02">
    <Cube currency="USD" rate="1.0702"/>
    <Cube currency="GBP" rate="n/a"/>
    <Cube currency="CHF" rate="-1"/>
    <Cube currency="dollars" rate="1.2"/>
    <Cube currency="EUR" rate="2"/>
  </Cube></Cube>
</gesmes:Envelope>"""
    (day,) = parse_ecb_rates(document)
    assert day.rates == {"USD": Decimal("1.0702")}


@pytest.mark.parametrize(
    "document",
    [
        # Billion laughs: entities expanding into entities.
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Envelope>&lol2;</Envelope>',
        # An external entity reading a local file.
        b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<Envelope>&x;</Envelope>",
        # A bare DTD, which a rates file never has.
        b'<?xml version="1.0"?><!DOCTYPE Envelope><Envelope><Cube/></Envelope>',
    ],
)
def test_dtds_and_entities_are_refused(document: bytes) -> None:
    with pytest.raises(InvalidResponse):
        parse_ecb_rates(document)


def test_a_body_cut_short_is_retryable_and_an_empty_document_is_not() -> None:
    whole = SAMPLE.read_bytes()
    with pytest.raises(InvalidBody):
        parse_ecb_rates(whole[: len(whole) // 2])
    with pytest.raises(InvalidResponse):
        parse_ecb_rates(b"<Envelope><Cube></Cube></Envelope>")
    with pytest.raises(InvalidResponse):
        parse_ecb_rates(b"<html><body>Maintenance</body></html>")


# -- fetching from the sandbox ----------------------------------------------------------


async def test_fetches_the_sandbox_daily_file(fx_sandbox: RunningSandbox, tmp_path: Path) -> None:
    settings = sandbox_client_settings(tmp_path, fx_sandbox)
    async with EcbRatesClient.create(settings, limiter=roomy_limiter()) as client:
        days = await client.fetch()
        assert client.stats.calls == 1
    (day,) = days
    assert day.day == DEFAULT_START_DATE
    assert set(day.rates) == set(BASE_RATES)
    assert day.rates["USD"] == Decimal("1.0850")
    assert day.rates["JPY"] == Decimal("162.40")


async def test_fetch_retries_through_injected_faults(
    fx_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    control = f"{fx_sandbox.base_url}/sandbox/settings"
    faults = {"error_rate": 0.4, "truncate_rate": 0.2, "fault_seed": 3, "apply_to": ["fx"]}
    async with httpx.AsyncClient(timeout=30) as http:
        (await http.post(control, json={"faults": faults})).raise_for_status()
        try:
            settings = sandbox_client_settings(tmp_path, fx_sandbox)
            async with EcbRatesClient.create(settings, limiter=roomy_limiter()) as client:
                for _ in range(5):
                    (day,) = await client.fetch()
                    assert set(day.rates) == set(BASE_RATES)
                assert client.stats.retries > 0
                assert client.stats.server_errors + client.stats.invalid_bodies > 0
            few = sandbox_client_settings(
                tmp_path,
                fx_sandbox,
                VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS=1,
            )
            (await http.post(control, json={"faults": {"error_rate": 1.0}})).raise_for_status()
            async with EcbRatesClient.create(few, limiter=roomy_limiter()) as client:
                with pytest.raises(UpstreamUnavailable):
                    await client.fetch()
        finally:
            (await http.post(control, json={"faults": {}})).raise_for_status()


# -- conversion arithmetic ----------------------------------------------------------------

RATES = CurrencyConverter.from_rates(
    {"USD": Decimal("1.0850"), "GBP": Decimal("0.8520"), "JPY": Decimal("162.40")},
    date(2026, 6, 1),
)


def test_converts_through_the_euro_and_rounds_half_up_to_cents() -> None:
    assert RATES.convert(money("10", "USD"), "EUR") == money("9.22", "EUR")  # 9.2165...
    # 10 USD -> 9.2166 EUR -> 7.8525 GBP: one rounding at the end, not two.
    assert RATES.convert(money("10", "USD"), "GBP") == money("7.85", "GBP")
    assert RATES.convert(money("25", "GBP"), "USD") == money("31.84", "USD")  # 31.8368...
    # Exactly half a cent rounds up (1 EUR * 1.0850 = 1.085 USD).
    assert RATES.convert(money("1", "EUR"), "USD") == money("1.09", "USD")
    assert RATES.convert(money("1000", "JPY"), "EUR") == money("6.16", "EUR")  # 6.1576...
    assert RATES.rate("GBP", "USD") == Decimal("1.0850") / Decimal("0.8520")


def test_same_currency_needs_no_rates_and_lower_case_codes_are_accepted() -> None:
    empty = CurrencyConverter.from_rates({}, None)
    assert empty.convert(money("12.345", "CHF"), "chf") == money("12.35", "CHF")
    assert empty.knows("EUR") and not empty.knows("USD")


def test_an_unknown_currency_raises_instead_of_guessing() -> None:
    with pytest.raises(UnknownCurrency) as raised:
        RATES.convert(money("10", "SEK"), "EUR")
    assert raised.value.currency == "SEK"
    assert raised.value.status_code == 422
    with pytest.raises(UnknownCurrency):
        RATES.convert(money("10", "EUR"), "SEK")
    assert RATES.convert_or_none(money("10", "SEK"), "EUR") is None
    assert RATES.convert_or_none(None, "EUR") is None


# -- storing and loading ------------------------------------------------------------------


async def _rate_rows(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(FxRate)) or 0


async def test_refresh_upserts_and_the_converter_uses_the_latest_day(
    db_session: AsyncSession,
) -> None:
    assert (await fx_service.latest_converter(db_session)).as_of is None
    days = parse_ecb_rates(SAMPLE.read_bytes())
    assert await fx_service.refresh_rates(db_session, days) == 12
    assert await _rate_rows(db_session) == 12

    converter = await fx_service.latest_converter(db_session)
    assert converter.as_of == date(2024, 1, 3)
    assert converter.rates_per_euro["USD"] == Decimal("1.0919")
    assert converter.convert(money("100", "USD"), "GBP") == money("79.03", "GBP")  # 79.027...

    # The ECB corrects a published day now and then: the same day again replaces, not adds.
    fetched = datetime(2024, 1, 3, 16, 5, tzinfo=UTC)
    corrected = ReferenceRates(day=date(2024, 1, 3), rates={"USD": Decimal("1.0920")})
    assert await fx_service.refresh_rates(db_session, [corrected], fetched_at=fetched) == 1
    assert await _rate_rows(db_session) == 12
    row = await db_session.get(FxRate, (date(2024, 1, 3), "USD"))
    assert row is not None
    await db_session.refresh(row)
    assert row.rate == Decimal("1.092") and row.fetched_at == fetched
    assert await fx_service.refresh_rates(db_session, []) == 0


async def test_currencies_missing_from_the_latest_day_are_unknown(
    db_session: AsyncSession,
) -> None:
    await fx_service.refresh_rates(
        db_session,
        [
            ReferenceRates(
                day=date(2022, 3, 1), rates={"RUB": Decimal("117.2"), "USD": Decimal("1.1")}
            ),
            ReferenceRates(day=date(2022, 3, 2), rates={"USD": Decimal("1.1139")}),
        ],
    )
    converter = await fx_service.latest_converter(db_session)
    assert converter.as_of == date(2022, 3, 2)
    assert converter.knows("USD") and not converter.knows("RUB")


# -- the job ------------------------------------------------------------------------------


@pytest.fixture
async def fx_context(
    context: AppContext, fx_sandbox: RunningSandbox, tmp_path: Path
) -> AsyncIterator[AppContext]:
    original = context.settings
    context.settings = sandbox_client_settings(
        tmp_path,
        fx_sandbox,
        VINYLDIGGER_SECRET_KEY=original.secret_key,
        VINYLDIGGER_ENCRYPTION_KEYS=original.encryption_keys,
    )
    yield context
    context.settings = original


async def test_refresh_fx_job_stores_the_sandbox_rates(
    fx_context: AppContext, db_session: AsyncSession
) -> None:
    # The scheduler asks every minute; the state row decides whether a fetch is due.
    tick = next(job for job in PERIODIC_JOBS if job.name == "refresh-fx-when-due")
    assert tick.every_seconds == 60
    await run_job(fx_context, "refresh-fx-when-due")
    assert await _rate_rows(db_session) == len(BASE_RATES)
    state = await db_session.get(FxRefreshState, 1, populate_existing=True)
    assert state is not None and state.last_success_at is not None
    assert state.consecutive_failures == 0 and state.next_attempt_at is not None
    assert state.next_attempt_at - state.last_success_at == timedelta(hours=12)
    converter = await fx_service.latest_converter(db_session)
    assert converter.as_of == DEFAULT_START_DATE
    assert converter.convert(money("10.85", "USD"), "EUR") == money("10.00", "EUR")
