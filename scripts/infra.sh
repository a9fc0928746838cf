#!/usr/bin/env bash
# Local infrastructure for Creator Governance: Redis, RabbitMQ and PostgreSQL from the
# Debian packages, started without systemd and without Docker.
#
#   scripts/infra.sh up      install what is missing (root), start the servers, create the
#                            PostgreSQL role/database, print what runs where
#   scripts/infra.sh up --redis-cluster
#                            also start a local 3-master Redis Cluster (ports 7000-7002)
#   scripts/infra.sh status  print what runs where; exit 0 if everything is up, else 3
#   scripts/infra.sh down    stop the servers that `up` started (others are left alone)
#
# Everything listens on 127.0.0.1 only. Credentials are for local development only.
# See docs/infrastructure.md for ports, credentials and the environment variables.
set -euo pipefail

readonly HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
RABBITMQ_MANAGEMENT_PORT=${RABBITMQ_MANAGEMENT_PORT:-15672}
PGPORT=${PGPORT:-5432}
readonly PG_USER=governance PG_DB=governance
# Least-privilege roles: the alerting service's (rows only; its migrations run as $PG_USER, the
# owner) and a read-only one for the CLI. Table grants are applied by the service's migrations.
readonly PG_ALERTING_USER=governance_alerting PG_READONLY_USER=governance_readonly
# Local development defaults, not secrets.
GOVERNANCE_PG_PASSWORD=${GOVERNANCE_PG_PASSWORD:-governance-dev}
GOVERNANCE_ALERTING_PG_PASSWORD=${GOVERNANCE_ALERTING_PG_PASSWORD:-alerting-dev}
GOVERNANCE_READONLY_PG_PASSWORD=${GOVERNANCE_READONLY_PG_PASSWORD:-readonly-dev}
GOVERNANCE_RABBITMQ_USER=${GOVERNANCE_RABBITMQ_USER:-}
GOVERNANCE_RABBITMQ_PASSWORD=${GOVERNANCE_RABBITMQ_PASSWORD:-}
# One RabbitMQ user per service, with permissions only on what it uses (local defaults, not secrets).
GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD=${GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD:-signals-dev}
GOVERNANCE_ALERTING_RABBITMQ_PASSWORD=${GOVERNANCE_ALERTING_RABBITMQ_PASSWORD:-alerting-dev}
GOVERNANCE_MODERATION_RABBITMQ_PASSWORD=${GOVERNANCE_MODERATION_RABBITMQ_PASSWORD:-moderation-dev}
RABBITMQ_START_TIMEOUT=${RABBITMQ_START_TIMEOUT:-120}
START_TIMEOUT=${INFRA_START_TIMEOUT:-60}
STATE_DIR=${INFRA_STATE_DIR:-/run/governance-infra}
# The optional local Redis Cluster (`up --redis-cluster`): three masters, no replicas.
read -r -a REDIS_CLUSTER_PORTS <<<"${REDIS_CLUSTER_PORTS:-7000 7001 7002}"
WITH_REDIS_CLUSTER=''

readonly REDIS_CONF=/etc/redis/redis.conf
readonly REDIS_LOG=/var/log/redis/redis-server.log
readonly RABBIT_ENV_CONF=/etc/rabbitmq/rabbitmq-env.conf
readonly RABBIT_PLUGINS_FILE=/etc/rabbitmq/enabled_plugins
readonly RABBIT_RUN_DIR=/run/rabbitmq
readonly RABBIT_PID_FILE=$RABBIT_RUN_DIR/pid
readonly RABBIT_LAUNCHER_PID=$RABBIT_RUN_DIR/launcher.pid

# The script passes host, port, user and database explicitly; stray libpq settings from the
# caller's environment must not redirect the admin connection (peer auth over the socket).
unset PGHOST PGHOSTADDR PGUSER PGDATABASE PGPASSWORD PGPASSFILE PGSERVICE PGOPTIONS
export PGPORT

PROG=${0}
ALL_OK=1

say() { printf 'infra: %s\n' "$*"; }
warn() { printf 'infra: warning: %s\n' "$*" >&2; }
die() {
  printf 'infra: error: %s\n' "$*" >&2
  exit 1
}
is_root() { [[ $(id -u) -eq 0 ]]; }
have() { command -v "$1" >/dev/null 2>&1; }

usage() {
  cat <<EOF
usage: $PROG up|down|status [--redis-cluster]

  up      install missing Debian packages (as root), start Redis ($HOST:$REDIS_PORT),
          RabbitMQ ($HOST:$RABBITMQ_PORT, management $HOST:$RABBITMQ_MANAGEMENT_PORT) and
          PostgreSQL ($HOST:$PGPORT), create role/database '$PG_USER'; idempotent
  status  show what runs where; exit 0 if all up, 3 otherwise
  down    stop the servers that 'up' started (the Redis Cluster's nodes included)

  --redis-cluster  (up, status) also a local Redis Cluster of ${#REDIS_CLUSTER_PORTS[@]} masters on
                   $HOST ports ${REDIS_CLUSTER_PORTS[*]}, AOF as the single node has;
                   connect with Redis__Configuration=$(redis_cluster_configuration)

environment: REDIS_PORT REDIS_CLUSTER_PORTS RABBITMQ_PORT RABBITMQ_MANAGEMENT_PORT PGPORT GOVERNANCE_PG_PASSWORD
             GOVERNANCE_RABBITMQ_USER GOVERNANCE_RABBITMQ_PASSWORD RABBITMQ_START_TIMEOUT
             RABBITMQ_NODENAME (see docs/infrastructure.md)
EOF
}

for _port in "$REDIS_PORT" "${REDIS_CLUSTER_PORTS[@]}" "$RABBITMQ_PORT" "$RABBITMQ_MANAGEMENT_PORT" "$PGPORT" \
  "$RABBITMQ_START_TIMEOUT" "$START_TIMEOUT"; do
  [[ $_port =~ ^[0-9]+$ ]] || die "not a number: '$_port' (check the port/timeout variables)"
done

# --- low-level probes -------------------------------------------------------------------

# pid_alive PID [COMM]: the process exists, is not a zombie and (if given) is named COMM,
# so that a stale pid file whose pid was reused does not count. (Where PID 1 reaps orphans
# late, a stopped server lingers as <defunct>, and `kill -0` would still succeed.)
pid_alive() {
  local pid=$1 stat state comm
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  comm=${stat#*(}
  comm=${comm%)*}
  state=${stat##*) }
  state=${state%% *}
  [[ -n $state && $state != Z && $state != X ]] || return 1
  [[ -z ${2:-} || $comm == "$2" ]]
}

pid_from() { # pid_from FILE -> prints the pid in FILE, if any
  local pid=''
  if [[ -r $1 ]]; then read -r pid <"$1" 2>/dev/null || true; fi
  [[ $pid =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

wait_pid_gone() { # wait_pid_gone PID COMM SECONDS
  local pid=$1 comm=$2 deadline=$((SECONDS + $3))
  while pid_alive "$pid" "$comm"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

port_open() { # port_open PORT: something accepts TCP connections on $HOST:PORT
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

http_get() { # http_get PORT PATH [USER:PASSWORD] -> prints the raw HTTP/1.0 response
  local auth=''
  if [[ -n ${3:-} ]]; then
    auth="Authorization: Basic $(printf '%s' "$3" | base64 -w0)"$'\r\n'
  fi
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: %s:%s\r\n%s\r\n" "$2" "$0" "$1" "$3" >&3
    cat <&3' "$HOST" "$1" "$2" "$auth" 2>/dev/null
}

redis_up() {
  local reply
  if have redis-cli; then
    reply=$(timeout 5 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null) || return 1
  else
    # shellcheck disable=SC2016 # expanded by the inner shell
    reply=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "PING\r\n" >&3; IFS= read -r l <&3; printf "%s" "${l#+}"' \
      "$HOST" "$REDIS_PORT" 2>/dev/null) || return 1
    reply=${reply%$'\r'}
  fi
  [[ $reply == PONG ]]
}

amqp_handshake() { # sends the AMQP 0-9-1 protocol header, expects the start of a method frame
  local reply
  # (RabbitMQ logs a warning for every such probe: use it once, not for polling)
  # shellcheck disable=SC2016 # expanded by the inner shell
  reply=$(timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "AMQP\x00\x00\x09\x01" >&3; head -c 3 <&3 | od -An -tx1' \
    "$HOST" "$RABBITMQ_PORT" 2>/dev/null) || return 1
  [[ ${reply//[[:space:]]/} == 010000 ]]
}

amqp_up() { port_open "$RABBITMQ_PORT"; } # a bare connect leaves no trace in RabbitMQ's log

mgmt_up() { # the management HTTP API answers (any status, 401 included)
  local reply
  reply=$(http_get "$RABBITMQ_MANAGEMENT_PORT" /api/overview | head -n1) || true
  [[ $reply == HTTP/* ]]
}

rabbit_user_ok() { # the optional user can log in and has access to vhost "/"
  local reply
  reply=$(http_get "$RABBITMQ_MANAGEMENT_PORT" /api/vhosts \
    "$GOVERNANCE_RABBITMQ_USER:$GOVERNANCE_RABBITMQ_PASSWORD") || return 1
  [[ $reply == "HTTP/1."?" 200"* && $reply == *'"name":"/"'* ]]
}

pg_up() {
  have pg_isready && pg_isready -q -h "$HOST" -p "$PGPORT" -t 3
}

pg_login_ok() { pg_role_login_ok "$PG_USER" "$GOVERNANCE_PG_PASSWORD"; }

pg_role_login_ok() { # pg_role_login_ok USER PASSWORD: password login over TCP works
  local out
  have psql || return 1
  out=$(PGPASSWORD=$2 PGCONNECT_TIMEOUT=5 psql -X -w -q -A -t \
    -h "$HOST" -p "$PGPORT" -U "$1" -d "$PG_DB" -c 'select 1' 2>/dev/null) || return 1
  [[ $out == 1 ]]
}

pg_service_roles_ok() {
  pg_role_login_ok "$PG_ALERTING_USER" "$GOVERNANCE_ALERTING_PG_PASSWORD" &&
    pg_role_login_ok "$PG_READONLY_USER" "$GOVERNANCE_READONLY_PG_PASSWORD"
}

pg_ensure_service_roles() {
  pg_service_roles_ok && return 0
  say "creating/updating PostgreSQL roles '$PG_ALERTING_USER' and '$PG_READONLY_USER' (login, no DDL)"
  pg_admin -d postgres -v apw="$GOVERNANCE_ALERTING_PG_PASSWORD" -v rpw="$GOVERNANCE_READONLY_PG_PASSWORD" <<SQL ||
SELECT 'CREATE ROLE $PG_ALERTING_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ALERTING_USER')
\gexec
SELECT 'CREATE ROLE $PG_READONLY_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_READONLY_USER')
\gexec
ALTER ROLE $PG_ALERTING_USER WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'apw';
ALTER ROLE $PG_READONLY_USER WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'rpw';
GRANT CONNECT ON DATABASE $PG_DB TO $PG_ALERTING_USER, $PG_READONLY_USER;
-- Neither may create objects in the database or its public schema (PostgreSQL 15 already
-- refuses CREATE on public to others; older servers need the REVOKE).
REVOKE CREATE ON DATABASE $PG_DB FROM $PG_ALERTING_USER, $PG_READONLY_USER;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
    die "could not create the PostgreSQL service roles"
  pg_service_roles_ok || die "password login as '$PG_ALERTING_USER' or '$PG_READONLY_USER' over TCP still fails"
}

# --- state: which servers this script started -------------------------------------------

marker() { # marker SERVICE -> file recording that `up` started SERVICE on its port
  case $1 in
    redis) printf '%s/redis-%s' "$STATE_DIR" "$REDIS_PORT" ;;
    redis-cluster-*) printf '%s/%s' "$STATE_DIR" "$1" ;;
    rabbitmq) printf '%s/rabbitmq-%s' "$STATE_DIR" "$RABBITMQ_PORT" ;;
    postgres) printf '%s/postgres-%s' "$STATE_DIR" "$PGPORT" ;;
    *) die "unknown service $1" ;;
  esac
}
mark_started() { printf '%s\n' "${2:-yes}" >"$(marker "$1")"; }
started_by_us() { [[ -f $(marker "$1") ]]; }
unmark() { rm -f "$(marker "$1")"; }

# Serialises concurrent runs. Servers started while it is held get `9>&-`, or they would
# inherit the lock and hold it for as long as they run.
lock_state() {
  install -d -m 755 "$STATE_DIR"
  exec 9>"$STATE_DIR/lock"
  flock -n 9 && return 0
  say "waiting for another run of $PROG (lock $STATE_DIR/lock)"
  flock -w 300 9 || die "another run of $PROG still holds $STATE_DIR/lock after 300s"
}

show_log() { # show_log FILE...: last lines of the files that exist
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    printf '\n--- last lines of %s ---\n' "$f" >&2
    tail -n 15 "$f" >&2 || true
  done
}

# --- packages -----------------------------------------------------------------------

pkg_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true) == installed ]]
}

pg_server_installed() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

missing_packages() {
  local -a m=()
  pkg_installed redis-server || m+=(redis-server)
  pkg_installed rabbitmq-server || m+=(rabbitmq-server)
  pg_server_installed || m+=(postgresql)
  if ! have psql || ! have pg_isready; then m+=(postgresql-client); fi
  ((${#m[@]} == 0)) || printf '%s\n' "${m[@]}"
}

ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} > 0)) || return 0

  if ! is_root; then
    local update=''
    # Without package lists (fresh machine) apt cannot locate the packages.
    if ! apt-cache show "${missing[0]}" >/dev/null 2>&1; then update='sudo apt-get update && '; fi
    {
      printf 'infra: missing Debian packages: %s\n' "${missing[*]}"
      printf 'infra: installing them needs root; run as root:\n\n'
      printf '    %ssudo apt-get install -y %s\n\n' "$update" "${missing[*]}"
      printf 'infra: or let this script install, start and configure everything:\n\n'
      printf '    sudo bash %s up\n\n' "$PROG"
    } >&2
    exit 1
  fi

  say "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Fresh machines may have empty package lists ("Unable to locate package").
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -q -o Dpkg::Use-Pty=0 "${missing[@]}" ||
    die "apt-get install -y ${missing[*]} failed"

  # Package scripts may start the servers with distribution defaults (e.g. RabbitMQ on all
  # interfaces). Stop what was just installed; it is started below with this script's settings.
  local p
  for p in "${missing[@]}"; do
    case $p in
      redis-server | rabbitmq-server | postgresql) service "$p" stop >/dev/null 2>&1 || true ;;
      *) ;;
    esac
  done
}

# --- Redis --------------------------------------------------------------------------

redis_pidfile() {
  if [[ $REDIS_PORT == 6379 ]]; then
    printf '/run/redis/redis-server.pid'
  else
    printf '/run/redis/redis-server-%s.pid' "$REDIS_PORT"
  fi
}

# Durability of the window store (docs/infrastructure.md): every acknowledged write is in the AOF
# before Redis answers (appendfsync always; pipelined writes share one fsync per event-loop pass), and
# no RDB snapshots (a fork on a small box stalls everything for seconds and adds nothing AOF lacks).
# A kill -9 of Redis then loses nothing whose Kafka offset the worker has committed.
# rdbcompression no: an AOF rewrite (whose base is RDB) forks a child that, compressing, takes a core for
# 2.5-4 s at ~120 MB of state; uncompressed 1.3-3.6 s (median 2.1 s in 9 runs), for a base file ~1.7x larger (docs/benchmarks.md).
readonly REDIS_APPENDFSYNC=${REDIS_APPENDFSYNC:-always}
# One data directory per port: two instances sharing one would load and append each other's AOF.
readonly REDIS_DATA_DIR=${REDIS_DATA_DIR:-/var/lib/redis/governance-$REDIS_PORT}
redis_persistence_args() {
  printf '%s\n' --appendonly yes --appendfsync "$REDIS_APPENDFSYNC" --save '' --rdbcompression no
}

redis_ensure_persistence() {
  local aof
  aof=$(timeout 5 redis-cli -h "$HOST" -p "$REDIS_PORT" config get appendonly 2>/dev/null | tail -n 1)
  [[ $aof == yes ]] && return 0
  if started_by_us redis; then
    say "redis: turning on AOF (appendfsync $REDIS_APPENDFSYNC) and off RDB snapshots"
    redis-cli -h "$HOST" -p "$REDIS_PORT" config set appendonly yes >/dev/null
    redis-cli -h "$HOST" -p "$REDIS_PORT" config set appendfsync "$REDIS_APPENDFSYNC" >/dev/null
    redis-cli -h "$HOST" -p "$REDIS_PORT" config set save '' >/dev/null
    redis-cli -h "$HOST" -p "$REDIS_PORT" config set rdbcompression no >/dev/null
  else
    warn "redis on $HOST:$REDIS_PORT runs without AOF: a crash can lose window writes whose offsets are committed (set appendonly yes, appendfsync always, save \"\")"
  fi
}

redis_start() {
  if redis_up; then
    started_by_us redis || say "redis already answers on $HOST:$REDIS_PORT; leaving it alone"
    redis_ensure_persistence
    return 0
  fi
  if port_open "$REDIS_PORT"; then
    die "port $HOST:$REDIS_PORT is taken by something that is not Redis (set REDIS_PORT)"
  fi
  local pidfile
  pidfile=$(redis_pidfile)
  install -d -o redis -g redis -m 755 /run/redis
  install -d -o redis -g redis -m 750 "$REDIS_DATA_DIR"
  say "starting redis on $HOST:$REDIS_PORT (data in $REDIS_DATA_DIR)"
  local persistence
  mapfile -t persistence < <(redis_persistence_args)
  if ! (cd / && runuser -u redis -- redis-server "$REDIS_CONF" --daemonize yes \
    --bind "$HOST" -::1 --port "$REDIS_PORT" --pidfile "$pidfile" --dir "$REDIS_DATA_DIR" "${persistence[@]}" 9>&-); then
    show_log "$REDIS_LOG"
    die "redis-server did not start; read $REDIS_LOG"
  fi
  mark_started redis "$pidfile"
  local deadline=$((SECONDS + START_TIMEOUT))
  until redis_up; do
    if ((SECONDS >= deadline)); then
      show_log "$REDIS_LOG"
      die "redis did not answer PING on $HOST:$REDIS_PORT within ${START_TIMEOUT}s; read $REDIS_LOG"
    fi
    sleep 0.2
  done
}

redis_stop() {
  if ! started_by_us redis; then
    if redis_up; then say "redis: not started by this script, leaving it running"; fi
    return 0
  fi
  local pidfile pid
  pidfile=$(cat "$(marker redis)")
  pid=$(pid_from "$pidfile")
  if [[ -n $pid ]] && pid_alive "$pid" redis-server; then
    say "stopping redis (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_pid_gone "$pid" redis-server 30; then
      warn "redis did not stop within 30s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  elif redis_up; then
    say "stopping redis (via redis-cli shutdown)"
    redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
  rm -f "$pidfile"
  unmark redis
}

# --- Redis Cluster (optional) -------------------------------------------------------

redis_cluster_configuration() { # the StackExchange.Redis configuration string: every master
  local p out=''
  for p in "${REDIS_CLUSTER_PORTS[@]}"; do out+="${out:+,}$HOST:$p"; done
  printf '%s' "$out"
}

redis_node_up() { # redis_node_up PORT
  [[ $(timeout 5 redis-cli -h "$HOST" -p "$1" ping 2>/dev/null) == PONG ]]
}

redis_cluster_info() { # redis_cluster_info PORT FIELD -> the field of CLUSTER INFO
  timeout 5 redis-cli -h "$HOST" -p "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n "s/^$2://p"
}

redis_cluster_ok() {
  local p
  for p in "${REDIS_CLUSTER_PORTS[@]}"; do
    [[ $(redis_cluster_info "$p" cluster_state) == ok ]] || return 1
  done
}

redis_cluster_node_start() { # redis_cluster_node_start PORT
  local port=$1 dir=/var/lib/redis/governance-cluster-$1 pidfile=/run/redis/redis-cluster-$1.pid
  local log=/var/log/redis/redis-cluster-$1.log
  if redis_node_up "$port"; then
    [[ $(timeout 5 redis-cli -h "$HOST" -p "$port" config get cluster-enabled 2>/dev/null | tail -n 1) == yes ]] ||
      die "redis on $HOST:$port is not a cluster node (set REDIS_CLUSTER_PORTS)"
    started_by_us "redis-cluster-$port" || say "redis cluster node already answers on $HOST:$port; leaving it alone"
    return 0
  fi
  port_open "$port" && die "port $HOST:$port is taken by something that is not Redis (set REDIS_CLUSTER_PORTS)"
  install -d -o redis -g redis -m 755 /run/redis
  install -d -o redis -g redis -m 750 "$dir"
  say "starting redis cluster node on $HOST:$port (data in $dir)"
  local persistence
  mapfile -t persistence < <(redis_persistence_args)
  # Each node keeps its cluster view (nodes.conf) in its data directory: a restart rejoins by itself.
  if ! (cd / && runuser -u redis -- redis-server --daemonize yes --bind "$HOST" --port "$port" \
    --pidfile "$pidfile" --dir "$dir" --logfile "$log" "${persistence[@]}" \
    --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 9>&-); then
    show_log "$log"
    die "redis-server (cluster node $port) did not start; read $log"
  fi
  mark_started "redis-cluster-$port" "$pidfile"
  local deadline=$((SECONDS + START_TIMEOUT))
  until redis_node_up "$port"; do
    ((SECONDS < deadline)) || { show_log "$log"; die "redis cluster node $port did not answer within ${START_TIMEOUT}s"; }
    sleep 0.2
  done
}

redis_cluster_start() {
  local p assigned=0 n
  for p in "${REDIS_CLUSTER_PORTS[@]}"; do redis_cluster_node_start "$p"; done
  for p in "${REDIS_CLUSTER_PORTS[@]}"; do
    n=$(redis_cluster_info "$p" cluster_slots_assigned)
    assigned=$((assigned + ${n:-0}))
  done
  if ((assigned == 0)); then
    say "creating the redis cluster (${#REDIS_CLUSTER_PORTS[@]} masters, no replicas)"
    local -a nodes=()
    for p in "${REDIS_CLUSTER_PORTS[@]}"; do nodes+=("$HOST:$p"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null ||
      die "redis-cli --cluster create ${nodes[*]} failed"
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until redis_cluster_ok; do
    ((SECONDS < deadline)) ||
      die "the redis cluster on ports ${REDIS_CLUSTER_PORTS[*]} is not ok within ${START_TIMEOUT}s (redis-cli -p ${REDIS_CLUSTER_PORTS[0]} cluster info)"
    sleep 0.5
  done
}

redis_cluster_stop() {
  local f name pidfile pid
  for f in "$STATE_DIR"/redis-cluster-*; do
    [[ -f $f ]] || continue
    name=$(basename "$f")
    pidfile=$(cat "$f")
    pid=$(pid_from "$pidfile")
    if [[ -n $pid ]] && pid_alive "$pid" redis-server; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      wait_pid_gone "$pid" redis-server 30 || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile" "$f"
  done
}

# --- PostgreSQL ---------------------------------------------------------------------

pg_cluster() { # prints "VERSION NAME LOGFILE" of the cluster configured for $PGPORT
  have pg_lsclusters || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$PGPORT" '$3 == p { print $1, $2, $7; exit }'
}

pg_admin() { # psql as the postgres superuser over the local socket (peer auth)
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" "$@")
}

pg_start() {
  local ver name log cluster
  cluster=$(pg_cluster)
  if [[ -z $cluster ]]; then
    if [[ -z $(pg_lsclusters --no-header 2>/dev/null || true) ]]; then
      ver=$(basename "$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | sort -V | tail -n1 |
        xargs dirname | xargs dirname)")
      say "no PostgreSQL cluster exists; creating $ver/main on port $PGPORT"
      pg_createcluster -p "$PGPORT" "$ver" main >/dev/null 9>&-
      cluster=$(pg_cluster)
    else
      pg_lsclusters >&2 || true
      die "no PostgreSQL cluster is configured for port $PGPORT; set PGPORT to one above," \
        "or create one: pg_createcluster -p $PGPORT <version> governance"
    fi
  fi
  read -r ver name log <<<"$cluster"
  log=${log:-/var/log/postgresql/postgresql-$ver-$name.log}

  if pg_up; then
    started_by_us postgres || say "postgres already answers on $HOST:$PGPORT; leaving it alone"
  else
    if port_open "$PGPORT"; then
      die "port $HOST:$PGPORT is taken by something that is not PostgreSQL (set PGPORT)"
    fi
    say "starting postgres $ver/$name on $HOST:$PGPORT"
    if ! pg_ctlcluster "$ver" "$name" start 9>&-; then
      show_log "$log"
      die "PostgreSQL $ver/$name did not start; read $log"
    fi
    mark_started postgres "$ver $name"
    local deadline=$((SECONDS + START_TIMEOUT))
    until pg_up; do
      if ((SECONDS >= deadline)); then
        show_log "$log"
        die "postgres did not answer pg_isready on $HOST:$PGPORT within ${START_TIMEOUT}s; read $log" \
          "(listen_addresses must include localhost)"
      fi
      sleep 0.3
    done
  fi

  if pg_login_ok; then
    pg_ensure_service_roles
    return 0
  fi
  say "creating/updating PostgreSQL role '$PG_USER' and database '$PG_DB'"
  pg_admin -d postgres -v pw="$GOVERNANCE_PG_PASSWORD" <<SQL || die "could not create role/database; read $log"
SELECT 'CREATE ROLE $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')
\gexec
ALTER ROLE $PG_USER WITH LOGIN PASSWORD :'pw';
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')
\gexec
ALTER DATABASE $PG_DB OWNER TO $PG_USER;
SQL
  if ! pg_login_ok; then
    local hba
    hba=$(pg_admin -d postgres -A -t -c 'SHOW hba_file' 2>/dev/null || echo pg_hba.conf)
    die "password login as '$PG_USER' over TCP $HOST:$PGPORT still fails; $hba needs a line" \
      "'host all all 127.0.0.1/32 scram-sha-256' (Debian's default) before any reject/ident line;" \
      "then reload: pg_ctlcluster $ver $name reload. Also read $log"
  fi
  pg_ensure_service_roles
}

pg_stop() {
  if ! started_by_us postgres; then
    if pg_up; then say "postgres: not started by this script, leaving it running"; fi
    return 0
  fi
  local ver name
  read -r ver name <"$(marker postgres)"
  if pg_ctlcluster "$ver" "$name" status >/dev/null 2>&1; then
    say "stopping postgres $ver/$name"
    pg_ctlcluster "$ver" "$name" stop || warn "pg_ctlcluster $ver $name stop failed"
  fi
  unmark postgres
}

# --- RabbitMQ -----------------------------------------------------------------------

loopback_host() { # the name resolves (IPv4, as Erlang distribution uses) to 127.x
  local addr
  addr=$(getent ahostsv4 "$1" 2>/dev/null | awk 'NR == 1 { print $1 }')
  [[ $addr == 127.* ]]
}

# Decides the Erlang node name, exported so that rabbitmq-server and rabbitmqctl agree.
# Order: $RABBITMQ_NODENAME; NODENAME in rabbitmq-env.conf; rabbit@<short hostname> when the
# host name resolves to a loopback address (the Debian default); otherwise rabbit@localhost,
# which `up` also writes to rabbitmq-env.conf so that a plain `rabbitmqctl` finds the node.
RABBIT_ENV_READY=''
RABBIT_PIN_NODENAME=''
RABBIT_LOG_BASE=/var/log/rabbitmq
rabbit_env() {
  [[ -z $RABBIT_ENV_READY ]] || return 0
  RABBIT_ENV_READY=1
  local conf_node='' conf_log='' host
  if [[ -r $RABBIT_ENV_CONF ]]; then
    # shellcheck disable=SC1090 # the file RabbitMQ's own scripts source
    conf_node=$(. "$RABBIT_ENV_CONF" >/dev/null 2>&1 && printf '%s' "${NODENAME:-}") || true
    # shellcheck disable=SC1090
    conf_log=$(. "$RABBIT_ENV_CONF" >/dev/null 2>&1 && printf '%s' "${LOG_BASE:-}") || true
  fi
  RABBIT_LOG_BASE=${RABBITMQ_LOG_BASE:-${conf_log:-/var/log/rabbitmq}}
  host=$(hostname -s 2>/dev/null || hostname)
  local node=${RABBITMQ_NODENAME:-$conf_node}
  if [[ -z $node ]]; then
    if loopback_host "$host"; then
      node="rabbit@$host"
    else
      node=rabbit@localhost
      RABBIT_PIN_NODENAME=1
    fi
  fi
  [[ $node == *@* ]] || node="$node@$host"
  export RABBITMQ_NODENAME=$node
  # Commands run through Debian's wrapper, which switches to the rabbitmq user (and its cookie).
  export LC_ALL=C.UTF-8
}

rabbit_log() { printf '%s/%s.log' "$RABBIT_LOG_BASE" "$RABBITMQ_NODENAME"; }

rabbitmqctl_q() { (cd / && timeout 120 rabbitmqctl -q "$@"); }

rabbit_pin_nodename() {
  [[ -n $RABBIT_PIN_NODENAME ]] || return 0
  grep -Eq '^[[:space:]]*NODENAME=' "$RABBIT_ENV_CONF" 2>/dev/null && return 0
  say "host name '$(hostname)' does not resolve to a loopback address;" \
    "naming the RabbitMQ node rabbit@localhost in $RABBIT_ENV_CONF"
  {
    printf '\n# Added by creator-governance scripts/infra.sh: the host name does not resolve to a\n'
    printf '# loopback address, so the node is named after localhost (server and rabbitmqctl).\n'
    printf 'NODENAME=rabbit@localhost\n'
  } >>"$RABBIT_ENV_CONF"
}

rabbit_enable_management_offline() {
  grep -q 'rabbitmq_management' "$RABBIT_PLUGINS_FILE" 2>/dev/null && return 0
  say "enabling the RabbitMQ management plugin"
  (cd / && rabbitmq-plugins enable --offline rabbitmq_management >/dev/null) ||
    die "rabbitmq-plugins enable --offline rabbitmq_management failed"
}

# Starts the node in the background; rabbit_wait waits for it (Redis and PostgreSQL start
# meanwhile, since the Erlang VM is the slow one).
RABBIT_LAUNCHED=''
RABBIT_LAUNCHED_AT=$SECONDS
rabbit_launch() {
  rabbit_env
  if amqp_up; then
    if started_by_us rabbitmq; then return 0; fi
    amqp_handshake ||
      die "port $HOST:$RABBITMQ_PORT is taken by something that is not RabbitMQ (set RABBITMQ_PORT)"
    say "rabbitmq already answers on $HOST:$RABBITMQ_PORT; leaving it alone"
    return 0
  fi
  local stale launcher
  stale=$(pid_from "$RABBIT_PID_FILE")
  if [[ -n $stale ]] && pid_alive "$stale" beam.smp; then
    # A node that is still booting (or hung): wait for it instead of starting a second one.
    launcher=$(pid_from "$RABBIT_LAUNCHER_PID")
    if [[ -n $launcher ]] && ! pid_alive "$launcher" rabbitmq-server; then
      rm -f "$RABBIT_LAUNCHER_PID"
    fi
    say "a RabbitMQ node (pid $stale) is already starting; waiting for it"
    RABBIT_LAUNCHED=1
    RABBIT_LAUNCHED_AT=$SECONDS
    return 0
  fi
  rabbit_pin_nodename
  rabbit_enable_management_offline

  local dist_args='' erl_args
  if loopback_host "${RABBITMQ_NODENAME#*@}"; then
    # Keep Erlang distribution and epmd on loopback too.
    dist_args='-kernel inet_dist_use_interface {127,0,0,1}'
    export ERL_EPMD_ADDRESS=$HOST
  fi
  erl_args="${RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS:-} -rabbitmq_management tcp_config"
  erl_args+=" [{ip,\"$HOST\"},{port,$RABBITMQ_MANAGEMENT_PORT}] $dist_args"

  install -d -o rabbitmq -g rabbitmq -m 755 "$RABBIT_RUN_DIR"
  rm -f "$RABBIT_PID_FILE" "$RABBIT_LAUNCHER_PID"
  say "starting rabbitmq node $RABBITMQ_NODENAME on $HOST:$RABBITMQ_PORT" \
    "(management $HOST:$RABBITMQ_MANAGEMENT_PORT)"
  # start-stop-daemon --chuid sets HOME=/var/lib/rabbitmq (the Erlang cookie's home); Debian's
  # wrapper then writes stdout/stderr to startup_log/startup_err in the log directory.
  (
    cd /var/lib/rabbitmq
    export RABBITMQ_PID_FILE=$RABBIT_PID_FILE
    export RABBITMQ_NODE_IP_ADDRESS=$HOST RABBITMQ_NODE_PORT=$RABBITMQ_PORT
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=$erl_args
    start-stop-daemon --start --background --make-pidfile --pidfile "$RABBIT_LAUNCHER_PID" \
      --chuid rabbitmq --exec /usr/sbin/rabbitmq-server 9>&-
  ) || die "could not launch rabbitmq-server"
  mark_started rabbitmq "$RABBITMQ_NODENAME"
  RABBIT_LAUNCHED=1
  RABBIT_LAUNCHED_AT=$SECONDS
}

rabbit_fail() {
  local -a logs=("$RABBIT_LOG_BASE/startup_err" "$RABBIT_LOG_BASE/startup_log")
  # The node log only if this start wrote to it (a failed boot may not reach it).
  if [[ ! -f $RABBIT_LAUNCHER_PID || $(rabbit_log) -nt $RABBIT_LAUNCHER_PID ]]; then
    logs+=("$(rabbit_log)")
  fi
  show_log "${logs[@]}"
  die "$1; read $(rabbit_log) (and $RABBIT_LOG_BASE/startup_log, startup_err)"
}

rabbit_wait() {
  rabbit_env
  local deadline=$((RABBIT_LAUNCHED_AT + RABBITMQ_START_TIMEOUT)) launcher t0=$RABBIT_LAUNCHED_AT
  if [[ -n $RABBIT_LAUNCHED ]]; then
    launcher=$(pid_from "$RABBIT_LAUNCHER_PID")
    until amqp_up; do
      if [[ -n $launcher ]] && ! pid_alive "$launcher" rabbitmq-server; then
        rabbit_fail "rabbitmq-server exited during startup"
      fi
      ((SECONDS < deadline)) ||
        rabbit_fail "rabbitmq did not answer on $HOST:$RABBITMQ_PORT within ${RABBITMQ_START_TIMEOUT}s"
      sleep 0.5
    done
    # The CLI must reach the node (same node name and cookie), or `down` could not stop it.
    rabbitmqctl_q await_startup --timeout "$RABBITMQ_START_TIMEOUT" >/dev/null 2>&1 ||
      rabbit_fail "rabbitmqctl cannot reach node $RABBITMQ_NODENAME (node name or Erlang cookie mismatch?)"
    say "rabbitmq answered after $((SECONDS - t0))s"
  fi

  if ! mgmt_up; then
    if ! grep -q 'rabbitmq_management' "$RABBIT_PLUGINS_FILE" 2>/dev/null; then
      say "enabling the RabbitMQ management plugin on the running node"
      (cd / && rabbitmq-plugins enable rabbitmq_management >/dev/null) ||
        rabbit_fail "rabbitmq-plugins enable rabbitmq_management failed"
    fi
    until mgmt_up; do
      ((SECONDS < deadline)) ||
        rabbit_fail "the management API did not answer on $HOST:$RABBITMQ_MANAGEMENT_PORT"
      sleep 0.5
    done
  fi

  rabbit_ensure_user
  rabbit_ensure_service_users
}

# Permissions per service user on vhost "/": configure, write and read regular expressions.
# MassTransit names: a queue has an exchange of the same name; message types have exchanges
# "Governance.Contracts:<Type>"; faults go to "MassTransit:Fault--<type>--"; errors to "<queue>_error".
readonly RMQ_SIGNALS_RES='^(Governance\.Contracts:RiskSignalDetected|governance\.risk-signals)$'
readonly RMQ_ALERTING_RES='^(governance\.risk-signals(_error|_skipped)?|moderation\.(decisions(_error|_skipped)?|creator-alerts)|Governance\.Contracts:(RiskSignalDetected|ModerationDecision)|MassTransit:Fault(--.*)?)$'
readonly RMQ_ALERTING_READ='^(governance\.risk-signals(_error|_skipped)?|moderation\.(decisions(_error|_skipped)?|creator-alerts)|Governance\.Contracts:(RiskSignalDetected|ModerationDecision)|MassTransit:Fault(--.*)?)$'

rabbit_service_users() { # name password configure write read, one user per line
  printf '%s\t%s\t%s\t%s\t%s\n' \
    governance-signals "$GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD" "$RMQ_SIGNALS_RES" "$RMQ_SIGNALS_RES" "$RMQ_SIGNALS_RES" \
    governance-alerting "$GOVERNANCE_ALERTING_RABBITMQ_PASSWORD" "$RMQ_ALERTING_RES" "$RMQ_ALERTING_RES" "$RMQ_ALERTING_READ" \
    governance-moderation "$GOVERNANCE_MODERATION_RABBITMQ_PASSWORD" '^$' '^moderation\.decisions$' '^moderation\.creator-alerts$'
}

json_escape() { local v=${1//\\/\\\\}; printf '%s' "${v//\"/\\\"}"; }

rabbit_service_user_ok() { # NAME PASSWORD CONFIGURE WRITE READ: the user has exactly these permissions
  # Asked of the management API as guest (an administrator, localhost only): service users get no
  # management tag, so they cannot ask themselves. Without guest the check cannot be made: say no.
  local reply
  reply=$(http_get "$RABBITMQ_MANAGEMENT_PORT" "/api/permissions/%2F/$1" guest:guest) || return 1
  [[ $reply == "HTTP/1."?" 200"* && $reply == *"\"configure\":\"$(json_escape "$3")\""* &&
    $reply == *"\"write\":\"$(json_escape "$4")\""* && $reply == *"\"read\":\"$(json_escape "$5")\""* ]]
}

rabbit_service_users_ok() {
  local name pw c w r
  while IFS=$'\t' read -r name pw c w r <&3; do
    rabbit_service_user_ok "$name" "$pw" "$c" "$w" "$r" || return 1
  done 3< <(rabbit_service_users)
}

rabbit_ensure_service_users() {
  local name pw c w r
  # fd 3: rabbitmqctl reads standard input and would swallow the rest of the list.
  while IFS=$'\t' read -r name pw c w r <&3; do
    rabbit_service_user_ok "$name" "$pw" "$c" "$w" "$r" && continue
    say "creating/updating RabbitMQ user '$name' (vhost /, its own queues and exchanges only)"
    if rabbitmqctl_q list_users --no-table-headers 2>/dev/null | cut -f1 | grep -qxF -- "$name"; then
      rabbitmqctl_q change_password "$name" "$pw" >/dev/null
    else
      rabbitmqctl_q add_user "$name" "$pw" >/dev/null
    fi || rabbit_fail "could not create RabbitMQ user '$name'"
    rabbitmqctl_q set_permissions -p / "$name" "$c" "$w" "$r" >/dev/null ||
      rabbit_fail "could not set permissions for RabbitMQ user '$name'"
  done 3< <(rabbit_service_users)
}

rabbit_ensure_user() {
  [[ -n $GOVERNANCE_RABBITMQ_USER ]] || return 0
  [[ -n $GOVERNANCE_RABBITMQ_PASSWORD ]] ||
    die "GOVERNANCE_RABBITMQ_USER is set but GOVERNANCE_RABBITMQ_PASSWORD is empty"
  rabbit_user_ok && return 0
  local u=$GOVERNANCE_RABBITMQ_USER
  say "creating/updating RabbitMQ user '$u' (vhost /, tag management)"
  if rabbitmqctl_q list_users --no-table-headers 2>/dev/null | cut -f1 | grep -qxF -- "$u"; then
    rabbitmqctl_q change_password "$u" "$GOVERNANCE_RABBITMQ_PASSWORD" >/dev/null
  else
    rabbitmqctl_q add_user "$u" "$GOVERNANCE_RABBITMQ_PASSWORD" >/dev/null
  fi || rabbit_fail "could not create RabbitMQ user '$u'"
  if ! rabbitmqctl_q set_permissions -p / "$u" '.*' '.*' '.*' >/dev/null ||
    ! rabbitmqctl_q set_user_tags "$u" management >/dev/null; then
    rabbit_fail "could not set permissions for RabbitMQ user '$u'"
  fi
}

rabbit_stop() {
  rabbit_env
  if ! started_by_us rabbitmq; then
    if amqp_up; then say "rabbitmq: not started by this script, leaving it running"; fi
    return 0
  fi
  local node pid launcher
  node=$(cat "$(marker rabbitmq)")
  [[ -z $node ]] || export RABBITMQ_NODENAME=$node
  pid=$(pid_from "$RABBIT_PID_FILE")
  launcher=$(pid_from "$RABBIT_LAUNCHER_PID")
  local stopped=''
  if amqp_up || { [[ -n $pid ]] && pid_alive "$pid" beam.smp; }; then
    say "stopping rabbitmq node $RABBITMQ_NODENAME"
    if rabbitmqctl_q stop >/dev/null 2>&1; then
      stopped=1
    else
      warn "rabbitmqctl stop failed; sending TERM to the Erlang VM"
    fi
  fi
  if [[ -n $pid ]] && pid_alive "$pid" beam.smp; then
    [[ -n $stopped ]] || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_pid_gone "$pid" beam.smp 60; then
      warn "rabbitmq (pid $pid) still running after 60s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  if [[ -n $launcher ]] && ! wait_pid_gone "$launcher" rabbitmq-server 10; then
    kill -TERM "$launcher" 2>/dev/null || true
  fi
  # epmd (started with the node) refuses -kill while any node is still registered.
  if have epmd && epmd -names 2>/dev/null | grep -q '^name '; then
    :
  elif have epmd; then
    epmd -kill >/dev/null 2>&1 || true
  fi
  rm -f "$RABBIT_PID_FILE" "$RABBIT_LAUNCHER_PID"
  unmark rabbitmq
}

# --- table --------------------------------------------------------------------------

print_table() {
  local r q p
  ALL_OK=1
  if redis_up; then r=up; else r=down ALL_OK=''; fi
  if amqp_up; then
    if mgmt_up; then q=up; else q='up (management API not answering)' ALL_OK=''; fi
    if [[ $q == up && -n $GOVERNANCE_RABBITMQ_USER ]] && ! rabbit_user_ok; then
      q="up (user $GOVERNANCE_RABBITMQ_USER cannot log in)" ALL_OK=''
    fi
    if [[ $q == up ]] && ! rabbit_service_users_ok; then
      q='up (service users missing or with other permissions: run up as root)' ALL_OK=''
    fi
  else
    q=down ALL_OK=''
  fi
  if pg_up; then
    if ! pg_login_ok; then
      p="up (login as $PG_USER failed)" ALL_OK=''
    elif ! pg_service_roles_ok; then
      p="up (roles $PG_ALERTING_USER/$PG_READONLY_USER missing: run up as root)" ALL_OK=''
    else
      p=up
    fi
  else
    p=down ALL_OK=''
  fi
  printf '%-14s %-62s %s\n' \
    redis "$HOST:$REDIS_PORT" "$r" \
    rabbitmq "amqp://$HOST:$RABBITMQ_PORT (management http://$HOST:$RABBITMQ_MANAGEMENT_PORT)" "$q" \
    postgres "$HOST:$PGPORT db=$PG_DB user=$PG_USER" "$p"
  if [[ -n $WITH_REDIS_CLUSTER ]]; then
    local c=up
    redis_cluster_ok || c=down ALL_OK=''
    printf '%-14s %-62s %s\n' redis-cluster "$(redis_cluster_configuration)" "$c"
  fi
}

print_credentials() {
  local pw='GOVERNANCE_PG_PASSWORD'
  [[ $GOVERNANCE_PG_PASSWORD == governance-dev ]] && pw='governance-dev (default; GOVERNANCE_PG_PASSWORD)'
  printf '\nlocal development credentials (not secrets):\n'
  printf '  postgres  user %s (owner), password %s\n' "$PG_USER" "$pw"
  printf '  postgres  user %s (alerting service), password %s (GOVERNANCE_ALERTING_PG_PASSWORD)\n' \
    "$PG_ALERTING_USER" "$GOVERNANCE_ALERTING_PG_PASSWORD"
  printf '  postgres  user %s (read-only, CLI), password %s (GOVERNANCE_READONLY_PG_PASSWORD)\n' \
    "$PG_READONLY_USER" "$GOVERNANCE_READONLY_PG_PASSWORD"
  printf '  rabbitmq  governance-signals/%s, governance-alerting/%s, governance-moderation/%s\n' \
    "$GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD" "$GOVERNANCE_ALERTING_RABBITMQ_PASSWORD" "$GOVERNANCE_MODERATION_RABBITMQ_PASSWORD"
  printf '  rabbitmq  guest/guest (localhost only)%s\n' \
    "${GOVERNANCE_RABBITMQ_USER:+, and user $GOVERNANCE_RABBITMQ_USER (GOVERNANCE_RABBITMQ_PASSWORD)}"
  printf '  redis     no password\n'
}

# --- commands -----------------------------------------------------------------------

cmd_status() {
  print_table
  [[ -n $ALL_OK ]] || exit 3
}

cmd_up() {
  ensure_packages
  if ! is_root; then
    print_table
    if [[ -n $ALL_OK ]]; then
      say "everything is already up; nothing to do"
      return 0
    fi
    {
      printf '\ninfra: starting and configuring the servers needs root; run:\n\n'
      printf '    sudo bash %s up\n\n' "$PROG"
    } >&2
    exit 1
  fi
  lock_state
  rabbit_launch
  redis_start
  [[ -z $WITH_REDIS_CLUSTER ]] || redis_cluster_start
  pg_start
  rabbit_wait
  printf '\n'
  print_table
  print_credentials
  [[ -n $ALL_OK ]] || die "not everything is up (see the table above)"
  say "all up"
}

cmd_down() {
  if ! is_root; then
    {
      printf 'infra: stopping the servers needs root; run:\n\n'
      printf '    sudo bash %s down\n\n' "$PROG"
    } >&2
    exit 1
  fi
  lock_state
  rabbit_stop
  redis_stop
  redis_cluster_stop
  pg_stop
  say "down"
}

command=${1:-}
shift || true
for arg in "$@"; do
  case $arg in
    --redis-cluster) WITH_REDIS_CLUSTER=yes ;;
    *) usage >&2; exit 2 ;;
  esac
done

case $command in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
