"""Marketplace and user objects in Discogs' JSON shapes: listings, sellers, wants, collection."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from vinyldigger_sandbox.catalog import Catalog
from vinyldigger_sandbox.clock import discogs_timestamp
from vinyldigger_sandbox.discogs_shapes import Links, basic_information, format_words, images
from vinyldigger_sandbox.fx import DISCOGS_CURRENCY_IDS, ExchangeRates, format_money
from vinyldigger_sandbox.grading import MEDIA_GRADES, SLEEVE_SPECIALS
from vinyldigger_sandbox.market import Listing
from vinyldigger_sandbox.sellers import Seller, shipping_text
from vinyldigger_sandbox.users import CollectionItem, SandboxUser, Want

MEDIA_FIELD_ID, SLEEVE_FIELD_ID, NOTES_FIELD_ID = 1, 2, 3


def money_json(amount: float, currency: str) -> dict[str, Any]:
    return {
        "curr_abbr": currency,
        "curr_id": DISCOGS_CURRENCY_IDS.get(currency, 0),
        "formatted": format_money(amount, currency),
        "value": amount,
    }


def seller_json(seller: Seller, links: Links) -> dict[str, Any]:
    return {
        "id": seller.id,
        "username": seller.discogs_username,
        "avatar_url": links.image("user", seller.id, 150),
        "stats": {
            "rating": f"{seller.rating:.1f}",
            "stars": seller.stars,
            "total": seller.rating_count,
        },
        "min_order_total": seller.shipping.min_order_total,
        "html_url": f"{links.web}/user/{seller.discogs_username}",
        "uid": seller.id,
        "url": f"{links.api}/users/{seller.discogs_username}",
        "payment": seller.payment,
        "shipping": shipping_text(seller),
        "resource_url": f"{links.api}/users/{seller.discogs_username}",
    }


def listing_json(
    catalog: Catalog,
    listing: Listing,
    seller: Seller,
    links: Links,
    *,
    status: str,
    price: float,
    currency: str,
    rates: ExchangeRates,
    step: int,
    user_stats: dict[str, int],
) -> dict[str, Any]:
    """One listing; `price` is in the seller's currency, shown converted to `currency`."""
    release = catalog.release(listing.release_index)
    master = catalog.masters[release.master_index]
    artist = catalog.artists[master.artist_index]
    label = catalog.labels[release.label_index]
    original = money_json(price, listing.currency)
    shown = price
    if currency != listing.currency:
        # Like Discogs, the converted price keeps every digit of the conversion.
        shown = rates.convert(price, listing.currency, currency, step)
        original["converted"] = money_json(round(shown, 2), currency)
    words = ", ".join(format_words(release))
    return {
        "id": listing.id,
        "resource_url": f"{links.api}/marketplace/listings/{listing.id}",
        "uri": f"{links.web}/sell/item/{listing.id}",
        "status": status,
        "condition": listing.condition,
        "sleeve_condition": listing.sleeve_condition,
        "comments": listing.comments,
        "ships_from": seller.ships_from,
        "posted": discogs_timestamp(listing.posted),
        "allow_offers": listing.allow_offers,
        "offer_submitted": False,
        "audio": False,
        "price": {"value": shown, "currency": currency},
        "original_price": original,
        "shipping_price": {},
        "original_shipping_price": {},
        "seller": seller_json(seller, links),
        "release": {
            "thumbnail": links.image("release", release.id, 150),
            "description": f"{artist.name} - {release.title} ({words})",
            "images": images("release", release.id, links, 1),
            "artist": artist.name,
            "format": words,
            "resource_url": f"{links.api}/releases/{release.id}",
            "title": release.title,
            "year": release.year,
            "id": release.id,
            "label": label.name,
            "catalog_number": release.catno,
            "stats": {
                "community": {"in_wantlist": release.want, "in_collection": release.have},
                "user": user_stats,
            },
        },
        "in_cart": False,
    }


def stats_json(count: int, lowest: float | None, currency: str) -> dict[str, Any]:
    if count == 0 or lowest is None:
        return {"lowest_price": None, "num_for_sale": None, "blocked_from_sale": False}
    return {
        "lowest_price": {"currency": currency, "value": lowest},
        "num_for_sale": count,
        "blocked_from_sale": False,
    }


def want_json(
    catalog: Catalog, user: SandboxUser, want: Want, links: Links, is_owner: bool
) -> dict[str, Any]:
    release = catalog.release(want.release_index)
    entry: dict[str, Any] = {
        "id": release.id,
        "resource_url": f"{links.api}/users/{user.username}/wants/{release.id}",
        "rating": want.rating,
        "date_added": discogs_timestamp(want.date_added),
        "basic_information": basic_information(catalog, release, links),
    }
    if is_owner:
        entry["notes"] = want.notes
    return entry


def collection_item_json(
    catalog: Catalog, item: CollectionItem, links: Links, is_owner: bool
) -> dict[str, Any]:
    release = catalog.release(item.release_index)
    notes = [
        {"field_id": MEDIA_FIELD_ID, "value": item.media_condition},
        {"field_id": SLEEVE_FIELD_ID, "value": item.sleeve_condition},
    ]
    # The free-text field is private; only its owner sees it.
    if is_owner and item.notes:
        notes.append({"field_id": NOTES_FIELD_ID, "value": item.notes})
    return {
        "id": release.id,
        "instance_id": item.instance_id,
        "date_added": discogs_timestamp(item.date_added),
        "rating": item.rating,
        "basic_information": basic_information(catalog, release, links),
        "folder_id": item.folder_id,
        "notes": notes,
    }


def collection_fields_json(is_owner: bool) -> dict[str, Any]:
    fields: list[dict[str, Any]] = [
        {
            "name": "Media",
            "options": list(MEDIA_GRADES),
            "id": MEDIA_FIELD_ID,
            "position": 1,
            "type": "dropdown",
            "public": True,
        },
        {
            "name": "Sleeve",
            "options": [*SLEEVE_SPECIALS, *MEDIA_GRADES],
            "id": SLEEVE_FIELD_ID,
            "position": 2,
            "type": "dropdown",
            "public": True,
        },
    ]
    if is_owner:
        fields.append(
            {
                "name": "Notes",
                "lines": 3,
                "id": NOTES_FIELD_ID,
                "position": 3,
                "type": "textarea",
                "public": False,
            }
        )
    return {"fields": fields}


def profile_json(
    username: str,
    user_id: int,
    links: Links,
    *,
    location: str,
    registered: datetime,
    num_wantlist: int,
    num_collection: int,
    num_for_sale: int,
    rating: float,
    rating_count: int,
    currency: str | None,
) -> dict[str, Any]:
    """`/users/{username}`; `currency` (curr_abbr) is only shown to the user themself."""
    profile: dict[str, Any] = {
        "id": user_id,
        "username": username,
        "resource_url": f"{links.api}/users/{username}",
        "uri": f"{links.web}/user/{username}",
        "name": "",
        "home_page": "",
        "location": location,
        "profile": "",
        "registered": discogs_timestamp(registered),
        "rank": 0.0,
        "num_pending": 0,
        "num_for_sale": num_for_sale,
        "num_lists": 0,
        "releases_contributed": 0,
        "releases_rated": 0,
        "rating_avg": 0.0,
        "inventory_url": f"{links.api}/users/{username}/inventory",
        "collection_folders_url": f"{links.api}/users/{username}/collection/folders",
        "collection_fields_url": f"{links.api}/users/{username}/collection/fields",
        "wantlist_url": f"{links.api}/users/{username}/wants",
        "avatar_url": links.image("user", user_id, 150),
        "banner_url": "",
        "buyer_rating": 100.0,
        "buyer_rating_stars": 5.0,
        "buyer_num_ratings": 0,
        "seller_rating": rating,
        "seller_rating_stars": round(rating / 20 * 2) / 2,
        "seller_num_ratings": rating_count,
        "num_wantlist": num_wantlist,
        "num_collection": num_collection,
    }
    if currency is not None:
        profile["curr_abbr"] = currency
    return profile


def registered_date(days_ago: int, now: datetime) -> datetime:
    return now - timedelta(days=days_ago)
