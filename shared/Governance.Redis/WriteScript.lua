-- Writes creators' changed window fields, each only if nobody else wrote its hash since this worker read
-- it (optimistic concurrency on the field 'v'). Several creators go in one call (KEYS: their hashes; on a
-- cluster, hashes of one slot), which spares Redis a script call per creator. ARGV: for each creator in
-- turn, its expected version, TTL (ms), number of field/value pairs, number of deleted fields, the pairs,
-- the deleted fields. Returns each creator's new version, or -1 where its hash changed (not written).
local results = {}
local at = 1
for k = 1, #KEYS do
  local key = KEYS[k]
  local sets = tonumber(ARGV[at + 2]) * 2
  local deletes = tonumber(ARGV[at + 3])
  local first = at + 4
  local version = tonumber(redis.call('HGET', key, 'v') or '0')
  if version ~= tonumber(ARGV[at]) then
    results[k] = -1
  else
    -- unpack() is bounded by Lua's C stack (8,000 values): large writes go in chunks of whole pairs.
    for i = first, first + sets - 1, 4000 do
      redis.call('HSET', key, unpack(ARGV, i, math.min(i + 3999, first + sets - 1)))
    end
    local gone = first + sets
    for i = gone, gone + deletes - 1, 4000 do
      redis.call('HDEL', key, unpack(ARGV, i, math.min(i + 3999, gone + deletes - 1)))
    end
    version = version + 1
    redis.call('HSET', key, 'v', version)
    local ttl = tonumber(ARGV[at + 1])
    if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
    results[k] = version
  end
  at = first + sets + deletes
end
return results
