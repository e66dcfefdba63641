"""release: the app release that last wrote the store, so an older build refuses newer data

Revision ID: release_0001
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "release_0001"
down_revision = "0001"
branch_labels = ("release",)
depends_on = None


def upgrade() -> None:
    # One row (id 1); written with sqlite3 by kemensos_desk/store/release.py, not by the ORM.
    op.create_table(
        "app_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release", sa.String(40), nullable=False),
        sa.Column("written_at", sa.String(32), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_app_release_one_row"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("app_release")
