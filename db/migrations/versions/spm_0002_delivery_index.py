"""spm: covering index for the achievement query

Revision ID: spm_0002
Revises: spm_0001
Create Date: 2026-11-23 10:25:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'spm_0002'
down_revision = 'spm_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('spm_delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_spm_delivery_date')
        batch_op.create_index('ix_spm_delivery_service_live', ['service', 'beneficiary_id', 'component', 'delivered_on'],
                              unique=False, sqlite_where=sa.text('deleted_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('spm_delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_spm_delivery_service_live', sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index('ix_spm_delivery_date', ['service', 'delivered_on'], unique=False)
