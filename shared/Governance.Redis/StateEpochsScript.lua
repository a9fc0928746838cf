-- When each window state began (HeldWindowStore.StateEpochsAsync): one hash, a field per state key,
-- each set once. The first call of a deployment (no "@deployment" field yet: the first batch of its
-- first worker) is its first pack: its states began with the deployment (ARGV[1]). A state that
-- appears later began with the batch that brought it (ARGV[2]).
-- KEYS[1]: the hash. ARGV[3..]: state keys. Returns the stored start of each, in order.
local began = redis.call('HSETNX', KEYS[1], '@deployment', ARGV[1]) == 1 and ARGV[1] or ARGV[2]
local stored = {}
for i = 3, #ARGV do
  redis.call('HSETNX', KEYS[1], ARGV[i], began)
  stored[#stored + 1] = redis.call('HGET', KEYS[1], ARGV[i])
end
return stored
