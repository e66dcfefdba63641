"""spm: partial (name_key, id) index of live people, for the register's pages and name search

Revision ID: spm_0003
Revises: spm_0002
Create Date: 2026-11-23 11:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'spm_0003'
down_revision = 'spm_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Covering the register order and the tombstone filter: counting and paging a
    # million-person register reads only this index, never the wide table.
    with op.batch_alter_table('spm_beneficiary', schema=None) as batch_op:
        batch_op.drop_index('ix_spm_beneficiary_name_key')
        batch_op.create_index('ix_spm_beneficiary_name_live', ['name_key', 'id'], unique=False,
                              sqlite_where=sa.text('deleted_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('spm_beneficiary', schema=None) as batch_op:
        batch_op.drop_index('ix_spm_beneficiary_name_live', sqlite_where=sa.text('deleted_at IS NULL'))
        batch_op.create_index('ix_spm_beneficiary_name_key', ['name_key'], unique=False)
