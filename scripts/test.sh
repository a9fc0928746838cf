#!/usr/bin/env bash
# Runs every test project against real servers: starts Redis, RabbitMQ and PostgreSQL (scripts/infra.sh),
# builds once, runs each tests/*Tests project, and prints the totals as "N passed, N failed".
# Kafka: KAFKA_BOOTSTRAP_SERVERS if set, else Apache Kafka via Testcontainers when Docker answers,
# else librdkafka's mock cluster in the test process. The line "kafka: ..." says which one ran.
# Redis: the tests marked [Trait("Redis", "shared")] run twice, against the single node and against
# a Redis Cluster (REDIS_CLUSTER_CONFIGURATION, default the 3 local masters `infra.sh up --redis-cluster`
# starts). The lines "redis: ..." say which ones ran.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="$(pwd)/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export GOVERNANCE_TEST_REPORT="$results/environment.txt"
: > "$GOVERNANCE_TEST_REPORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/infra.sh up --redis-cluster
redis_cluster="${REDIS_CLUSTER_CONFIGURATION:-127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002}"

echo "== build ($configuration)"
dotnet build Governance.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

passed=0 failed=0 skipped=0 broken=()
# run_tests NAME PROJECT [dotnet test arguments...]: runs one project, adds its totals.
run_tests() {
  local name=$1 project=$2
  shift 2
  echo "== $name"
  local log="$results/${name// /-}.log" code
  set +e
  dotnet test "$project" -c "$configuration" --no-build -nologo --results-directory "$results" "$@" >"$log" 2>&1
  code=$?
  set -e
  local summary
  summary="$(grep -E '^(Passed|Failed)!  - Failed:' "$log" | tail -n 1 || true)"
  if [[ -z "$summary" ]]; then
    echo "   no test summary (exit $code); last lines of $log:"
    tail -n 30 "$log" | sed 's/^/   /'
    broken+=("$name")
    return 0
  fi
  local p f s
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "   $p passed, $f failed, $s skipped"
  if (( f > 0 )); then
    # Each failed test with its error message (not the stack), so a CI log says why without the artifacts.
    awk '/^[[:space:]]+Failed [A-Za-z]/ { shown = 0; keep = 1; print; next }
         keep && /^[[:space:]]+(Stack Trace:|Standard Output Messages:)/ { keep = 0 }
         keep && shown < 12 { print; shown++ }' "$log" | sed 's/^/   /' || true
  fi
}

for project in tests/*Tests/*.csproj; do
  run_tests "$(basename "$project" .csproj)" "$project"
done

# The same Redis-backed tests against the cluster: the fixture reads REDIS_CONFIGURATION.
for project in tests/*Tests/*.csproj; do
  grep -rqs --include='*.cs' 'Trait("Redis", "shared")' "$(dirname "$project")" || continue
  REDIS_CONFIGURATION="$redis_cluster" run_tests "$(basename "$project" .csproj) (redis cluster)" "$project" --filter "Redis=shared"
done

# The README's first command, end to end: build, infra, local broker, services, sample stream.
echo "== smoke: scripts/run.sh (RUN_ONCE=1)"
if RUN_ONCE=1 INGESTION_PORT="${SMOKE_INGESTION_PORT:-18181}" SIGNALS_PORT="${SMOKE_SIGNALS_PORT:-18182}" ALERTING_PORT="${SMOKE_ALERTING_PORT:-18183}" CONFIGURATION="$configuration" \
    bash scripts/run.sh >"$results/run-smoke.log" 2>&1; then
  passed=$((passed + 1)); echo "   passed"
else
  failed=$((failed + 1)); echo "   FAILED; last lines of $results/run-smoke.log:"; tail -n 30 "$results/run-smoke.log" | sed 's/^/   /'
fi

echo
sort -u "$GOVERNANCE_TEST_REPORT" | sed 's/^/environment: /'
for name in "${broken[@]}"; do
  echo "project did not report results: $name"
  failed=$((failed + 1))
done
echo "$passed passed, $failed failed, $skipped skipped"
(( failed == 0 ))
