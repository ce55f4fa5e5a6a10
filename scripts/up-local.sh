#!/usr/bin/env bash
# Distributed mode on this machine's PostgreSQL and Redis, without Docker:
# one API, two Celery workers and the scheduler. Ctrl+C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."

VD=backend/.venv/bin/vinyldigger
DATA_DIR=${VINYLDIGGER_LOCAL_DIR:-data/local}
DB_NAME=${VINYLDIGGER_LOCAL_DB:-vinyldigger_local}
PG_HOST=${PGHOST:-127.0.0.1}
mkdir -p "$DATA_DIR"
ENV_FILE="$DATA_DIR/local.env"

if [ ! -f "$ENV_FILE" ]; then
  secret=$(backend/.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(48))")
  fernet=$(backend/.venv/bin/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")
  umask 077
  cat > "$ENV_FILE" <<ENV
DATABASE_URL=postgresql+asyncpg://postgres@${PG_HOST}:5432/${DB_NAME}
REDIS_URL=redis://${PG_HOST}:6379/0
VINYLDIGGER_SECRET_KEY=${secret}
VINYLDIGGER_ENCRYPTION_KEYS=${fernet}
VINYLDIGGER_DATA_DIR=${DATA_DIR}
ENV
fi
# Production's log format (JSON lines) unless the shell or extra.env asks for another.
export VINYLDIGGER_LOG_FORMAT=${VINYLDIGGER_LOG_FORMAT:-json}
set -a; . "$ENV_FILE"; [ -f "$DATA_DIR/extra.env" ] && . "$DATA_DIR/extra.env"; set +a

if ! psql -h "$PG_HOST" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='${DB_NAME}'" | grep -q 1; then
  psql -h "$PG_HOST" -U postgres -c "CREATE DATABASE \"${DB_NAME}\"" >/dev/null
fi
"$VD" migrate

pids=()
stop() {
  trap - EXIT INT TERM
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

"$VD" api --port "${VINYLDIGGER_PORT:-8000}" & pids+=($!)
"$VD" worker --concurrency 1 --name "worker1@%h" & pids+=($!)
"$VD" worker --concurrency 1 --name "worker2@%h" & pids+=($!)
"$VD" scheduler & pids+=($!)
echo "VinylDigger (distributed) on http://127.0.0.1:${VINYLDIGGER_PORT:-8000}/ — api, 2 workers, scheduler; settings in $ENV_FILE" >&2
wait -n "${pids[@]}"
