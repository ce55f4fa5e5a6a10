"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from vinyldigger.models.alert import (
    AlertDelivery,
    AlertEvent,
    AlertPreferences,
    AlertRule,
    MailServer,
    PushTarget,
)
from vinyldigger.models.base import Base
from vinyldigger.models.basket import BasketChoices, BasketPlan, BasketPurchase
from vinyldigger.models.catalog import Release
from vinyldigger.models.credential import DiscogsOAuthRequest, MarketplaceCredential
from vinyldigger.models.fx import FxRate, FxRefreshState
from vinyldigger.models.imports import ImportItem, ImportToken, ListingImport
from vinyldigger.models.job_run import JobRun, RunKind, RunStatus
from vinyldigger.models.library import CollectionItem, Want
from vinyldigger.models.listing import Listing, PriceObservation, Seller
from vinyldigger.models.master_version import MasterVersionList, MasterVersionRecord
from vinyldigger.models.search import SavedSearch
from vinyldigger.models.search_result import ListingMatch, SearchResult, TrackedSeller
from vinyldigger.models.seller_crawl import FollowedSeller, SellerCrawl
from vinyldigger.models.user import RefreshToken, User

__all__ = [
    "AlertDelivery",
    "AlertEvent",
    "AlertPreferences",
    "AlertRule",
    "Base",
    "BasketChoices",
    "BasketPlan",
    "BasketPurchase",
    "CollectionItem",
    "DiscogsOAuthRequest",
    "FollowedSeller",
    "FxRate",
    "FxRefreshState",
    "ImportItem",
    "ImportToken",
    "JobRun",
    "Listing",
    "ListingImport",
    "ListingMatch",
    "MailServer",
    "MarketplaceCredential",
    "MasterVersionList",
    "MasterVersionRecord",
    "PriceObservation",
    "PushTarget",
    "RefreshToken",
    "Release",
    "RunKind",
    "RunStatus",
    "SavedSearch",
    "SearchResult",
    "Seller",
    "SellerCrawl",
    "TrackedSeller",
    "User",
    "Want",
]
