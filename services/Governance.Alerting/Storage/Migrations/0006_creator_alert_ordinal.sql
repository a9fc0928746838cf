-- A new alert's id is derived from its creator and its ordinal among the creator's alerts (the first
-- alert, the second...), not from the signal that happened to open it: signals of two rules, or of two
-- input topics, reach the queue in an order that depends on batching and lag, so an id taken from the
-- opening signal differed between a live run and its replay although the alert was the same.
ALTER TABLE $schema$.creators ADD COLUMN alerts_opened integer NOT NULL DEFAULT 0;
UPDATE $schema$.creators c SET alerts_opened = n.count
FROM (SELECT creator_id, count(*) AS count FROM $schema$.alerts GROUP BY creator_id) AS n
WHERE c.creator_id = n.creator_id;
