"""Tracked sellers, search results and per-user listing matches.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "tracked_sellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tracked_sellers"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_tracked_sellers_user_id_users", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("user_id", "username", name="uq_tracked_sellers_user_id_username"),
    )
    op.create_index("ix_tracked_sellers_user_id", "tracked_sellers", ["user_id"])
    op.create_table(
        "search_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("search_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", BIG_ID, nullable=False),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("first_seen_run_id", sa.Integer(), nullable=False),
        sa.Column("last_seen_run_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("gone_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_search_results"),
        sa.ForeignKeyConstraint(
            ["search_id"],
            ["saved_searches.id"],
            name="fk_search_results_search_id_saved_searches",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name="fk_search_results_listing_id_listings"
        ),
        sa.UniqueConstraint(
            "search_id", "listing_id", name="uq_search_results_search_id_listing_id"
        ),
    )
    op.create_index(
        "ix_search_results_search_id_gone_at", "search_results", ["search_id", "gone_at"]
    )
    op.create_index("ix_search_results_listing_id", "search_results", ["listing_id"])
    op.create_table(
        "listing_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("listing_id", BIG_ID, nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=True),
        sa.Column("master_id", sa.BigInteger(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("confidence", sa.String(8), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("decision", sa.String(10), nullable=True),
        sa.Column("is_wanted", sa.Boolean(), nullable=False),
        sa.Column("is_other_pressing", sa.Boolean(), nullable=False),
        sa.Column("is_owned", sa.Boolean(), nullable=False),
        sa.Column("is_upgrade", sa.Boolean(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_listing_matches"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_listing_matches_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name="fk_listing_matches_listing_id_listings"
        ),
        sa.UniqueConstraint("user_id", "listing_id", name="uq_listing_matches_user_id_listing_id"),
    )
    op.create_index(
        "ix_listing_matches_user_id_release_id", "listing_matches", ["user_id", "release_id"]
    )


def downgrade() -> None:
    op.drop_table("listing_matches")
    op.drop_table("search_results")
    op.drop_table("tracked_sellers")
