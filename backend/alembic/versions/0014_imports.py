"""The browser companion: import tokens, imports and the listing ids they carry.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "import_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_digest", sa.String(64), nullable=False),
        sa.Column("hint", sa.String(8), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_used_at", TZ, nullable=True),
        sa.Column("revoked_at", TZ, nullable=True),
        sa.UniqueConstraint("token_digest", name="uq_import_tokens_token_digest"),
    )
    op.create_index("ix_import_tokens_user_id", "import_tokens", ["user_id"])
    op.create_table(
        "listing_imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "token_id",
            sa.Integer(),
            sa.ForeignKey("import_tokens.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("release_ids", sa.JSON(), nullable=False),
        sa.Column("seller_names", sa.JSON(), nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
    )
    op.create_index(
        "ix_listing_imports_user_id_created_at", "listing_imports", ["user_id", "created_at"]
    )
    op.create_table(
        "import_items",
        sa.Column("id", ROW_ID, primary_key=True),
        sa.Column(
            "import_id",
            sa.Integer(),
            sa.ForeignKey("listing_imports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claim", sa.String(32), nullable=True),
        sa.Column("claimed_at", TZ, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "listing_id", ROW_ID, sa.ForeignKey("listings.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("release_id", sa.BigInteger(), nullable=True),
        sa.Column("seller", sa.String(200), nullable=True),
        sa.Column("error", sa.String(300), nullable=True),
        sa.Column("read_at", TZ, nullable=True),
        sa.UniqueConstraint(
            "import_id", "external_id", name="uq_import_items_import_id_external_id"
        ),
    )
    op.create_index("ix_import_items_import_id", "import_items", ["import_id"])
    op.create_index("ix_import_items_status_id", "import_items", ["status", "id"])
    op.create_index("ix_import_items_user_id_status", "import_items", ["user_id", "status"])
    op.create_index("ix_import_items_listing_id", "import_items", ["listing_id"])


def downgrade() -> None:
    op.drop_table("import_items")
    op.drop_table("listing_imports")
    op.drop_table("import_tokens")
