"""The buyer's basket choices, plans kept by kind, and items marked bought.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "basket_choices",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("min_media_grade", sa.String(4), nullable=True),
        sa.Column("min_sleeve_grade", sa.String(4), nullable=True),
        sa.Column("budget", sa.Numeric(10, 2), nullable=True),
        sa.Column("max_parcels", sa.Integer(), nullable=True),
        sa.Column("default_value", sa.Numeric(10, 2), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_basket_choices"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_basket_choices_user_id_users", ondelete="CASCADE"
        ),
    )
    with op.batch_alter_table("wants") as batch:
        batch.add_column(
            sa.Column("basket_choice", sa.String(8), server_default="optional", nullable=False)
        )
    with op.batch_alter_table("basket_plans") as batch:
        batch.add_column(sa.Column("complete", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("max_sellers", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("replan_of", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("frontier_plans", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("frontier_of", sa.Integer(), nullable=True))
    # Plans made before all bought every want they were given when a plan was found.
    op.execute(
        "UPDATE basket_plans SET complete = (status IN ('optimal', 'feasible')) "
        "WHERE status NOT IN ('pending', 'failed')"
    )
    op.create_index(
        "ix_basket_plans_user_id_complete_created_at",
        "basket_plans",
        ["user_id", "complete", "created_at"],
    )
    op.create_table(
        "basket_purchases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=False),
        sa.Column("listing_id", sa.BigInteger(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("bought_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_basket_purchases"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_basket_purchases_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["basket_plans.id"],
            name="fk_basket_purchases_plan_id_basket_plans",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("user_id", "listing_id", name="uq_basket_purchases_user_id_listing_id"),
    )
    op.create_index(
        "ix_basket_purchases_user_id_release_id", "basket_purchases", ["user_id", "release_id"]
    )


def downgrade() -> None:
    op.drop_table("basket_purchases")
    op.drop_index("ix_basket_plans_user_id_complete_created_at", table_name="basket_plans")
    with op.batch_alter_table("basket_plans") as batch:
        batch.drop_column("frontier_of")
        batch.drop_column("frontier_plans")
        batch.drop_column("replan_of")
        batch.drop_column("max_sellers")
        batch.drop_column("complete")
    with op.batch_alter_table("wants") as batch:
        batch.drop_column("basket_choice")
    op.drop_table("basket_choices")
