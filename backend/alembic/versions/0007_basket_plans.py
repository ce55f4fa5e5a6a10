"""Basket plans, and the shipping defaults the basket uses when a seller's is unknown.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "shipping_first_default", sa.Numeric(10, 2), server_default="5.00", nullable=False
            )
        )
        batch.add_column(
            sa.Column(
                "shipping_additional_default",
                sa.Numeric(10, 2),
                server_default="2.00",
                nullable=False,
            )
        )
    op.create_table(
        "basket_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("problem", sa.JSON(), nullable=False),
        sa.Column("solution", sa.JSON(), nullable=False),
        sa.Column("frontier", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_basket_plans"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_basket_plans_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_basket_plans_user_id_created_at", "basket_plans", ["user_id", "created_at"])


def downgrade() -> None:
    op.drop_table("basket_plans")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("shipping_additional_default")
        batch.drop_column("shipping_first_default")
