-- The trace context (W3C traceparent) of the signal that caused a revision: the dispatcher sends the
-- revision's CreatorFlagged in that trace, however much later and in whatever batch it goes out, so
-- one trace runs from the input record to the moderation queue. NULL for rows written before, and for
-- signals that came without one.
ALTER TABLE $schema$.outbox ADD COLUMN trace_parent text;
