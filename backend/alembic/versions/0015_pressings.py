"""Master version lists, per-want "any pressing", and the pressing verdict of each match.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "master_version_lists",
        sa.Column("master_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("fetched_at", TZ, nullable=True),
        sa.Column("next_attempt_at", TZ, nullable=True),
        sa.Column("version_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("master_id", name=op.f("pk_master_version_lists")),
    )
    op.create_index(
        op.f("ix_master_version_lists_next_attempt_at"),
        "master_version_lists",
        ["next_attempt_at"],
    )
    op.create_table(
        "master_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("master_id", sa.BigInteger(), nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("label", sa.String(500), nullable=True),
        sa.Column("catno", sa.String(200), nullable=True),
        sa.Column("country", sa.String(100), nullable=True),
        sa.Column("released", sa.String(20), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("formats", sa.JSON(), nullable=False),
        sa.Column("major_formats", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["master_id"],
            ["master_version_lists.master_id"],
            name=op.f("fk_master_versions_master_id_master_version_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_versions")),
        sa.UniqueConstraint(
            "master_id", "release_id", name=op.f("uq_master_versions_master_id_release_id")
        ),
    )
    op.create_index(op.f("ix_master_versions_release_id"), "master_versions", ["release_id"])
    with op.batch_alter_table("wants") as batch:
        batch.add_column(sa.Column("any_pressing", sa.Boolean(), nullable=True))
    with op.batch_alter_table("listing_matches") as batch:
        batch.add_column(
            sa.Column("pressing", sa.String(12), server_default="undetermined", nullable=False)
        )
        batch.add_column(sa.Column("pressing_release_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("listing_matches") as batch:
        batch.drop_column("pressing_release_id")
        batch.drop_column("pressing")
    with op.batch_alter_table("wants") as batch:
        batch.drop_column("any_pressing")
    op.drop_index(op.f("ix_master_versions_release_id"), table_name="master_versions")
    op.drop_table("master_versions")
    op.drop_index(
        op.f("ix_master_version_lists_next_attempt_at"), table_name="master_version_lists"
    )
    op.drop_table("master_version_lists")
