"""A plan's frontier has a status of its own: the plan is stored as soon as it is solved and
its frontier follows.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("basket_plans") as batch:
        batch.add_column(sa.Column("frontier_status", sa.String(16), nullable=True))
    op.execute(
        "UPDATE basket_plans SET frontier_status = 'ready' WHERE json_array_length(frontier) > 0"
    )
    # A plan still being made kept the request in its solution until then.
    op.execute(
        "UPDATE basket_plans SET frontier_status = 'pending' "
        "WHERE status = 'pending' AND CAST(solution AS TEXT) LIKE '%frontier_requested%true%'"
    )


def downgrade() -> None:
    with op.batch_alter_table("basket_plans") as batch:
        batch.drop_column("frontier_status")
