"""Benchmark `ingest`: store 10,000 listings into PostgreSQL in one run (network excluded).

The listings are built in memory as the clients would return them (both platforms, a few
hundred sellers); the timed part is `services.listings.ingest` inside one transaction plus
the commit, on a freshly migrated database. A second pass with a share of changed prices
measures the steady-state case (known listings, price observations only for changes).

Prints the figures and writes backend/benchmarks/results/ingest.json with the keys
`listings`, `seconds`, `listings_per_second` (target: at least 5,000/s), plus the second pass.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from _common import scratch_postgres, write_result
from vinyldigger.core.database import create_engine, create_session_factory, unit_of_work
from vinyldigger.core.migrations import upgrade
from vinyldigger.services import listings as listing_service
from vinyldigger.services.marketplaces import dto
from vinyldigger.services.marketplaces.grades import Grade

GRADES = list(Grade)


def make_listings(count: int, seed: int, price_shift: float = 0.0) -> list[dto.Listing]:
    rng = random.Random(seed)
    sellers = [
        dto.SellerRef(username=f"seller{n}", rating=Decimal("99.1"), country="GB")
        for n in range(400)
    ]
    listings = []
    for number in range(count):
        platform = "discogs" if number % 2 else "ebay"
        price = Decimal(str(round(rng.uniform(3, 80) * (1 + price_shift * (number % 5 == 0)), 2)))
        listings.append(
            dto.Listing(
                platform=platform,
                listing_id=f"{platform[0]}{number}",
                release_id=100_000 + number % 3000 if platform == "discogs" else None,
                title=f"Artist {number % 900} - Album {number % 3000} LP",
                media_grade=GRADES[number % 5],
                price=dto.Money(amount=price, currency="GBP"),
                shipping=dto.Money(amount=Decimal("4.50"), currency="GBP") if number % 3 else None,
                seller=sellers[int(rng.paretovariate(1.2)) % len(sellers)],
                ships_from="GB",
                url=f"https://example.invalid/item/{number}",
            )
        )
    return listings


async def timed_ingest(url: str, listings: list[dto.Listing], at: datetime) -> tuple[float, int]:
    engine = create_engine(url)
    factory = create_session_factory(engine)
    try:
        started = time.perf_counter()
        async with unit_of_work(factory) as session:
            result = await listing_service.ingest(session, listings, seen_at=at)
        return time.perf_counter() - started, len(result.new) + len(result.price_changed)
    finally:
        await engine.dispose()


async def main(count: int) -> None:
    async with scratch_postgres(f"vinyldigger_bench_ingest_{os.getpid()}") as url:
        await asyncio.to_thread(upgrade, url)
        now = datetime.now(UTC)
        first = make_listings(count, seed=1)
        seconds, observed = await timed_ingest(url, first, now)
        again = make_listings(count, seed=1, price_shift=0.1)
        seconds_again, changed = await timed_ingest(url, again, now + timedelta(hours=1))
    figures = {
        "listings": count,
        "seconds": round(seconds, 3),
        "listings_per_second": round(count / seconds),
        "price_observations": observed,
        "second_pass_seconds": round(seconds_again, 3),
        "second_pass_listings_per_second": round(count / seconds_again),
        "second_pass_price_changes": changed,
    }
    for key, value in figures.items():
        print(f"{key:>34}: {value}")
    print("written to", write_result("ingest", figures))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 listings")
    arguments = parser.parse_args()
    asyncio.run(main(1_000 if arguments.quick else arguments.listings))
