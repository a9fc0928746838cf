#!/bin/sh
# Creates the per-service RabbitMQ users of scripts/infra.sh through the management HTTP API, so it
# works against any broker whose management API it can reach (docker-compose.yml: init-rabbitmq,
# with curlimages/curl). Idempotent: users are created or updated, permissions set.
#   RABBITMQ_MANAGEMENT_URL    e.g. http://rabbitmq:15672
#   RABBITMQ_ADMIN_USER/_PASSWORD   an administrator
#   GOVERNANCE_{SIGNALS,ALERTING,MODERATION}_RABBITMQ_PASSWORD   the services' passwords
# Permissions (configure / write / read regular expressions on vhost "/") are scripts/infra.sh's,
# character for character; tests/Governance.Deploy.Tests compares them.
set -eu
: "${RABBITMQ_MANAGEMENT_URL:?must be set}"
: "${RABBITMQ_ADMIN_USER:?must be set}"
: "${RABBITMQ_ADMIN_PASSWORD:?must be set}"
: "${GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD:?must be set}"
: "${GOVERNANCE_ALERTING_RABBITMQ_PASSWORD:?must be set}"
: "${GOVERNANCE_MODERATION_RABBITMQ_PASSWORD:?must be set}"

readonly RMQ_SIGNALS_RES='^(Governance\.Contracts:RiskSignalDetected|governance\.risk-signals)$'
readonly RMQ_ALERTING_RES='^(governance\.risk-signals(_error|_skipped)?|moderation\.(decisions(_error|_skipped)?|creator-alerts)|Governance\.Contracts:(RiskSignalDetected|ModerationDecision)|MassTransit:Fault(--.*)?)$'
readonly RMQ_ALERTING_READ='^(governance\.risk-signals(_error|_skipped)?|moderation\.(decisions(_error|_skipped)?|creator-alerts)|Governance\.Contracts:(RiskSignalDetected|ModerationDecision)|MassTransit:Fault(--.*)?)$'
readonly RMQ_MODERATION_CONFIGURE='^$'
readonly RMQ_MODERATION_WRITE='^moderation\.decisions$'
readonly RMQ_MODERATION_READ='^moderation\.creator-alerts$'

json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

api() { # api METHOD PATH BODY
  curl -fsS -o /dev/null -u "$RABBITMQ_ADMIN_USER:$RABBITMQ_ADMIN_PASSWORD" -X "$1" \
    -H 'content-type: application/json' --data "$3" "$RABBITMQ_MANAGEMENT_URL$2"
}

# The management listener starts a little after the node answers ping: wait up to 60 s.
i=0
until curl -fsS -o /dev/null -u "$RABBITMQ_ADMIN_USER:$RABBITMQ_ADMIN_PASSWORD" "$RABBITMQ_MANAGEMENT_URL/api/overview"; do
  i=$((i + 1))
  [ "$i" -lt 30 ] || { echo "init-users: $RABBITMQ_MANAGEMENT_URL does not answer" >&2; exit 1; }
  sleep 2
done

user() { # user NAME PASSWORD CONFIGURE WRITE READ (no tags: no management access)
  api PUT "/api/users/$1" "{\"password\":\"$(json "$2")\",\"tags\":\"\"}"
  api PUT "/api/permissions/%2F/$1" \
    "{\"configure\":\"$(json "$3")\",\"write\":\"$(json "$4")\",\"read\":\"$(json "$5")\"}"
  echo "init-users: $1 ready"
}

user governance-signals "$GOVERNANCE_SIGNALS_RABBITMQ_PASSWORD" "$RMQ_SIGNALS_RES" "$RMQ_SIGNALS_RES" "$RMQ_SIGNALS_RES"
user governance-alerting "$GOVERNANCE_ALERTING_RABBITMQ_PASSWORD" "$RMQ_ALERTING_RES" "$RMQ_ALERTING_RES" "$RMQ_ALERTING_READ"
user governance-moderation "$GOVERNANCE_MODERATION_RABBITMQ_PASSWORD" "$RMQ_MODERATION_CONFIGURE" "$RMQ_MODERATION_WRITE" "$RMQ_MODERATION_READ"
