-- The outbox payload is the CreatorFlagged JSON exactly as serialized, read back only to be sent: stored
-- as text it skips jsonb's parse on insert and re-rendering on read (each revision carries up to 100
-- signals, so this is most of the bytes a batch writes). EXTERNAL: out of line without compression,
-- which costs CPU on both sides for a row read once.
ALTER TABLE $schema$.outbox ALTER COLUMN payload TYPE text USING payload::text;
ALTER TABLE $schema$.outbox ALTER COLUMN payload SET STORAGE EXTERNAL;
