#!/usr/bin/env bash
# Runs the system from a fresh clone: builds, starts Redis/RabbitMQ/PostgreSQL (scripts/infra.sh),
# a local Kafka-protocol broker (librdkafka's mock cluster, unless KAFKA_BOOTSTRAP_SERVERS points at a
# real cluster), publishes the rule pack, starts ingestion, the signal worker and the alerting service
# (each a separate dotnet process, each with its own least-privilege RabbitMQ user and, for alerting,
# PostgreSQL role), feeds a labelled simulated stream (`governance simulate` with its ground truth, a
# bounded, modest one, creators demo-<run>-s1-c*) and shows the pipeline live (`governance watch`):
# events/s in, dead letters by reason, signals by rule, alerts by priority, consumer lag per service,
# the latest alerts with their reasons. When it ends (Ctrl-C, or --duration) the watcher prints a
# summary: precision and recall of the alerts against the truth, first abusive event -> alert in the
# queue (p50/p95, wall clock), and a reconciliation of every stage. Then everything run.sh started
# is stopped (the servers too, when it was run.sh that started them).
#
#   scripts/run.sh [--redis-cluster] [--duration 10m] [--feed simulate|none] [--lang en|es]
#
# Connection settings come from the environment, with the local defaults scripts/infra.sh creates
# (development values, not secrets): GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD, GOVERNANCE_ALERTING_RABBITMQ_PASSWORD,
# GOVERNANCE_ALERTING_PG_PASSWORD, GOVERNANCE_PG_PASSWORD, GOVERNANCE_READONLY_PG_PASSWORD, PGPORT,
# RABBITMQ_PORT, RABBITMQ_MANAGEMENT_PORT; health ports INGESTION_PORT, SIGNALS_PORT, ALERTING_PORT
# (8081-8083). Redis: Redis__Configuration (or REDIS_CONFIGURATION) if set, else the local single
# node; with --redis-cluster, the local 3-master Redis Cluster that `scripts/infra.sh up --redis-cluster` starts.
# Feed: RUN_FEED=none (or --feed none) feeds nothing (outsiders feed the input topics; the broker's
# address is in .run/bootstrap.txt); SIMULATE_OPTIONS replaces the simulator's size and pace options.
# Stays up until Ctrl-C or --duration; RUN_ONCE=1 feeds a small stream, prints the summary once it has
# drained and exits (0 when the reconciliation found nothing missing): the smoke test.
set -euo pipefail
usage() { echo "usage: $0 [--redis-cluster] [--duration DURATION] [--feed simulate|none] [--lang en|es]" >&2; exit 2; }
infra_args=()
duration=""
feed="${RUN_FEED:-simulate}"
lang="${RUN_LANG:-en}"
while (( $# > 0 )); do
  case $1 in
    --redis-cluster) infra_args+=(--redis-cluster) ;;
    --duration|--feed|--lang)
      (( $# >= 2 )) || usage
      case $1 in --duration) duration=$2 ;; --feed) feed=$2 ;; --lang) lang=$2 ;; esac
      shift ;;
    --duration=*) duration=${1#*=} ;;
    --feed=*) feed=${1#*=} ;;
    --lang=*) lang=${1#*=} ;;
    *) usage ;;
  esac
  shift
done
[[ $feed == simulate || $feed == none ]] || usage
[[ $lang == en || $lang == es ]] || usage
cd "$(dirname "$0")/.."
root="$(pwd)"
configuration="${CONFIGURATION:-Release}"
state="$root/.run"
mkdir -p "$state"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Every process run.sh starts goes through start(), which records it; cleanup stops them all, a
# process started again (a restart) included. Each runs in its own session (setsid), so a Ctrl-C in
# the terminal reaches only the watcher, which then drains and summarizes while the services still run.
pids=()
names=()
start() {
  local name=$1 log=$2
  shift 2
  if command -v setsid >/dev/null; then
    setsid "$@" >"$log" 2>&1 &
  else
    "$@" >"$log" 2>&1 &
  fi
  pids+=($!)
  names+=("$name")
  echo "$!" >"$state/$name.pid"
}
started_infra=0
cleanup() {
  local code=$?
  trap - INT TERM
  local i alive
  for i in "${!pids[@]}"; do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  # Graceful stops (the services finish their batch and commit) take a few seconds; then SIGKILL.
  for _ in $(seq 1 100); do
    alive=0
    for i in "${!pids[@]}"; do kill -0 "${pids[$i]}" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.2
  done
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "== ${names[$i]} (pid ${pids[$i]}) did not stop in 20 s: killed"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
    rm -f "$state/${names[$i]}.pid"
  done
  wait 2>/dev/null || true
  if (( started_infra )) && [[ "${RUN_KEEP_INFRA:-0}" != "1" ]]; then
    echo "== stopping the servers run.sh started (RUN_KEEP_INFRA=1 keeps them)"
    bash scripts/infra.sh down || true
  fi
  (( ${#pids[@]} == 0 )) || echo "== stopped: ${names[*]}"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build ($configuration)"
dotnet build Governance.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

# The servers are shared (tests, other runs): run.sh stops them at the end only when none of them
# answered before it started them, i.e. when it brought the infrastructure up itself.
if ! bash scripts/infra.sh status "${infra_args[@]}" 2>/dev/null | grep -Eq ' up( \(|$)'; then
  started_infra=1
fi
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
  start localkafka "$state/localkafka.log" dotnet "$(bin tools/Governance.LocalKafka Governance.LocalKafka)" --bootstrap-file "$state/bootstrap.txt" \
    <"$state/kafka.ctl"
  for _ in $(seq 1 100); do [[ -s "$state/bootstrap.txt" ]] && break; sleep 0.1; done
  [[ -s "$state/bootstrap.txt" ]] || { echo "local Kafka did not start; see $state/localkafka.log"; exit 1; }
  bootstrap="$(tr -d '\n' <"$state/bootstrap.txt")"
  echo "== kafka: local mock cluster at $bootstrap (control: echo 'down 2' > $state/kafka.ctl)"
fi

# The feed starts now and waits for the watcher (simulate --wait-for): it plans its stream and writes the
# truth meanwhile. A bounded, modest stream, played faster than real time (--speed: seconds of event
# time per second, the stream ending at the present), with a trickle of invalid records for the
# dead-letter topic. Its creators are demo-<run>-s1-c<n>: recognisable, and new on every run (Redis and
# PostgreSQL are shared).
once="${RUN_ONCE:-0}"
cli=(dotnet "$(bin tools/Governance.Cli governance)")
if [[ $feed == simulate ]]; then
  if [[ $once == 1 ]]; then
    sizes=(--creators 100 --rate 0.5 --duration 2h --speed 2400 --invalid-share 0.005)   # ~4,500 records in 3 s
  else
    # Modest on purpose: streams fed from outside share the system with it.
    sizes=(--creators 200 --rate 1 --duration 8h --speed 240 --invalid-share 0.002)      # ~29,000 records in 2 min, 26 abusive creators
  fi
  if [[ -n "${SIMULATE_OPTIONS:-}" ]]; then read -r -a sizes <<<"$SIMULATE_OPTIONS"; fi
  run_id="$(date +%s)"
  truth="$state/truth.jsonl"
  ready="$state/watch.ready"
  rm -f "$truth" "$ready"
  start feed "$state/feed.log" "${cli[@]}" simulate --bootstrap "$bootstrap" --truth "$truth" --id-prefix "demo-$run_id" \
    --seed "${SIMULATE_SEED:-1}" --wait-for "$ready" "${sizes[@]}"
  feed_pid=$!
  echo "== feed: governance simulate ${sizes[*]} (creators demo-$run_id-s1-c*, truth $truth, log $state/feed.log); starts with the watcher"
else
  echo "== feed: none (feed the input topics at $bootstrap yourself)"
fi

ingestion_port="${INGESTION_PORT:-8081}"
# Static membership (Kafka__InstanceId): a service killed and restarted takes its partitions back at
# once instead of waiting out its old session.
start ingestion "$state/ingestion.log" env Kafka__BootstrapServers="$bootstrap" Kafka__InstanceId="${INGESTION_INSTANCE_ID:-ingestion-1}" Urls="http://127.0.0.1:$ingestion_port" \
  dotnet "$(bin services/Governance.Ingestion Governance.Ingestion)"
echo "== ingestion: http://127.0.0.1:$ingestion_port/health/ready  (log: $state/ingestion.log)"
wait_ready ingestion "$ingestion_port" "$state/ingestion.log"

echo "== rules: validating, testing and publishing rules/ to Redis"
"${cli[@]}" rules test --rules "$root/rules" | tail -n 1
"${cli[@]}" rules publish --rules "$root/rules"

rabbit_port="${RABBITMQ_PORT:-5672}"
signals_port="${SIGNALS_PORT:-8082}"
# The worker publishes as governance-signals: it may declare and write only its exchange
# (Governance.Contracts:RiskSignalDetected) and the quorum queue governance.risk-signals (scripts/infra.sh).
start signals "$state/signals.log" env Kafka__BootstrapServers="$bootstrap" Kafka__InstanceId="${SIGNALS_INSTANCE_ID:-signals-1}" Urls="http://127.0.0.1:$signals_port" Signals__RulesPath="$root/rules" \
  RabbitMq__Port="$rabbit_port" RabbitMq__Username=governance-signals RabbitMq__Password="${GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD:-signals-dev}" \
  dotnet "$(bin services/Governance.Signals Governance.Signals)"
echo "== signals: http://127.0.0.1:$signals_port/health/ready  (log: $state/signals.log)"
wait_ready "the signal worker" "$signals_port" "$state/signals.log"

alerting_port="${ALERTING_PORT:-8083}"
pg="Host=127.0.0.1;Port=${PGPORT:-5432};Database=governance"
# The service works as PostgreSQL role governance_alerting (rows only) and RabbitMQ user
# governance-alerting; its migrations run as the schema's owner, governance.
start alerting "$state/alerting.log" env Urls="http://127.0.0.1:$alerting_port" Alerting__PolicyPath="$root/rules/policy/escalation.yaml" \
  Alerting__Database__ConnectionString="$pg;Username=governance_alerting;Password=${GOVERNANCE_ALERTING_PG_PASSWORD:-alerting-dev}" \
  Alerting__Database__MigrationConnectionString="$pg;Username=governance;Password=${GOVERNANCE_PG_PASSWORD:-governance-dev}" \
  RabbitMq__Port="$rabbit_port" RabbitMq__Username=governance-alerting RabbitMq__Password="${GOVERNANCE_ALERTING_RABBITMQ_PASSWORD:-alerting-dev}" \
  dotnet "$(bin services/Governance.Alerting Governance.Alerting)"
echo "== alerting: http://127.0.0.1:$alerting_port/health/ready  (log: $state/alerting.log)"
wait_ready "the alerting service" "$alerting_port" "$state/alerting.log"

watch=("${cli[@]}" watch --bootstrap "$bootstrap" --rules "$root/rules" --lang "$lang" --rabbitmq-port "$rabbit_port"
  --management "http://127.0.0.1:${RABBITMQ_MANAGEMENT_PORT:-15672}/"
  --db "${GOVERNANCE_CLI_PG:-$pg;Username=governance_readonly;Password=${GOVERNANCE_READONLY_PG_PASSWORD:-readonly-dev}}")
[[ -z "$duration" ]] || watch+=(--duration "$duration")
if [[ $feed == simulate ]]; then
  watch+=(--truth "$truth" --ready-file "$ready")
  # RUN_ONCE: the summary once the feed is done and the pipeline has drained.
  [[ $once != 1 ]] || watch+=(--until-exit "$feed_pid")
elif [[ $once == 1 && -z "$duration" ]]; then
  watch+=(--duration 10s)
fi

echo "== watching (governance watch); Ctrl-C ends with a summary and stops everything. Meanwhile:"
echo "   feed more:      dotnet $(bin tools/Governance.Cli governance) sample --bootstrap $bootstrap"
echo "   alerts as sent: dotnet $(bin tools/Governance.Cli governance) alerts tail --lang $lang"
set +e
"${watch[@]}"
code=$?
set -e
exit "$code"
