"""eBay items in the Browse API's JSON shapes: item summaries and full items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from vinyldigger_sandbox.clock import ebay_timestamp
from vinyldigger_sandbox.ebay_items import EbayItem
from vinyldigger_sandbox.ebay_market import EbayMarket
from vinyldigger_sandbox.ebay_search import CONDITION_NAMES, Buyer, EbaySearch
from vinyldigger_sandbox.grading import GRADE_CODES
from vinyldigger_sandbox.sellers import Seller, shipping_region

SITE_OF_COUNTRY = {
    "US": "EBAY_US",
    "GB": "EBAY_GB",
    "DE": "EBAY_DE",
    "FR": "EBAY_FR",
    "IT": "EBAY_IT",
    "ES": "EBAY_ES",
    "NL": "EBAY_NL",
    "BE": "EBAY_BE",
    "CA": "EBAY_CA",
    "AU": "EBAY_AU",
    "CH": "EBAY_CH",
    "SE": "EBAY_DE",
    "JP": "EBAY_US",
}
_PARENT_CATEGORY = {"176985": ("11233", "Music"), "176984": ("11233", "Music")}


@dataclass(frozen=True, slots=True)
class EbayLinks:
    api: str
    web: str
    images: str


def amount(value: float, currency: str) -> dict[str, str]:
    return {"value": f"{value:.2f}", "currency": currency}


def _converted(value: float, original: float, source: str, target: str) -> dict[str, str]:
    shown = amount(value, target)
    if source != target:
        shown["convertedFromValue"] = f"{original:.2f}"
        shown["convertedFromCurrency"] = source
    return shown


def _postal_code(seller: Seller) -> str:
    digits = f"{(seller.id * 7919) % 1000:03d}"
    return f"{digits}**" if seller.country in ("US", "DE", "FR", "IT", "ES") else f"{digits[:2]}***"


class EbayRenderer:
    """Builds answers for one request: who is buying, from where, in which currency."""

    def __init__(self, market: EbayMarket, search: EbaySearch, buyer: Buyer, links: EbayLinks):
        self._market = market
        self._search = search
        self._buyer = buyer
        self._links = links

    def _money(self, value: float, item: EbayItem) -> dict[str, str]:
        shown = self._market_convert(value, item)
        return _converted(shown, value, item.currency, self._buyer.currency)

    def _market_convert(self, value: float, item: EbayItem) -> float:
        return self._market.convert(value, item.currency, self._buyer.currency)

    def _categories(self, item: EbayItem) -> list[dict[str, str]]:
        categories = [{"categoryId": item.category[0], "categoryName": item.category[1]}]
        parent = _PARENT_CATEGORY.get(item.category[0])
        if parent:
            categories.append({"categoryId": parent[0], "categoryName": parent[1]})
        return categories

    def _images(self, item: EbayItem) -> tuple[dict[str, str], list[dict[str, str]]]:
        base = f"{self._links.images}/ebay/{item.legacy_id}"
        extra = [{"imageUrl": f"{base}-{number}.svg"} for number in range(1, item.image_count)]
        return {"imageUrl": f"{base}-0.svg"}, extra

    def shipping_options(self, item: EbayItem, detailed: bool) -> list[dict[str, Any]] | None:
        """Shipping to the buyer's country; None when the seller does not ship there."""
        if item.shipping_calculated:
            return [{"shippingCostType": "CALCULATED"}]
        quote = self._market.shipping_cost(item, self._buyer.country)
        if quote is None:
            return None
        seller = self._market.seller(item)
        first, additional = quote
        if self._buyer.country == seller.country:
            days = (2, 5)
        elif shipping_region(self._buyer.country) == shipping_region(seller.country):
            days = (4, 10)
        else:
            days = (8, 21)
        now = self._market.clock_now
        option: dict[str, Any] = {
            "shippingCostType": "FIXED",
            "shippingCost": self._money(first, item),
            "minEstimatedDeliveryDate": ebay_timestamp(now + timedelta(days=days[0])),
            "maxEstimatedDeliveryDate": ebay_timestamp(now + timedelta(days=days[1])),
            "guaranteedDelivery": False,
        }
        if detailed:
            option.update(
                {
                    "shippingServiceCode": "Standard Shipping",
                    "type": "Standard",
                    "quantityUsedForEstimate": 1,
                    "additionalShippingCostPerUnit": self._money(additional, item),
                }
            )
        return [option]

    def summary(self, item: EbayItem) -> dict[str, Any]:
        seller = self._market.seller(item)
        image, additional = self._images(item)
        price = self._market.current_bid(item) if item.is_auction else self._market.price_of(item)
        legacy = str(item.legacy_id)
        summary: dict[str, Any] = {
            "itemId": item.item_id,
            "title": item.title,
            "leafCategoryIds": [item.category[0]],
            "categories": self._categories(item),
            "image": image,
            "price": self._money(price, item),
            "itemHref": f"{self._links.api}/buy/browse/v1/item/v1%7C{legacy}%7C0",
            "seller": {
                "username": seller.ebay_username,
                "feedbackPercentage": f"{seller.rating:.1f}",
                "feedbackScore": seller.rating_count,
            },
        }
        if item.discount_percent and not item.is_auction:
            original = price / (1 - item.discount_percent / 100)
            summary["marketingPrice"] = {
                "originalPrice": self._money(original, item),
                "discountPercentage": str(item.discount_percent),
                "discountAmount": self._money(original - price, item),
                "priceTreatment": "LIST_PRICE",
            }
        summary["condition"] = CONDITION_NAMES[item.condition_id]
        summary["conditionId"] = item.condition_id
        summary["thumbnailImages"] = [image]
        shipping = self.shipping_options(item, detailed=False)
        if shipping is not None:
            summary["shippingOptions"] = shipping
        summary["buyingOptions"] = self._search.buying_options(item)
        if item.is_auction and item.ends is not None:
            summary["currentBidPrice"] = self._money(price, item)
            summary["bidCount"] = self._market.bid_count(item)
            summary["itemEndDate"] = ebay_timestamp(item.ends)
        if item.epid:
            summary["epid"] = item.epid
        summary.update(
            {
                "itemAffiliateWebUrl": f"{self._links.web}/itm/{legacy}?mkcid=1&campid=sandbox",
                "itemWebUrl": f"{self._links.web}/itm/{legacy}",
                "itemLocation": {"postalCode": _postal_code(seller), "country": seller.country},
            }
        )
        if additional:
            summary["additionalImages"] = additional
        summary.update(
            {
                "adultOnly": False,
                "legacyItemId": legacy,
                "availableCoupons": self._market.coupon_percent(item) is not None,
                "itemCreationDate": ebay_timestamp(item.created),
                "topRatedBuyingExperience": item.top_rated,
                "priorityListing": item.top_rated,
                "listingMarketplaceId": SITE_OF_COUNTRY.get(seller.country, "EBAY_US"),
            }
        )
        return summary

    def detail(self, item: EbayItem, active: bool) -> dict[str, Any]:
        """getItem: the summary's facts plus shipping detail, grades and availability."""
        summary = self.summary(item)
        for key in ("leafCategoryIds", "categories", "thumbnailImages", "itemHref"):
            summary.pop(key, None)
        seller = self._market.seller(item)
        category, parent = item.category, _PARENT_CATEGORY.get(item.category[0])
        aspects = []
        if item.graded_specifics and item.media_grade:
            aspects.append({"type": "STRING", "name": "Record Grading", "value": item.media_grade})
        if item.graded_specifics and item.sleeve_grade:
            aspects.append({"type": "STRING", "name": "Sleeve Grading", "value": item.sleeve_grade})
        grades = "/".join(
            GRADE_CODES.get(g or "", "") for g in (item.media_grade, item.sleeve_grade)
        )
        detail = {
            **summary,
            "categoryPath": f"{parent[1]}|{category[1]}" if parent else category[1],
            "categoryIdPath": f"{parent[0]}|{category[0]}" if parent else category[0],
            "categoryId": category[0],
            "conditionDescription": f"Graded {grades}" if item.media_grade else "",
            "shortDescription": item.title,
            "description": f"<p>{item.title}</p>",
            "localizedAspects": aspects,
            "estimatedAvailabilities": [
                {
                    "deliveryOptions": ["SHIP_TO_HOME"],
                    "estimatedAvailabilityStatus": "IN_STOCK" if active else "OUT_OF_STOCK",
                    "estimatedAvailableQuantity": 1 if active else 0,
                    "estimatedSoldQuantity": 0 if active else 1,
                }
            ],
            "shipToLocations": self._ship_to(seller),
            "returnTerms": {"returnsAccepted": seller.is_shop},
            "enabledForGuestCheckout": True,
            "eligibleForInlineCheckout": False,
            "lotSize": 0,
        }
        coupons = self._coupons(item)
        if coupons:
            detail["availableCoupons"] = coupons
        else:
            # getItem leaves the field out when there is no coupon; in search it is a flag.
            detail.pop("availableCoupons", None)
        shipping = self.shipping_options(item, detailed=True)
        if shipping is not None:
            detail["shippingOptions"] = shipping
        if item.gtin:
            detail["gtin"] = item.gtin
        if not active:
            detail["itemEndDate"] = ebay_timestamp(self._market.clock_now)
        return detail

    def _coupons(self, item: EbayItem) -> list[dict[str, Any]]:
        """getItem's `availableCoupons`: a list of AvailableCoupon objects."""
        percent = self._market.coupon_percent(item)
        if percent is None:
            return []
        price = self._market.price_of(item)
        seller = self._market.seller(item)
        code = f"{seller.ebay_username[:6].upper()}{percent}"
        return [
            {
                "discountType": "ITEM_PRICE",
                "discountAmount": self._money(round(price * percent / 100, 2), item),
                "message": f"Save {percent}% with code {code}",
                "redemptionCode": code,
                "constraint": {
                    "expirationDate": ebay_timestamp(self._market.clock_now + timedelta(days=14))
                },
                "termsWebUrl": f"{self._links.web}/coupon-terms/{code}",
            }
        ]

    @staticmethod
    def _ship_to(seller: Seller) -> dict[str, Any]:
        policy = seller.shipping
        if policy.worldwide is not None:
            included = [
                {"regionName": "Worldwide", "regionType": "WORLDWIDE", "regionId": "WORLDWIDE"}
            ]
        elif policy.region is not None:
            region = shipping_region(seller.country)
            included = [
                {
                    "regionName": region,
                    "regionType": "WORLD_REGION",
                    "regionId": region.upper().replace(" ", "_"),
                }
            ]
        else:
            included = [
                {
                    "regionName": seller.ships_from,
                    "regionType": "COUNTRY",
                    "regionId": seller.country,
                }
            ]
        return {"regionIncluded": included, "regionExcluded": []}
