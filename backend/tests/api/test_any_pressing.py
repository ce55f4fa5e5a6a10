"""The per-want "any pressing is fine" switch: stored, applied at once to the matches already
found, and the release view's offers naming the pressing each listing is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.test_releases import RELEASE_ID, Shop, me, open_shop
from tests.api.test_want_market import wants
from tests.services.test_price_history import offer
from vinyldigger.models import ListingMatch, User
from vinyldigger.services import listings as listing_service
from vinyldigger.services import master_versions
from vinyldigger.services.marketplaces import dto

REISSUE = 7601


async def shop_with_pressings(client: httpx.AsyncClient, session: AsyncSession) -> Shop:
    """The release shop (E1, E2 this pressing; E3 rejected), plus E4 that does not state its
    pressing and E5, a 2016 reissue of the same album."""
    shop = await open_shop(client, session)
    owner = await session.get(User, (await me(client, shop.owner))["id"])
    assert owner is not None
    ingested = await listing_service.ingest(
        session,
        [
            offer("ebay", "E4", "9.00", "USD", seller="ebay-4"),
            offer("ebay", "E5", "7.00", "USD", seller="ebay-5"),
        ],
        seen_at=shop.now - timedelta(hours=1),
    )
    shop.ids.update({external: i for (_p, external), i in ingested.ids.items()})
    for external, pressing, named in (("E4", "undetermined", None), ("E5", "other", REISSUE)):
        session.add(
            ListingMatch(
                user_id=owner.id,
                listing_id=shop.ids[external],
                release_id=RELEASE_ID,
                master_id=9000 + RELEASE_ID,
                score=0.9,
                method="fuzzy",
                confidence="high",
                evidence={},
                pressing=pressing,
                pressing_release_id=named,
                is_other_pressing=pressing == "other",
            )
        )
    await session.flush()
    await master_versions.claim_due(session, now=shop.now, limit=10, user_id=owner.id)
    await master_versions.store_versions(
        session,
        master_id=9000 + RELEASE_ID,
        versions=[
            dto.MasterVersion(
                release_id=REISSUE,
                title="Chelsea Girl",
                label="Verve",
                catno="V6-5032 RE",
                country="Europe",
                year=2016,
                formats=["LP", "Album", "Reissue", "180 Gram"],
                major_formats=["Vinyl"],
            )
        ],
        now=shop.now,
        max_age=timedelta(days=7),
    )
    return shop


async def set_switch(
    client: httpx.AsyncClient, headers: dict[str, str], want_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.patch(f"/api/v1/wants/{want_id}", headers=headers, json=body)
    assert response.status_code == 200, response.text
    changed: dict[str, Any] = response.json()
    return changed


async def offers_by_listing(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> dict[str, dict[str, Any]]:
    view = (await client.get(f"/api/v1/releases/{RELEASE_ID}", headers=headers)).json()
    return {o["listing"]["external_id"]: o["match"] for o in view["offers"] if o["match"]}


async def test_any_pressing_makes_an_unstated_pressing_wanted_and_never_another(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await shop_with_pressings(client, db_session)
    (want,) = await wants(client, shop.owner)
    assert want["any_pressing"] is None
    # D1, D2 (Discogs), E1 and E2 (this pressing); not E4 (pressing not stated) nor E5.
    assert want["market"]["for_sale"] == 4
    matches = await offers_by_listing(client, shop.owner)
    assert [matches[e]["wanted"] for e in ("E1", "E4", "E5")] == [True, False, False]

    changed = await set_switch(client, shop.owner, want["id"], {"any_pressing": True})
    assert changed["any_pressing"] is True
    (want,) = await wants(client, shop.owner)
    assert want["market"]["for_sale"] == 5
    matches = await offers_by_listing(client, shop.owner)
    assert [matches[e]["wanted"] for e in ("E1", "E4", "E5")] == [True, True, False]

    # Limits alone leave the switch as it is; null hands it back to the searches (none).
    kept = await set_switch(client, shop.owner, want["id"], {"max_price": "30.00"})
    assert kept["any_pressing"] is True and kept["max_price"] == "30.00"
    cleared = await set_switch(client, shop.owner, want["id"], {"any_pressing": None})
    assert cleared["any_pressing"] is None
    assert (await offers_by_listing(client, shop.owner))["E4"]["wanted"] is False

    # The user says E4 is this pressing: wanted, whatever the switch.
    decided = await client.post(
        f"/api/v1/matches/{matches['E4']['id']}/decision",
        headers=shop.owner,
        json={"verdict": "confirmed"},
    )
    assert decided.status_code == 200
    assert (decided.json()["verdict"], decided.json()["wanted"]) == ("same", True)


async def test_offers_name_the_matched_and_the_other_pressing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await shop_with_pressings(client, db_session)
    matches = await offers_by_listing(client, shop.owner)
    same, unstated, other = matches["E1"], matches["E4"], matches["E5"]
    assert same["verdict"] == "same" and unstated["verdict"] == "undetermined"
    assert same["pressing"] == {
        "release_id": RELEASE_ID,
        "title": "Chelsea Girl",
        "label": "Verve",
        "catno": "V6-5032",
        "year": 1967,
        "country": "US",
        "descriptions": ["Vinyl", "LP", "Album"],
    }
    assert same["named_pressing"] is None
    assert other["verdict"] == "other" and other["other_pressing"] is True
    named = other["named_pressing"]
    assert (named["release_id"], named["catno"], named["year"], named["country"]) == (
        REISSUE,
        "V6-5032 RE",
        2016,
        "Europe",
    )
    assert named["descriptions"] == ["Vinyl", "LP", "Album", "Reissue", "180 Gram"]


async def test_a_stranger_cannot_switch_anothers_want(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    shop = await shop_with_pressings(client, db_session)
    (want,) = await wants(client, shop.owner)
    response = await client.patch(
        f"/api/v1/wants/{want['id']}", headers=shop.stranger, json={"any_pressing": True}
    )
    assert response.status_code == 404
    invalid = await client.patch(
        f"/api/v1/wants/{want['id']}", headers=shop.owner, json={"any_pressing": "often"}
    )
    assert invalid.status_code == 422
