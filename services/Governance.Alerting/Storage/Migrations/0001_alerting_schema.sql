-- Alerting tables. $schema$ is substituted by the migrator (tests use a schema each).

-- One row per signalId ever received: a redelivered signal finds its row and changes nothing.
CREATE TABLE $schema$.inbox (
    signal_id   text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- One row per creator: the row lock that orders a creator's signals, and its two decaying scores.
CREATE TABLE $schema$.creators (
    creator_id      text PRIMARY KEY,
    score           double precision NOT NULL DEFAULT 0,
    score_at        timestamptz,
    shadow_score    double precision NOT NULL DEFAULT 0,
    shadow_score_at timestamptz
);

CREATE TABLE $schema$.alerts (
    alert_id         uuid PRIMARY KEY,
    creator_id       text NOT NULL,
    status           text NOT NULL CHECK (status IN ('open', 'decided', 'expired')),
    revision         integer NOT NULL,
    priority         text NOT NULL,
    message_priority smallint NOT NULL,
    severity         text NOT NULL,
    score            double precision NOT NULL,
    first_signal_at  timestamptz NOT NULL,
    last_window_end  timestamptz NOT NULL,
    opened_at        timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    closed_at        timestamptz,
    decision         text
);
-- One open alert per creator, enforced by the database as well as by the code.
CREATE UNIQUE INDEX alerts_one_open_per_creator ON $schema$.alerts (creator_id) WHERE status = 'open';
CREATE INDEX alerts_by_update ON $schema$.alerts (updated_at);

CREATE TABLE $schema$.signals (
    signal_id    text PRIMARY KEY,
    creator_id   text NOT NULL,
    rule_id      text NOT NULL,
    rule_version text NOT NULL,
    severity     text NOT NULL,
    mode         text NOT NULL,
    value        double precision NOT NULL,
    window_end   timestamptz NOT NULL,
    detected_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    alert_id     uuid REFERENCES $schema$.alerts (alert_id),
    payload      jsonb NOT NULL
);
CREATE INDEX signals_by_creator_time ON $schema$.signals (creator_id, window_end);
CREATE INDEX signals_by_alert ON $schema$.signals (alert_id) WHERE alert_id IS NOT NULL;
CREATE INDEX signals_by_rule ON $schema$.signals (rule_id, received_at);

-- Every revision an alert went through (what was sent, and why).
CREATE TABLE $schema$.alert_history (
    alert_id    uuid NOT NULL REFERENCES $schema$.alerts (alert_id),
    revision    integer NOT NULL,
    score       double precision NOT NULL,
    priority    text NOT NULL,
    signal_id   text,
    change      text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, revision)
);

-- Moderators' decisions: append-only (the trigger below refuses UPDATE and DELETE).
CREATE TABLE $schema$.decisions (
    decision_id  bigserial PRIMARY KEY,
    alert_id     uuid NOT NULL,
    decision     text NOT NULL,
    moderator_id text NOT NULL,
    decided_at   timestamptz NOT NULL,
    note         text,
    message_id   text UNIQUE,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_by_alert ON $schema$.decisions (alert_id);
CREATE INDEX decisions_by_time ON $schema$.decisions (decided_at);

CREATE FUNCTION $schema$.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON $schema$.decisions
    FOR EACH ROW EXECUTE FUNCTION $schema$.refuse_change();

-- Transactional outbox: written with the alert in one transaction, sent by the dispatcher.
CREATE TABLE $schema$.outbox (
    outbox_id        bigserial PRIMARY KEY,
    message_id       uuid NOT NULL UNIQUE,
    alert_id         uuid NOT NULL,
    revision         integer NOT NULL,
    creator_id       text NOT NULL,
    message_priority smallint NOT NULL,
    payload          jsonb NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX outbox_pending ON $schema$.outbox (outbox_id) WHERE sent_at IS NULL;
