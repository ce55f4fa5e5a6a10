"""SQLAlchemy models; importing this package registers every table on Base.metadata."""

from vinyldigger.models.base import Base
from vinyldigger.models.credential import MarketplaceCredential
from vinyldigger.models.user import RefreshToken, User

__all__ = ["Base", "MarketplaceCredential", "RefreshToken", "User"]
