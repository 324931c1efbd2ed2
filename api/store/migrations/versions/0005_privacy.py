"""privacy: when an intake was closed, when a transcript was deleted (retention)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_intakes_closed_at", ["closed_at"])
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(
            sa.Column("transcript_deleted_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch.create_index("ix_conversations_updated_at", ["updated_at"])


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_index("ix_conversations_updated_at")
        batch.drop_column("transcript_deleted_at")
    with op.batch_alter_table("intakes") as batch:
        batch.drop_index("ix_intakes_closed_at")
        batch.drop_column("closed_at")
