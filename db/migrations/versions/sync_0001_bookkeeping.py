"""sync: bundles made, items carried, acknowledged revisions, receipts, installation key

Revision ID: sync_0001
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "sync_0001"
down_revision = "0001"
branch_labels = ("sync",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("folder", sa.Text(), nullable=True),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle")),
        sa.UniqueConstraint("device_id", "sequence", name=op.f("uq_sync_bundle_device_id_sequence")),
    )
    op.create_table(
        "sync_bundle_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["bundle_id"], ["sync_bundle.id"], ondelete="CASCADE",
                                name=op.f("fk_sync_bundle_item_bundle_id_sync_bundle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundle_item")),
    )
    op.create_index("ix_sync_bundle_item_bundle", "sync_bundle_item", ["bundle_id"])
    op.create_table(
        "sync_ack",
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "uuid", name=op.f("pk_sync_ack")),
    )
    op.create_table(
        "sync_receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed", sa.Integer(), nullable=False),
        sa.Column("refused", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_receipt")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sync_receipt_sha256")),
    )
    op.create_table(
        "sync_installation_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_installation_key")),
    )


def downgrade() -> None:
    for table in ("sync_installation_key", "sync_receipt", "sync_ack", "sync_bundle_item", "sync_bundle"):
        op.drop_table(table)
