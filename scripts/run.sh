#!/usr/bin/env bash
# Runs the system from a fresh clone: builds, starts Redis/RabbitMQ/PostgreSQL (scripts/infra.sh),
# a local Kafka-protocol broker (librdkafka's mock cluster, unless KAFKA_BOOTSTRAP_SERVERS points at a
# real cluster), publishes the rule pack, starts ingestion, the signal worker and the alerting service
# (each a separate dotnet process, each with its own least-privilege RabbitMQ user and, for alerting,
# PostgreSQL role), and feeds a built-in sample stream (with a few abusive demo creators) so you can see
# events flow, signals appear and alerts reach moderation.creator-alerts.
# Connection settings come from the environment, with the local defaults scripts/infra.sh creates
# (development values, not secrets): GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD, GOVERNANCE_ALERTING_RABBITMQ_PASSWORD,
# GOVERNANCE_ALERTING_PG_PASSWORD, GOVERNANCE_PG_PASSWORD, PGPORT, RABBITMQ_PORT.
# Redis: Redis__Configuration (or REDIS_CONFIGURATION) if set, else the local single node; with
# --redis-cluster, the local 3-master Redis Cluster that `scripts/infra.sh up --redis-cluster` starts.
# Stays up until Ctrl-C; RUN_ONCE=1 stops after the sample (used by the smoke test).
set -euo pipefail
infra_args=()
for arg in "$@"; do
  case $arg in
    --redis-cluster) infra_args+=(--redis-cluster) ;;
    *) echo "usage: $0 [--redis-cluster]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root="$(pwd)"
configuration="${CONFIGURATION:-Release}"
state="$root/.run"
mkdir -p "$state"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build ($configuration)"
dotnet build Governance.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

bash scripts/infra.sh up "${infra_args[@]}"
if (( ${#infra_args[@]} > 0 )); then
  redis="${REDIS_CLUSTER_CONFIGURATION:-127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002}"
else
  redis="${Redis__Configuration:-${REDIS_CONFIGURATION:-127.0.0.1:6379}}"
fi
# The services read Redis__Configuration, the CLI REDIS_CONFIGURATION.
export Redis__Configuration="$redis" REDIS_CONFIGURATION="$redis"
echo "== redis: $redis"

bin() { echo "$root/$1/bin/$configuration/net10.0/$2.dll"; }
# HTTP GET without curl (a fresh machine may not have it): true when the answer is 200.
http_ok() {
  local port=$1 path=$2
  { exec 5<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&5
  local status; read -r _ status _ <&5 || true
  exec 5>&-
  [[ "$status" == "200" ]]
}
# Waits up to 30 s for a service's readiness probe; on failure shows the end of its log.
wait_ready() {
  local name=$1 port=$2 log=$3
  for _ in $(seq 1 150); do
    http_ok "$port" /health/ready && return 0
    sleep 0.2
  done
  echo "$name is not ready; see $log"; tail -n 20 "$log"; exit 1
}

if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  bootstrap="$KAFKA_BOOTSTRAP_SERVERS"
  echo "== kafka: external cluster $bootstrap (topics must exist: see README)"
else
  rm -f "$state/bootstrap.txt"
  # The mock broker reads control commands (down N / up N) from this FIFO; keep it open.
  rm -f "$state/kafka.ctl"; mkfifo "$state/kafka.ctl"
  exec 3<>"$state/kafka.ctl"
  dotnet "$(bin tools/Governance.LocalKafka Governance.LocalKafka)" --bootstrap-file "$state/bootstrap.txt" \
    <"$state/kafka.ctl" >"$state/localkafka.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do [[ -s "$state/bootstrap.txt" ]] && break; sleep 0.1; done
  [[ -s "$state/bootstrap.txt" ]] || { echo "local Kafka did not start; see $state/localkafka.log"; exit 1; }
  bootstrap="$(tr -d '\n' <"$state/bootstrap.txt")"
  echo "== kafka: local mock cluster at $bootstrap (control: echo 'down 2' > $state/kafka.ctl)"
fi

ingestion_port="${INGESTION_PORT:-8081}"
# Static membership (Kafka__InstanceId): a service killed and restarted takes its partitions back at
# once instead of waiting out its old session.
Kafka__BootstrapServers="$bootstrap" Kafka__InstanceId="${INGESTION_INSTANCE_ID:-ingestion-1}" Urls="http://127.0.0.1:$ingestion_port" \
  dotnet "$(bin services/Governance.Ingestion Governance.Ingestion)" >"$state/ingestion.log" 2>&1 &
pids+=($!)
echo "== ingestion: http://127.0.0.1:$ingestion_port/health/ready  (log: $state/ingestion.log)"
wait_ready ingestion "$ingestion_port" "$state/ingestion.log"

cli=(dotnet "$(bin tools/Governance.Cli governance)")
echo "== rules: validating, testing and publishing rules/ to Redis"
"${cli[@]}" rules test --rules "$root/rules" | tail -n 1
"${cli[@]}" rules publish --rules "$root/rules"

rabbit_port="${RABBITMQ_PORT:-5672}"
signals_port="${SIGNALS_PORT:-8082}"
# The worker publishes as governance-signals: it may declare and write only its exchange
# (Governance.Contracts:RiskSignalDetected) and the quorum queue governance.risk-signals (scripts/infra.sh).
Kafka__BootstrapServers="$bootstrap" Kafka__InstanceId="${SIGNALS_INSTANCE_ID:-signals-1}" Urls="http://127.0.0.1:$signals_port" Signals__RulesPath="$root/rules" \
  RabbitMq__Port="$rabbit_port" RabbitMq__Username=governance-signals RabbitMq__Password="${GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD:-signals-dev}" \
  dotnet "$(bin services/Governance.Signals Governance.Signals)" >"$state/signals.log" 2>&1 &
pids+=($!)
echo "== signals: http://127.0.0.1:$signals_port/health/ready  (log: $state/signals.log)"
wait_ready "the signal worker" "$signals_port" "$state/signals.log"

alerting_port="${ALERTING_PORT:-8083}"
pg="Host=127.0.0.1;Port=${PGPORT:-5432};Database=governance"
# The service works as PostgreSQL role governance_alerting (rows only) and RabbitMQ user
# governance-alerting; its migrations run as the schema's owner, governance.
Urls="http://127.0.0.1:$alerting_port" Alerting__PolicyPath="$root/rules/policy/escalation.yaml" \
  Alerting__Database__ConnectionString="$pg;Username=governance_alerting;Password=${GOVERNANCE_ALERTING_PG_PASSWORD:-alerting-dev}" \
  Alerting__Database__MigrationConnectionString="$pg;Username=governance;Password=${GOVERNANCE_PG_PASSWORD:-governance-dev}" \
  RabbitMq__Port="$rabbit_port" RabbitMq__Username=governance-alerting RabbitMq__Password="${GOVERNANCE_ALERTING_RABBITMQ_PASSWORD:-alerting-dev}" \
  dotnet "$(bin services/Governance.Alerting Governance.Alerting)" >"$state/alerting.log" 2>&1 &
pids+=($!)
echo "== alerting: http://127.0.0.1:$alerting_port/health/ready  (log: $state/alerting.log)"
wait_ready "the alerting service" "$alerting_port" "$state/alerting.log"

echo "== feeding the sample stream"
"${cli[@]}" sample --bootstrap "$bootstrap" --count "${SAMPLE_COUNT:-2000}"

if [[ "${RUN_ONCE:-0}" == "1" ]]; then
  exit 0
fi
echo "== running; Ctrl-C stops everything. Feed more with:"
echo "   dotnet $(bin tools/Governance.Cli governance) sample --bootstrap $bootstrap"
echo "   alerts as they are sent: dotnet $(bin tools/Governance.Cli governance) alerts tail"
wait
