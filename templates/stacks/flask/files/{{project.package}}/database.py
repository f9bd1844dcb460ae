"""The database handle shared by the whole app.

Flask-SQLAlchemy is a thin layer over SQLAlchemy 2: it reads the URL from the app's config
and gives every request its own session, closed when the request ends. The models and
queries are plain SQLAlchemy 2 (DeclarativeBase, Mapped, select()), so what you learn
here carries over to any Python project.
"""

import sqlite3
import time
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, event
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

# Timestamps are stored as naive UTC with microseconds. MySQL's DATETIME drops fractions
# unless asked for them, and pagination needs them to tell posts apart.
Timestamp = DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_tables() -> None:
    """CREATE TABLE for every model whose table is missing (call in an app context).

    Several server workers start at once, and two may race to create the same table:
    the loser gets "already exists", waits a moment and tries again, and then finds it.
    """
    for attempt in range(5):
        try:
            db.create_all()
            return
        except DBAPIError:
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """SQLite leaves foreign keys off unless asked, per connection; the ON DELETE rules of
    the models depend on them. WAL and a busy timeout let the server's workers write
    without "database is locked" errors."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.close()
