-- Retention (Storage/RetentionPruner.cs, Alerting:Retention). The pruner's scans walk these indexes, so a
-- round costs what it deletes, not the tables' size. IF NOT EXISTS: on large tables, where building an index
-- inside this migration's transaction blocks writes meanwhile, create them first with CREATE INDEX
-- CONCURRENTLY under these names (docs/alerting.md, "Retention").

-- When a closed alert's signals and history were pruned: such alerts leave the pruner's index, and
-- `governance alerts show` says why they have none.
ALTER TABLE $schema$.alerts ADD COLUMN IF NOT EXISTS details_pruned_at timestamptz;
CREATE INDEX IF NOT EXISTS alerts_closed_unpruned ON $schema$.alerts (closed_at) WHERE status <> 'open' AND details_pruned_at IS NULL;
CREATE INDEX IF NOT EXISTS signals_unattached ON $schema$.signals (received_at) WHERE alert_id IS NULL;
CREATE INDEX IF NOT EXISTS inbox_by_time ON $schema$.inbox (received_at);
CREATE INDEX IF NOT EXISTS outbox_sent ON $schema$.outbox (sent_at) WHERE sent_at IS NOT NULL;
