"""A collector's first hour: profile defaults, the dashboard's last visit, FX refresh state.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("ship_to_country", sa.String(2), nullable=True))
        batch.add_column(sa.Column("min_media_grade", sa.String(4), nullable=True))
        batch.add_column(sa.Column("dashboard_visited_at", TZ, nullable=True))
        batch.add_column(sa.Column("dashboard_previous_visit_at", TZ, nullable=True))
    op.create_table(
        "fx_refresh_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", TZ, nullable=True),
        sa.Column("last_success_at", TZ, nullable=True),
        sa.Column("last_failure_at", TZ, nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_fx_refresh_state"),
    )


def downgrade() -> None:
    op.drop_table("fx_refresh_state")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("dashboard_previous_visit_at")
        batch.drop_column("dashboard_visited_at")
        batch.drop_column("min_media_grade")
        batch.drop_column("ship_to_country")
