"""Discogs marketplace summary on releases (copies for sale, lowest price).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.add_column(sa.Column("num_for_sale", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("lowest_price_amount", sa.Numeric(12, 2), nullable=True))
        batch.add_column(sa.Column("lowest_price_currency", sa.String(3), nullable=True))
        batch.add_column(sa.Column("market_checked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("releases") as batch:
        batch.drop_column("market_checked_at")
        batch.drop_column("lowest_price_currency")
        batch.drop_column("lowest_price_amount")
        batch.drop_column("num_for_sale")
