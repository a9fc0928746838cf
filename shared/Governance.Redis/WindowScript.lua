-- Applies one creator's events of a batch atomically (see RedisWindowStore.cs for the argument layout).
-- All keys share the creator's {hash tag}, so a Redis Cluster keeps them on one slot.
local base = ARGV[1]
local day = tonumber(ARGV[2])
local seenTtl = tonumber(ARGV[3])
local lateness = tonumber(ARGV[4])
local evidenceLimit = tonumber(ARGV[5])
local events = tonumber(ARGV[6])
local wmKey = KEYS[1]
local wm = tonumber(redis.call('GET', wmKey))
local fsKey = base .. 'fs'
local fs = tonumber(redis.call('GET', fsKey))
local out = {}
local i = 7
-- TTLs are set once per key at the end of the call, not once per update (PEXPIRE was the most
-- frequent command per event; docs/benchmarks.md).
local expires = {}
local function expire(key, ttl)
  local cur = expires[key]
  if (not cur) or ttl > cur then expires[key] = ttl end
end
local wmChanged = false
local fsChanged = false

local function series(key, width, n, ttl, at, e, delta, apply)
  local cur = math.floor(e / width)
  local h = redis.call('HMGET', key, 'hi', 't')
  local hi = tonumber(h[1])
  local t = tonumber(h[2]) or 0
  local hi0, t0 = hi, t
  if not hi then hi = cur end
  if cur > hi then
    local from = hi - n + 1
    local to = cur - n
    if to >= from then
      if to - from + 1 >= n then
        for _, f in ipairs(redis.call('HKEYS', key)) do
          if f ~= 'hi' and f ~= 't' then redis.call('HDEL', key, f) end
        end
        t = 0
      else
        for b = from, to do
          local v = redis.call('HGET', key, b)
          if v then
            t = t - tonumber(v)
            redis.call('HDEL', key, b)
          end
        end
      end
    end
    hi = cur
  end
  local b = math.floor(at / width)
  if apply and b > hi - n and b <= hi then
    redis.call('HINCRBYFLOAT', key, b, delta)
    t = t + delta
  end
  if t < 1e-9 and t > -1e-9 then t = 0 end
  if hi ~= hi0 or t ~= t0 then
    redis.call('HSET', key, 'hi', hi, 't', t)
  end
  expire(key, ttl)
  return t
end

local function distinct(key, window, ttl, at, e, item, apply)
  local from = e - window
  if apply and at > from then
    local old = redis.call('ZSCORE', key, item)
    if (not old) or tonumber(old) < at then redis.call('ZADD', key, at, item) end
  end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', from)
  expire(key, ttl)
  return redis.call('ZCARD', key)
end

local seenToday = base .. 'seen:' .. day
local seenBefore = base .. 'seen:' .. (day - 1)
for _ = 1, events do
  local id = ARGV[i]
  local at = tonumber(ARGV[i + 1])
  local etype = ARGV[i + 2]
  local updates = tonumber(ARGV[i + 3])
  i = i + 4
  local dup = redis.call('SISMEMBER', seenToday, id) == 1 or redis.call('SISMEMBER', seenBefore, id) == 1
  if (not dup) and wm and at < wm - lateness then
    out[#out + 1] = 'l'
    out[#out + 1] = tostring(wm)
    i = i + updates * 8
  else
    if not dup then
      redis.call('SADD', seenToday, id)
      expire(seenToday, seenTtl * 1000)
      if (not wm) or at > wm then
        wm = at
        wmChanged = true
      end
      if (not fs) or at < fs then
        fs = at
        fsChanged = true
      end
    end
    local e = at
    if wm and wm > e then e = wm end
    out[#out + 1] = dup and 'd' or 'a'
    out[#out + 1] = tostring(e)
    for _ = 1, updates do
      local kind = ARGV[i]
      local key = base .. 'w:' .. ARGV[i + 1]
      local window = tonumber(ARGV[i + 2])
      local buckets = tonumber(ARGV[i + 3])
      local apply = (not dup) and ARGV[i + 6] == '1'
      local ttl = window + lateness + 60000
      local v
      if kind == 's' then
        v = series(key, window / buckets, buckets, ttl, at, e, tonumber(ARGV[i + 4]), apply)
      else
        v = distinct(key, window, ttl, at, e, ARGV[i + 5], apply)
      end
      if apply and ARGV[i + 7] == '1' and at > e - window then
        local ekey = base .. 'e:' .. ARGV[i + 1]
        redis.call('LPUSH', ekey, id .. '\t' .. etype .. '\t' .. tostring(at))
        redis.call('LTRIM', ekey, 0, evidenceLimit - 1)
        expire(ekey, ttl)
      end
      out[#out + 1] = tostring(v)
      i = i + 8
    end
  end
end

if wmChanged then redis.call('SET', wmKey, wm, 'EX', 2764800) end
if fsChanged then redis.call('SET', fsKey, fs, 'EX', 2764800) end
for key, ttl in pairs(expires) do
  redis.call('PEXPIRE', key, ttl)
end

local rules = tonumber(ARGV[i])
for r = 1, rules do
  out[#out + 1] = redis.call('GET', base .. 'cd:' .. ARGV[i + r]) or ''
end
out[#out + 1] = fs and tostring(fs) or ''
return out
