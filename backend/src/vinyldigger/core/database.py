"""Database engine and the unit of work: services flush, this layer commits or rolls back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine.interfaces import DBAPIConnection, DBAPICursor, ExecutionContext
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.pool import ConnectionPoolEntry

from vinyldigger.core.errors import AppError


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # The sqlite3 module's own transaction handling breaks SAVEPOINTs; SQLAlchemy emits
    # BEGIN itself instead (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers read while one writer writes; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # How long a writer waits for the write lock; writes are short (see _take_write_lock).
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


SQLITE_BUSY_TIMEOUT_MS = 15_000
# Execution option: begin with the write lock (tests that run inside one outer transaction).
WRITE_LOCK_UPFRONT = "vinyldigger_write_lock_upfront"
# Connection.info key: "read" while a transaction has only read, "write" once it holds the lock.
_PHASE = "vinyldigger_sqlite_phase"
_WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def _sqlite_begin(connection: Connection) -> None:
    # A transaction begins as a reader: in WAL mode it sees a snapshot and never waits for, nor
    # blocks, the writer. Its first write takes the write lock (see _take_write_lock).
    if connection.get_execution_options().get(WRITE_LOCK_UPFRONT):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.info[_PHASE] = "write"
    else:
        connection.exec_driver_sql("BEGIN")
        connection.info[_PHASE] = "read"


def _take_write_lock(connection: Connection) -> None:
    """Turn the reading transaction into a writing one, the only safe way SQLite allows.

    SQLite cannot upgrade a read snapshot to a write while another connection writes or has
    written since the snapshot: it answers "database is locked" at once, without waiting. So
    the read phase ends (it wrote nothing, so ending it loses nothing) and a new transaction
    begins IMMEDIATE, which waits its turn for the lock. The writes then see the latest data,
    and everything read before was committed data: PostgreSQL's READ COMMITTED, which the
    services are written for.
    """
    if connection.info.get(_PHASE) != "read" or connection.in_nested_transaction():
        return
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("COMMIT")
        connection.info[_PHASE] = "ended"
        cursor.execute("BEGIN IMMEDIATE")
        connection.info[_PHASE] = "write"
    finally:
        cursor.close()


def _is_write(statement: str, context: ExecutionContext | None) -> bool:
    if any(getattr(context, flag, False) for flag in ("isinsert", "isupdate", "isdelete")):
        return True
    compiled_statement = getattr(getattr(context, "compiled", None), "statement", None)
    if getattr(compiled_statement, "_for_update_arg", None) is not None:
        return True  # SELECT ... FOR UPDATE reads in order to write
    return statement.lstrip().upper().startswith(_WRITE_PREFIXES)


def _sqlite_before_execute(
    connection: Connection,
    _cursor: DBAPICursor,
    statement: str,
    _parameters: Any,
    context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if _is_write(statement, context):
        _take_write_lock(connection)


def _sqlite_savepoint(connection: Connection, _name: str) -> None:
    # A savepoint is only ever opened to write inside it.
    _take_write_lock(connection)


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        # Each request holds a connection while it runs; readers never wait for each other.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 30)
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        event.listen(engine.sync_engine, "before_cursor_execute", _sqlite_before_execute)
        event.listen(engine.sync_engine, "savepoint", _sqlite_savepoint)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    return create_async_engine(url, **kwargs)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def unit_of_work(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """Commit when the block succeeds, roll back when it raises.

    An AppError that asks for it (``commit_changes``) still commits what was flushed, so a
    refused request can leave a durable trace such as a revoked token family.
    """
    async with factory() as session:
        try:
            yield session
        except AppError as exc:
            session.info.pop(_AFTER_COMMIT_KEY, None)
            if exc.commit_changes:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            session.info.pop(_AFTER_COMMIT_KEY, None)
            await session.rollback()
            raise
        else:
            await session.commit()
            await run_after_commit(session)


_WROTE_KEY = "vinyldigger.wrote"


def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WROTE_KEY] = True


def _note_write_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE_KEY] = True


def _forget_writes(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE_KEY, None)


event.listen(Session, "after_flush", _note_flush)
event.listen(Session, "do_orm_execute", _note_write_statement)
event.listen(Session, "after_transaction_end", _forget_writes)


async def end_reading(session: AsyncSession) -> None:
    """End the unit of work's transaction while it has only read, before slow work (a password
    hash, a call to a marketplace), so no transaction, not even a read snapshot, stays open
    while it runs. The next statement begins a new transaction; objects already loaded stay
    usable. Refused once the unit of work has written: its writes commit together or not at
    all."""
    if session.info.get(_WROTE_KEY) or session.new or session.dirty or session.deleted:
        raise RuntimeError("end_reading() after the unit of work has written")
    if session.in_transaction():
        await session.commit()


AfterCommit = Callable[[], Awaitable[None] | None]
_AFTER_COMMIT_KEY = "vinyldigger.after_commit"


def after_commit(session: AsyncSession, callback: AfterCommit) -> None:
    """Run `callback` once the unit of work has committed (e.g. enqueue a job for new rows).

    Jobs must never start before the rows they read are visible to other connections.
    """
    session.info.setdefault(_AFTER_COMMIT_KEY, []).append(callback)


async def run_after_commit(session: AsyncSession) -> None:
    callbacks: list[AfterCommit] = session.info.pop(_AFTER_COMMIT_KEY, [])
    for callback in callbacks:
        result = callback()
        if result is not None:
            await result
