-- Writes one creator's changed window fields if nobody else wrote the hash since this worker read it
-- (optimistic concurrency on the field 'v'). ARGV: expected version, TTL (ms), number of field/value
-- pairs, number of deleted fields, the pairs, the deleted fields. Returns the new version, or -1.
local key = KEYS[1]
local version = tonumber(redis.call('HGET', key, 'v') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
local sets = tonumber(ARGV[3]) * 2
local deletes = tonumber(ARGV[4])
-- unpack() is bounded by Lua's C stack (8,000 values): large writes go in chunks of whole pairs.
local first = 5
for i = first, first + sets - 1, 4000 do
  redis.call('HSET', key, unpack(ARGV, i, math.min(i + 3999, first + sets - 1)))
end
first = first + sets
for i = first, first + deletes - 1, 4000 do
  redis.call('HDEL', key, unpack(ARGV, i, math.min(i + 3999, first + deletes - 1)))
end
version = version + 1
redis.call('HSET', key, 'v', version)
local ttl = tonumber(ARGV[2])
if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
return version
