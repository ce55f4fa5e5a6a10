"""Saved searches.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("check_interval_hours", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("last_run_at", TZ, nullable=True),
        sa.Column("next_run_at", TZ, nullable=True),
        sa.Column("created_at", TZ, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", TZ, server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_searches"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_saved_searches_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index(
        "ix_saved_searches_user_id_created_at", "saved_searches", ["user_id", "created_at"]
    )
    op.create_index(
        "ix_saved_searches_is_active_next_run_at", "saved_searches", ["is_active", "next_run_at"]
    )


def downgrade() -> None:
    op.drop_table("saved_searches")
