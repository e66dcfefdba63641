"""SQLAlchemy models, queries and migrations over the office's SQLite file."""
