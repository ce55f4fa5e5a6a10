"""Release catalogue, want list and collection mirrors, job runs, Discogs OAuth requests.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)
ACTIVE = sa.text("status IN ('queued', 'running')")


def upgrade() -> None:
    op.create_table(
        "releases",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("master_id", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("artists", sa.JSON(), nullable=False),
        sa.Column("artists_sort", sa.String(500), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("formats", sa.JSON(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(100), nullable=True),
        sa.Column("thumb", sa.String(1000), nullable=True),
        sa.Column("cover_image", sa.String(1000), nullable=True),
        sa.Column("barcodes", sa.JSON(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_releases"),
    )
    op.create_index("ix_releases_master_id", "releases", ["master_id"])
    op.create_index("ix_releases_artists_sort", "releases", ["artists_sort"])
    op.create_table(
        "wants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=False),
        sa.Column("date_added", TZ, nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("synced_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_wants"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_wants_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["releases.id"], name="fk_wants_release_id_releases"
        ),
        sa.UniqueConstraint("user_id", "release_id", name="uq_wants_user_id_release_id"),
    )
    op.create_index("ix_wants_release_id", "wants", ["release_id"])
    op.create_index("ix_wants_user_id_date_added", "wants", ["user_id", "date_added"])
    op.create_table(
        "collection_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.BigInteger(), nullable=False),
        sa.Column("release_id", sa.BigInteger(), nullable=False),
        sa.Column("folder_id", sa.Integer(), nullable=False),
        sa.Column("date_added", TZ, nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("media_grade", sa.String(8), nullable=True),
        sa.Column("sleeve_grade", sa.String(8), nullable=True),
        sa.Column("synced_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_collection_items"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_collection_items_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["release_id"], ["releases.id"], name="fk_collection_items_release_id_releases"
        ),
        sa.UniqueConstraint(
            "user_id", "instance_id", name="uq_collection_items_user_id_instance_id"
        ),
    )
    op.create_index("ix_collection_items_release_id", "collection_items", ["release_id"])
    op.create_index(
        "ix_collection_items_user_id_release_id", "collection_items", ["user_id", "release_id"]
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("started_at", TZ, nullable=True),
        sa.Column("finished_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_job_runs"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_job_runs_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_job_runs_user_id_created_at", "job_runs", ["user_id", "created_at"])
    op.create_index(
        "uq_job_runs_one_active_per_kind",
        "job_runs",
        ["user_id", "kind"],
        unique=True,
        postgresql_where=ACTIVE,
        sqlite_where=ACTIVE,
    )
    op.create_table(
        "discogs_oauth_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("request_token", sa.String(200), nullable=False),
        sa.Column("encrypted_secret", sa.Text(), nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_discogs_oauth_requests"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_discogs_oauth_requests_user_id_users",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("request_token", name="uq_discogs_oauth_requests_request_token"),
    )
    op.create_index("ix_discogs_oauth_requests_user_id", "discogs_oauth_requests", ["user_id"])


def downgrade() -> None:
    op.drop_table("discogs_oauth_requests")
    op.drop_index("uq_job_runs_one_active_per_kind", table_name="job_runs")
    op.drop_table("job_runs")
    op.drop_table("collection_items")
    op.drop_table("wants")
    op.drop_table("releases")
