"""rules: imported rules packs; SPM quarter approvals keep their figures and rules version

Revision ID: rules_0001
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "rules_0001"
down_revision = "0001"
branch_labels = ("rules",)
depends_on = ("spm_0001",)


def upgrade() -> None:
    op.create_table(
        "rules_pack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("effective", sa.String(10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=True),
        sa.Column("via", sa.String(10), nullable=False),
        sa.Column("imported_by", sa.String(64), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rules_pack")),
        sa.UniqueConstraint("version", name=op.f("uq_rules_pack_version")),
    )
    # Approval freezes the quarter's figures (JSON) and the rules version they came from.
    with op.batch_alter_table("spm_quarter_approval") as batch_op:
        batch_op.add_column(sa.Column("figures", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("rules_version", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("spm_quarter_approval") as batch_op:
        batch_op.drop_column("rules_version")
        batch_op.drop_column("figures")
    op.drop_table("rules_pack")
