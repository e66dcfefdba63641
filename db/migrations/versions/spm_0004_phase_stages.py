"""spm plan: disaster event phase; the four application stages and the rencana aksi per year

Revision ID: spm_0004_plan
Revises: spm_0003
"""
from alembic import op
import sqlalchemy as sa

revision = "spm_0004_plan"
down_revision = "spm_0003"
branch_labels = None
depends_on = None

_RECORD = (
    ("uuid", sa.String(36), False), ("created_at", sa.DateTime(), False), ("created_by", sa.String(64), True),
    ("updated_at", sa.DateTime(), False), ("updated_by", sa.String(64), True), ("revision", sa.Integer(), False),
    ("deleted_at", sa.DateTime(), True),
)


def _record_columns() -> list:
    return [sa.Column(name, kind, nullable=nullable) for name, kind, nullable in _RECORD]


def upgrade() -> None:
    # Events recorded before phases existed were recorded during the response.
    with op.batch_alter_table("spm_disaster_event") as batch_op:
        batch_op.add_column(sa.Column("phase", sa.String(20), nullable=False, server_default="tanggap_darurat"))
    op.create_table(
        "spm_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spm_stage")),
        sa.UniqueConstraint("uuid", name=op.f("uq_spm_stage_uuid")),
    )
    with op.batch_alter_table("spm_stage") as batch_op:
        batch_op.create_index("uq_spm_stage_live", ["year", "stage"], unique=True,
                              sqlite_where=sa.text("deleted_at IS NULL"))
    op.create_table(
        "spm_action_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("original_name", sa.String(255), nullable=True),
        sa.Column("stored_path", sa.String(300), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spm_action_plan")),
        sa.UniqueConstraint("uuid", name=op.f("uq_spm_action_plan_uuid")),
    )
    with op.batch_alter_table("spm_action_plan") as batch_op:
        batch_op.create_index("ix_spm_action_plan_year", ["year"], unique=False)


def downgrade() -> None:
    op.drop_table("spm_action_plan")
    op.drop_table("spm_stage")
    with op.batch_alter_table("spm_disaster_event") as batch_op:
        batch_op.drop_column("phase")
