"""Followed Discogs sellers and the shared crawl of their inventories.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "seller_crawls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("username_key", sa.String(200), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.String(500), nullable=True),
        sa.Column("inventory_size", sa.Integer(), nullable=True),
        sa.Column("last_crawled_at", TZ, nullable=True),
        sa.Column("last_full_pass_at", TZ, nullable=True),
        sa.Column("full_pass_page", sa.Integer(), nullable=True),
        sa.Column("full_pass_started_at", TZ, nullable=True),
        sa.Column("claimed_until", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_seller_crawls"),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name="fk_seller_crawls_seller_id_sellers",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("username_key", name="uq_seller_crawls_username_key"),
    )
    op.create_index("ix_seller_crawls_seller_id", "seller_crawls", ["seller_id"])
    op.create_index("ix_seller_crawls_last_crawled_at", "seller_crawls", ["last_crawled_at"])
    op.create_table(
        "followed_sellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("crawl_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_followed_sellers"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_followed_sellers_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["crawl_id"],
            ["seller_crawls.id"],
            name="fk_followed_sellers_crawl_id_seller_crawls",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("user_id", "crawl_id", name="uq_followed_sellers_user_id_crawl_id"),
    )
    op.create_index("ix_followed_sellers_user_id", "followed_sellers", ["user_id"])
    op.create_index("ix_followed_sellers_crawl_id", "followed_sellers", ["crawl_id"])


def downgrade() -> None:
    op.drop_index("ix_followed_sellers_crawl_id", table_name="followed_sellers")
    op.drop_index("ix_followed_sellers_user_id", table_name="followed_sellers")
    op.drop_table("followed_sellers")
    op.drop_index("ix_seller_crawls_last_crawled_at", table_name="seller_crawls")
    op.drop_index("ix_seller_crawls_seller_id", table_name="seller_crawls")
    op.drop_table("seller_crawls")
