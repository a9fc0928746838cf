-- Run at every start (after the migrations): grants for the roles that exist. The service role reads
-- and writes rows but cannot drop, alter or truncate; decisions are insert-only for it (the audit: never
-- pruned), history insert-only but for the retention pruner's DELETE; the read-only role (the CLI) only selects.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$service_role$') THEN
        GRANT USAGE ON SCHEMA $schema$ TO $service_role$;
        GRANT SELECT, INSERT, UPDATE ON $schema$.inbox, $schema$.creators, $schema$.alerts, $schema$.signals, $schema$.outbox TO $service_role$;
        GRANT SELECT, INSERT ON $schema$.alert_history, $schema$.decisions TO $service_role$;
        -- Retention (Alerting:Retention): old rows of exactly these four; never decisions, alerts or creators.
        GRANT DELETE ON $schema$.inbox, $schema$.outbox, $schema$.signals, $schema$.alert_history TO $service_role$;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA $schema$ TO $service_role$;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$readonly_role$') THEN
        GRANT USAGE ON SCHEMA $schema$ TO $readonly_role$;
        GRANT SELECT ON ALL TABLES IN SCHEMA $schema$ TO $readonly_role$;
    END IF;
END
$$;
