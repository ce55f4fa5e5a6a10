"""Per-want maximum price and minimum media grade for the basket.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("wants") as batch:
        batch.add_column(sa.Column("max_price", sa.Numeric(10, 2), nullable=True))
        batch.add_column(sa.Column("min_media_grade", sa.String(4), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("wants") as batch:
        batch.drop_column("min_media_grade")
        batch.drop_column("max_price")
