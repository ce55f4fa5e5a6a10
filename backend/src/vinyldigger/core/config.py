"""Settings from the environment, and the two ways VinylDigger runs (embedded, distributed)."""

from __future__ import annotations

import json
import os
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from cryptography.fernet import Fernet
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values that ship in examples and must never protect a real instance.
PLACEHOLDER_MARKERS = ("change-me", "changeme", "placeholder", "example", "secret-key")
MIN_SECRET_LENGTH = 32
SECRETS_FILE_NAME = "secrets.json"


LogFormat = Literal["console", "json"]


class RunMode(StrEnum):
    EMBEDDED = "embedded"
    DISTRIBUTED = "distributed"


class ConfigurationError(RuntimeError):
    """The settings cannot run this instance safely; the message says which setting to fix."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("data"), alias="VINYLDIGGER_DATA_DIR")
    host: str = Field(default="127.0.0.1", alias="VINYLDIGGER_HOST")
    port: int = Field(default=8000, alias="VINYLDIGGER_PORT", ge=1, le=65535)
    web_dir: Path | None = Field(default=None, alias="VINYLDIGGER_WEB_DIR")

    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, alias="REDIS_URL")

    secret_key: SecretStr | None = Field(default=None, alias="VINYLDIGGER_SECRET_KEY")
    # Comma-separated Fernet-style key material, newest first; older entries still decrypt.
    encryption_keys: SecretStr | None = Field(default=None, alias="VINYLDIGGER_ENCRYPTION_KEYS")

    access_token_minutes: int = Field(default=15, alias="VINYLDIGGER_ACCESS_TOKEN_MINUTES", ge=1)
    refresh_token_days: int = Field(default=30, alias="VINYLDIGGER_REFRESH_TOKEN_DAYS", ge=1)

    # Wrong current passwords on the profile a minute.
    login_failures_per_minute: int = Field(default=5, alias="VINYLDIGGER_LOGIN_FAILURES_PER_MINUTE")
    # Logins slow one (account, address) pair, never the whole account: after this many wrong
    # passwords each further one doubles the wait, from 1 s up to the cap.
    login_failures_before_delay: int = Field(
        default=5, alias="VINYLDIGGER_LOGIN_FAILURES_BEFORE_DELAY", ge=1
    )
    login_max_delay_seconds: int = Field(
        default=900, alias="VINYLDIGGER_LOGIN_MAX_DELAY", ge=1, le=86_400
    )
    # Wrong passwords an account takes from all addresses in an hour before only browsers that
    # signed in to it before may still try (a distributed guess cannot lock out the owner).
    login_account_failures_per_hour: int = Field(
        default=50, alias="VINYLDIGGER_LOGIN_ACCOUNT_FAILURES_PER_HOUR", ge=1
    )
    auth_requests_per_minute_per_ip: int = Field(default=30, alias="VINYLDIGGER_AUTH_RATE_PER_IP")
    registrations_per_hour_per_ip: int = Field(
        default=20, alias="VINYLDIGGER_REGISTRATIONS_PER_HOUR"
    )

    # Secure flag of the session cookies; unset: set exactly when the request came over https
    # (plain http://127.0.0.1 in development keeps working).
    cookie_secure: bool | None = Field(default=None, alias="VINYLDIGGER_COOKIE_SECURE")

    # Proxies whose X-Forwarded-For names the client (addresses or networks, comma-separated).
    trusted_proxies: str = Field(default="", alias="VINYLDIGGER_TRUSTED_PROXIES")

    # Larger request bodies answer 413; no endpoint takes more than a small JSON document.
    max_body_bytes: int = Field(
        default=256 * 1024, alias="VINYLDIGGER_MAX_BODY_BYTES", ge=1024, le=64 * 1024 * 1024
    )

    # How far one search run reads: pages per eBay query, Discogs inventories and their pages.
    search_max_pages: int = Field(default=2, alias="VINYLDIGGER_SEARCH_MAX_PAGES", ge=1, le=50)
    search_page_size: int = Field(default=50, alias="VINYLDIGGER_SEARCH_PAGE_SIZE", ge=1, le=200)
    search_max_sellers: int = Field(default=25, alias="VINYLDIGGER_SEARCH_MAX_SELLERS", ge=0)
    # Wanted releases whose Discogs summary (lowest price, copies for sale) a run refreshes,
    # least recently checked first: one call each, so the budget decides the number.
    search_release_summaries: int = Field(
        default=30, alias="VINYLDIGGER_SEARCH_RELEASE_SUMMARIES", ge=0
    )
    inventory_max_pages: int = Field(default=3, alias="VINYLDIGGER_INVENTORY_MAX_PAGES", ge=1)

    # The shared crawl of followed sellers' Discogs inventories (services/seller_crawl.py).
    # Discogs calls one tick of the crawl may make at most (a tick every 120 s).
    seller_crawl_calls_per_tick: int = Field(
        default=30, alias="VINYLDIGGER_SELLER_CRAWL_CALLS_PER_TICK", ge=0, le=1000
    )
    # The crawl stops for the tick once this share of the Discogs budget is in use, leaving the
    # rest to what users are waiting for (syncs, search runs).
    seller_crawl_budget_share: float = Field(
        default=0.5, alias="VINYLDIGGER_SELLER_CRAWL_BUDGET_SHARE", gt=0, le=1
    )
    # A seller's newest listings are read again at most this often.
    seller_crawl_interval_minutes: int = Field(
        default=60, alias="VINYLDIGGER_SELLER_CRAWL_INTERVAL_MINUTES", ge=1
    )
    # How often the whole inventory is read to find what was sold or withdrawn.
    seller_full_pass_hours: int = Field(
        default=24, alias="VINYLDIGGER_SELLER_FULL_PASS_HOURS", ge=1
    )
    # Search runs read a seller's stored inventory instead of fetching it when the last crawl
    # is at most this old.
    seller_crawl_fresh_minutes: int = Field(
        default=180, alias="VINYLDIGGER_SELLER_CRAWL_FRESH_MINUTES", ge=1
    )
    # How many Discogs sellers one user may follow.
    followed_sellers_max: int = Field(
        default=500, alias="VINYLDIGGER_FOLLOWED_SELLERS_MAX", ge=1, le=100_000
    )
    # The browser companion's imports: ids one request may carry, ids a user may have waiting,
    # and listings the read-imports job reads per pass (every 30 s) within the Discogs budget.
    import_max_ids: int = Field(default=500, alias="VINYLDIGGER_IMPORT_MAX_IDS", ge=1, le=5000)
    import_max_pending: int = Field(
        default=20_000, alias="VINYLDIGGER_IMPORT_MAX_PENDING", ge=1, le=1_000_000
    )
    import_read_batch: int = Field(
        default=25, alias="VINYLDIGGER_IMPORT_READ_BATCH", ge=1, le=10_000
    )
    # Origins allowed to call the import endpoint from a browser (comma-separated, e.g.
    # "chrome-extension://abcdef…"); empty allows any chrome-extension:// or moz-extension://
    # origin. No other endpoint answers cross-origin requests.
    import_origins: str = Field(default="", alias="VINYLDIGGER_IMPORT_ORIGINS")

    log_level: str = Field(default="INFO", alias="VINYLDIGGER_LOG_LEVEL")
    # "console": one readable line per event (a terminal); "json": one JSON object per line
    # (production, log collectors).
    log_format: LogFormat = Field(default="console", alias="VINYLDIGGER_LOG_FORMAT")

    # Upstream marketplaces: every base URL is a setting so the same clients talk to the sandbox.
    discogs_base_url: str = Field(
        default="https://api.discogs.com", alias="VINYLDIGGER_DISCOGS_BASE_URL"
    )
    discogs_web_url: str = Field(
        default="https://www.discogs.com", alias="VINYLDIGGER_DISCOGS_WEB_URL"
    )
    discogs_user_agent: str = Field(
        default="VinylDigger/0.1 +https://github.com/vinyldigger",
        alias="VINYLDIGGER_DISCOGS_USER_AGENT",
    )
    discogs_consumer_key: SecretStr | None = Field(
        default=None, alias="VINYLDIGGER_DISCOGS_CONSUMER_KEY"
    )
    discogs_consumer_secret: SecretStr | None = Field(
        default=None, alias="VINYLDIGGER_DISCOGS_CONSUMER_SECRET"
    )
    discogs_rate_limit_per_minute: int = Field(
        default=60, alias="VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE", ge=1
    )
    # The share of each window background work (master version lists) may use; the rest is
    # left to syncs and searches, which go first whenever they need it.
    discogs_background_share: float = Field(
        default=0.5, alias="VINYLDIGGER_DISCOGS_BACKGROUND_SHARE", gt=0, le=1
    )
    # A master's version list is fetched again when it is older than this.
    master_versions_max_age_days: int = Field(
        default=7, alias="VINYLDIGGER_MASTER_VERSIONS_MAX_AGE_DAYS", ge=1
    )
    # Masters one fetch job reads before it queues the next batch (a call per 100 versions).
    master_versions_batch: int = Field(default=200, alias="VINYLDIGGER_MASTER_VERSIONS_BATCH", ge=1)
    # Discogs counts over a moving 60 s window; the sandbox can be told a shorter one.
    discogs_rate_window_seconds: float = Field(
        default=60.0, alias="VINYLDIGGER_DISCOGS_RATE_WINDOW_SECONDS", gt=0
    )
    ebay_base_url: str = Field(default="https://api.ebay.com", alias="VINYLDIGGER_EBAY_BASE_URL")
    # Host of the OAuth token endpoint (/identity/v1/oauth2/token).
    ebay_auth_url: str = Field(default="https://api.ebay.com", alias="VINYLDIGGER_EBAY_AUTH_URL")
    ebay_calls_per_day: int = Field(default=5_000, alias="VINYLDIGGER_EBAY_CALLS_PER_DAY", ge=1)
    # ECB euro reference rates (daily XML); the sandbox serves the same document.
    fx_url: str = Field(
        default="https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
        alias="VINYLDIGGER_FX_URL",
    )
    marketplace_connect_timeout_seconds: float = Field(
        default=5.0, alias="VINYLDIGGER_MARKETPLACE_CONNECT_TIMEOUT", gt=0
    )
    marketplace_read_timeout_seconds: float = Field(
        default=30.0, alias="VINYLDIGGER_MARKETPLACE_READ_TIMEOUT", gt=0
    )
    marketplace_retry_attempts: int = Field(
        default=5, alias="VINYLDIGGER_MARKETPLACE_RETRY_ATTEMPTS", ge=1
    )
    marketplace_retry_base_delay_seconds: float = Field(
        default=0.5, alias="VINYLDIGGER_MARKETPLACE_RETRY_BASE_DELAY", ge=0
    )
    marketplace_retry_max_delay_seconds: float = Field(
        default=30.0, alias="VINYLDIGGER_MARKETPLACE_RETRY_MAX_DELAY", ge=0
    )
    # Longest a call waits for upstream budget before raising RateLimited so the job can pause.
    marketplace_max_wait_seconds: float = Field(
        default=120.0, alias="VINYLDIGGER_MARKETPLACE_MAX_WAIT", ge=0
    )

    # Where users open the app: links in e-mails (listings, the signed unsubscribe link).
    public_url: str = Field(default="http://127.0.0.1:8000", alias="VINYLDIGGER_PUBLIC_URL")
    # Outgoing mail for alerts. When VINYLDIGGER_SMTP_HOST is set, these settings win over
    # the ones saved in Admin (which then shows them read-only).
    smtp_host: str | None = Field(default=None, alias="VINYLDIGGER_SMTP_HOST")
    smtp_port: int = Field(default=587, alias="VINYLDIGGER_SMTP_PORT", ge=1, le=65535)
    smtp_username: str | None = Field(default=None, alias="VINYLDIGGER_SMTP_USERNAME")
    smtp_password: SecretStr | None = Field(default=None, alias="VINYLDIGGER_SMTP_PASSWORD")
    smtp_from: str | None = Field(default=None, alias="VINYLDIGGER_SMTP_FROM")
    # Upgrade the connection with STARTTLS; port 465 always connects over TLS instead, and
    # false with another port sends in the clear (a local relay).
    smtp_starttls: bool = Field(default=True, alias="VINYLDIGGER_SMTP_STARTTLS")
    smtp_timeout_seconds: float = Field(default=20.0, alias="VINYLDIGGER_SMTP_TIMEOUT", gt=0)
    # Instant alerts one user receives per hour on each channel; the rest wait for the next
    # hourly digest.
    alert_hourly_cap: int = Field(default=20, alias="VINYLDIGGER_ALERT_HOURLY_CAP", ge=1)
    # Sending attempts of one delivery before it is logged as failed; waits double from the
    # base delay between them.
    alert_max_attempts: int = Field(default=5, alias="VINYLDIGGER_ALERT_MAX_ATTEMPTS", ge=1)
    alert_retry_base_seconds: float = Field(
        default=30.0, alias="VINYLDIGGER_ALERT_RETRY_BASE_SECONDS", ge=0
    )
    # A delivery claimed this long ago and never finished was cut off mid-send.
    alert_send_lease_seconds: int = Field(
        default=300, alias="VINYLDIGGER_ALERT_SEND_LEASE_SECONDS", ge=10
    )

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_case_format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str | None) -> str | None:
        """Accept plain postgres URLs and give them the asyncpg driver the app needs."""
        if not value:
            return None
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+asyncpg://" + value[len(prefix) :]
        return value

    @property
    def mode(self) -> RunMode:
        if self.database_url and self.redis_url:
            return RunMode.DISTRIBUTED
        return RunMode.EMBEDDED

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'vinyldigger.db').resolve()}"

    @property
    def jwt_secret(self) -> str:
        if self.secret_key is None:
            raise ConfigurationError("VINYLDIGGER_SECRET_KEY is not set")
        return self.secret_key.get_secret_value()

    @property
    def encryption_key_list(self) -> list[str]:
        if self.encryption_keys is None:
            raise ConfigurationError("VINYLDIGGER_ENCRYPTION_KEYS is not set")
        keys = [k.strip() for k in self.encryption_keys.get_secret_value().split(",")]
        return [k for k in keys if k]


def _is_placeholder(value: str) -> bool:
    lowered = value.lower()
    return len(value) < MIN_SECRET_LENGTH or any(m in lowered for m in PLACEHOLDER_MARKERS)


def validate_distributed_secrets(settings: Settings) -> None:
    """Distributed instances serve many users: refuse to start on missing or example secrets."""
    problems: list[str] = []
    if settings.secret_key is None or _is_placeholder(settings.secret_key.get_secret_value()):
        problems.append("VINYLDIGGER_SECRET_KEY must be set to a random value of 32+ characters")
    if settings.encryption_keys is None:
        problems.append("VINYLDIGGER_ENCRYPTION_KEYS must be set (see .env.example)")
    else:
        for index, key in enumerate(settings.encryption_key_list):
            if _is_placeholder(key):
                problems.append(f"VINYLDIGGER_ENCRYPTION_KEYS entry {index + 1} is a placeholder")
    if (
        settings.secret_key is not None
        and settings.encryption_keys is not None
        and settings.secret_key.get_secret_value() in settings.encryption_key_list
    ):
        problems.append("the encryption key material must differ from VINYLDIGGER_SECRET_KEY")
    if problems:
        raise ConfigurationError("; ".join(problems))


def ensure_embedded_secrets(settings: Settings) -> Settings:
    """Embedded mode needs no settings: generate the keys once and keep them in the data dir."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / SECRETS_FILE_NAME
    stored: dict[str, Any] = {}
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    if "secret_key" not in stored:
        stored["secret_key"] = secrets.token_urlsafe(48)
        changed = True
    if "encryption_keys" not in stored:
        stored["encryption_keys"] = [Fernet.generate_key().decode()]
        changed = True
    if changed:
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(stored, handle)
        tmp.replace(path)
    updates: dict[str, Any] = {}
    if settings.secret_key is None:
        updates["secret_key"] = SecretStr(stored["secret_key"])
    if settings.encryption_keys is None:
        updates["encryption_keys"] = SecretStr(",".join(stored["encryption_keys"]))
    return settings.model_copy(update=updates)


def prepare_settings(settings: Settings) -> Settings:
    """Settings ready to serve: secrets generated (embedded) or checked (distributed)."""
    if settings.mode is RunMode.DISTRIBUTED:
        validate_distributed_secrets(settings)
        return settings
    return ensure_embedded_secrets(settings)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return prepare_settings(Settings())
