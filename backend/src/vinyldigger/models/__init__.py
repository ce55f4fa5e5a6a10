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
from vinyldigger.models.basket import BasketPlan
from vinyldigger.models.catalog import Release
from vinyldigger.models.credential import DiscogsOAuthRequest, MarketplaceCredential
from vinyldigger.models.fx import FxRate, FxRefreshState
from vinyldigger.models.job_run import JobRun, RunKind, RunStatus
from vinyldigger.models.library import CollectionItem, Want
from vinyldigger.models.listing import Listing, PriceObservation, Seller
from vinyldigger.models.search import SavedSearch
from vinyldigger.models.search_result import ListingMatch, SearchResult, TrackedSeller
from vinyldigger.models.user import RefreshToken, User

__all__ = [
    "AlertDelivery",
    "AlertEvent",
    "AlertPreferences",
    "AlertRule",
    "Base",
    "BasketPlan",
    "CollectionItem",
    "DiscogsOAuthRequest",
    "FxRate",
    "FxRefreshState",
    "JobRun",
    "Listing",
    "ListingMatch",
    "MailServer",
    "MarketplaceCredential",
    "PriceObservation",
    "PushTarget",
    "RefreshToken",
    "Release",
    "RunKind",
    "RunStatus",
    "SavedSearch",
    "SearchResult",
    "Seller",
    "TrackedSeller",
    "User",
    "Want",
]
