"""Alembic environment: runs on the connection the app hands over (see store/migrations.py)."""
from alembic import context

from kemensos_desk.store.base import Base
from kemensos_desk.store.catalog import load_all_models

load_all_models()  # every models*.py module: the metadata is complete

connection = context.config.attributes.get("connection")
if connection is None:
    from kemensos_desk.store.database import make_engine
    import os
    from pathlib import Path

    engine = make_engine(Path(os.environ["KEMENSOS_DESK_DB"]))
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
