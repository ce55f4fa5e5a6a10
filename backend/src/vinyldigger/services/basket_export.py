"""A plan as a CSV file: one row per item, grouped by parcel, in the plan's currency."""

from __future__ import annotations

import csv
import io

from vinyldigger.services.basket_view import PlanView

COLUMNS = [
    "parcel",
    "seller",
    "marketplace",
    "seller_store",
    "release",
    "listing_title",
    "media_grade",
    "sleeve_grade",
    "price",
    "currency",
    "listing_url",
    "bought",
]
# A cell a spreadsheet would read as a formula (titles are seller-written text).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def plan_csv(view: PlanView) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number, parcel in enumerate(view.parcels, start=1):
        for item in parcel.items:
            writer.writerow(
                [
                    _cell(value)
                    for value in (
                        number,
                        parcel.seller,
                        parcel.platform,
                        parcel.seller_url,
                        item.release,
                        item.title,
                        item.media_grade,
                        item.sleeve_grade,
                        item.price.amount,
                        item.price.currency,
                        item.url,
                        "yes" if item.bought else "no",
                    )
                ]
            )
    return out.getvalue()


def csv_filename(view: PlanView) -> str:
    return f"basket-plan-{view.id}.csv"
