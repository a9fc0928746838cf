-- Raises cooldowns in a creator's window hash (never shortens one) and bumps its version. ARGV:
-- expected version, TTL (ms), then field/until pairs. Returns the new version when the hash was at the
-- expected version (the caller's copy stays current), else -1 (the caller drops its copy).
local key = KEYS[1]
local version = tonumber(redis.call('HGET', key, 'v') or '0')
local current = version == tonumber(ARGV[1])
for i = 3, #ARGV, 2 do
  local untilMs = tonumber(ARGV[i + 1])
  if tonumber(redis.call('HGET', key, ARGV[i]) or '-1') < untilMs then
    redis.call('HSET', key, ARGV[i], untilMs)
  end
end
version = version + 1
redis.call('HSET', key, 'v', version)
local ttl = tonumber(ARGV[2])
if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
if current then return version end
return -1
