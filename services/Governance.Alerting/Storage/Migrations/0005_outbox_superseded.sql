-- A revision the dispatcher did not send because a newer revision of its alert was waiting too (the newer
-- carries its signals and more): marked sent (the row is done) and superseded (no message went out).
-- Reconciliations count the rows not superseded against the messages in the moderation queue.
ALTER TABLE $schema$.outbox ADD COLUMN superseded boolean NOT NULL DEFAULT false;
