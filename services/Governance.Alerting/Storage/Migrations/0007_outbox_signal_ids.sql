-- A revision's signals travel by reference: payload holds its CreatorFlagged with an empty "signals", and
-- signal_ids (a JSON array, oldest window first) the signals the dispatcher puts back in when it sends it,
-- from the signals table. Writing each revision's up to 100 signals again was most of a batch's bytes.
-- Rows written before this migration keep signal_ids NULL and their whole message in payload.
ALTER TABLE $schema$.outbox ADD COLUMN signal_ids jsonb;
