#!/bin/sh
# A PostgreSQL streaming replica of the local server, for trying the read replica router
# (common/replica.py): `scripts/replica.sh start|stop`, or `make replica` / `make replica-stop`.
#
# start: checks that the primary accepts replication connections (and says what to change if
#        not: it never edits the server's configuration), copies it with pg_basebackup -R into
#        REPLICA_DIR, and starts it as a hot standby on REPLICA_PORT.
# stop:  stops it and removes its folder (a fresh copy is one `start` away).
#
# The copy holds a replication slot (REPLICA_SLOT) on the primary, so that WAL written between
# the copy and the start is kept for it on a busy server. A slot keeps WAL until it is dropped:
# `stop` drops it, and `start` drops a stale one left by a replica whose folder is gone.
# As root the server runs as the `postgres` user, because PostgreSQL refuses to run as root.
set -eu

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
PRIMARY_USER=${PRIMARY_USER:-postgres}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/tmp/wajong-replica}
REPLICA_SLOT=${REPLICA_SLOT:-wajong_replica}

primary() {
    psql -X -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" -d postgres -Atc "$1"
}

drop_slot() {
    primary "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
             WHERE slot_name = '$REPLICA_SLOT' AND NOT active" >/dev/null
}

# Commands that touch the replica's files run as its owner: `postgres` when we are root.
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

fail() {
    echo "make replica: $*" >&2
    exit 1
}

# The server programs of the primary's major version: a standby must run the same one.
find_binaries() {
    major=$(( $(primary "SHOW server_version_num") / 10000 ))
    PG_BIN=${PG_BIN:-/usr/lib/postgresql/$major/bin}
    [ -x "$PG_BIN/pg_ctl" ] || fail "no PostgreSQL $major server programs in $PG_BIN (set PG_BIN)."
}

check_primary() {
    wal_level=$(primary "SHOW wal_level")
    senders=$(primary "SHOW max_wal_senders")
    slots=$(primary "SHOW max_replication_slots")
    if [ "$wal_level" = minimal ] || [ "$senders" = 0 ] || [ "$slots" = 0 ]; then
        fail "the primary has wal_level=$wal_level, max_wal_senders=$senders and
max_replication_slots=$slots. Set wal_level = replica, max_wal_senders = 10 and
max_replication_slots = 10 in $(primary "SHOW config_file")
and restart PostgreSQL (sudo systemctl restart postgresql), then run make replica again."
    fi
    if ! psql -X "host=$PRIMARY_HOST port=$PRIMARY_PORT user=$PRIMARY_USER replication=true" \
        -Atc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
        hba=$(primary "SHOW hba_file")
        fail "the primary refuses replication connections from $PRIMARY_HOST (pg_hba.conf has
no 'replication' line for it; 'all' does not cover replication). For a laptop or CI machine:
  echo 'host replication $PRIMARY_USER $PRIMARY_HOST/32 trust' | sudo tee -a $hba
  sudo -u postgres psql -c 'SELECT pg_reload_conf()'
then run make replica again."
    fi
}

# Debian keeps postgresql.conf and pg_hba.conf in /etc, so the copy gets its own: a hot
# standby on its own port, with at least the primary's limits (a standby refuses to start
# with fewer connections, workers or locks than the primary it follows).
write_configuration() {
    as_owner sh -c "cat > '$REPLICA_DIR/postgresql.conf'" <<EOF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '$REPLICA_DIR'
hot_standby = on
shared_buffers = 64MB
max_connections = $(primary "SHOW max_connections")
max_worker_processes = $(primary "SHOW max_worker_processes")
max_wal_senders = $(primary "SHOW max_wal_senders")
max_prepared_transactions = $(primary "SHOW max_prepared_transactions")
max_locks_per_transaction = $(primary "SHOW max_locks_per_transaction")
jit = off
EOF
    as_owner sh -c "cat > '$REPLICA_DIR/pg_hba.conf'" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
}

wait_until_streaming() {
    for _ in $(seq 60); do
        state=$(psql -X -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PRIMARY_USER" -d postgres -Atc \
            "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null || true)
        [ "$state" = streaming ] && return 0
        sleep 1
    done
    fail "the replica did not start streaming; see $REPLICA_DIR/replica.log"
}

start() {
    find_binaries
    if [ -f "$REPLICA_DIR/postmaster.pid" ] && as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" status >/dev/null; then
        echo "The replica already runs on 127.0.0.1:$REPLICA_PORT ($REPLICA_DIR)."
        return 0
    fi
    check_primary
    if [ ! -f "$REPLICA_DIR/standby.signal" ]; then
        rm -rf "$REPLICA_DIR"
        drop_slot
        mkdir -p "$REPLICA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DIR"
        chmod 700 "$REPLICA_DIR"
        echo "Copying the primary ($(primary "SELECT pg_size_pretty(sum(pg_database_size(oid))) FROM pg_database")) into $REPLICA_DIR ..."
        # -R: standby.signal and primary_conninfo; -X stream: the WAL written meanwhile;
        # -C -S: the slot, also in primary_slot_name; -c fast: checkpoint now, not later.
        as_owner pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$PRIMARY_USER" \
            -D "$REPLICA_DIR" -R -X stream -C -S "$REPLICA_SLOT" -c fast
        write_configuration
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w start >/dev/null
    wait_until_streaming
    echo "The replica streams from $PRIMARY_HOST:$PRIMARY_PORT on 127.0.0.1:$REPLICA_PORT."
    echo "Use it with DATABASE_REPLICA_URL=postgres://$PRIMARY_USER@127.0.0.1:$REPLICA_PORT/<the DATABASE_URL's database>"
    echo "Test: DATABASE_URL=... DATABASE_REPLICA_URL=... .venv/bin/pytest -m replica"
}

stop() {
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        find_binaries
        as_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null
    fi
    rm -rf "$REPLICA_DIR"
    drop_slot
    echo "The replica is stopped, $REPLICA_DIR removed and the slot $REPLICA_SLOT dropped."
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) fail "usage: $0 start|stop" ;;
esac
