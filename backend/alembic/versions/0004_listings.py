"""Sellers, listings and price observations.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
MONEY = sa.Numeric(12, 2)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("rating", sa.Numeric(5, 2), nullable=True),
        sa.Column("rating_count", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("min_order_amount", MONEY, nullable=True),
        sa.Column("min_order_currency", sa.String(3), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sellers"),
        sa.UniqueConstraint("platform", "username", name="uq_sellers_platform_username"),
    )
    op.create_table(
        "listings",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("artist", sa.String(300), nullable=True),
        sa.Column("media_grade", sa.String(4), nullable=True),
        sa.Column("sleeve_grade", sa.String(4), nullable=True),
        sa.Column("price_amount", MONEY, nullable=False),
        sa.Column("price_currency", sa.String(3), nullable=False),
        sa.Column("shipping_amount", MONEY, nullable=True),
        sa.Column("shipping_currency", sa.String(3), nullable=True),
        sa.Column("seller_id", sa.Integer(), nullable=False),
        sa.Column("ships_from", sa.String(2), nullable=True),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("image", sa.String(1000), nullable=True),
        sa.Column("buying_option", sa.String(16), nullable=False),
        sa.Column("auction_end", TZ, nullable=True),
        sa.Column("condition_text", sa.Text(), nullable=True),
        sa.Column("catalog_number", sa.String(100), nullable=True),
        sa.Column("barcode", sa.String(32), nullable=True),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("gone_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_listings"),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name="fk_listings_seller_id_sellers"
        ),
        sa.UniqueConstraint("platform", "external_id", name="uq_listings_platform_external_id"),
    )
    op.create_index("ix_listings_release_id_gone_at", "listings", ["release_id", "gone_at"])
    op.create_index("ix_listings_seller_id", "listings", ["seller_id"])
    op.create_table(
        "price_observations",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("listing_id", BIG_ID, nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=True),
        sa.Column("media_grade", sa.String(4), nullable=True),
        sa.Column("price_amount", MONEY, nullable=False),
        sa.Column("price_currency", sa.String(3), nullable=False),
        sa.Column("observed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_price_observations"),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["listings.id"],
            name="fk_price_observations_listing_id_listings",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_price_observations_release_id_observed_at",
        "price_observations",
        ["release_id", "observed_at"],
    )
    op.create_index("ix_price_observations_listing_id", "price_observations", ["listing_id"])


def downgrade() -> None:
    op.drop_table("price_observations")
    op.drop_table("listings")
    op.drop_table("sellers")
