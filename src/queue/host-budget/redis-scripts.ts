// Lua scripts for the Redis host budget. Each runs atomically inside Redis, so the check-and-decrement of one
// worker can never interleave with another's: that is what makes the budget shared rather than merely copied.
// Times are epoch milliseconds from the callers' injected clock; hash fields: remaining, limit, resetAt,
// pausedUntil, pauseReason.

/** KEYS: hash. ARGV: now. Returns 0 after taking one request, else the milliseconds to wait. */
export const acquireScript = `
local h = redis.call('HMGET', KEYS[1], 'remaining', 'resetAt', 'pausedUntil')
local now = tonumber(ARGV[1])
local pausedUntil = tonumber(h[3])
if pausedUntil and pausedUntil > now then return pausedUntil - now end
local resetAt = tonumber(h[2])
if resetAt and resetAt <= now then
  redis.call('HDEL', KEYS[1], 'remaining', 'resetAt')
  return 0
end
local remaining = tonumber(h[1])
if not remaining then return 0 end
if remaining <= 0 then return resetAt - now end
redis.call('HINCRBY', KEYS[1], 'remaining', -1)
return 0
`;

/** KEYS: hash, key index. ARGV: remaining, resetAt, limit or '', budget key. */
export const recordScript = `
local cur = redis.call('HMGET', KEYS[1], 'remaining', 'resetAt')
local curRemaining = tonumber(cur[1])
local curReset = tonumber(cur[2])
local remaining = tonumber(ARGV[1])
local resetAt = tonumber(ARGV[2])
if curReset == resetAt and curRemaining then
  if remaining < curRemaining then redis.call('HSET', KEYS[1], 'remaining', ARGV[1]) end
elseif (not curReset) or resetAt > curReset then
  redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'resetAt', ARGV[2])
end
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'limit', ARGV[3]) end
redis.call('SADD', KEYS[2], ARGV[4])
return 1
`;

/** KEYS: hash, key index. ARGV: until, reason, budget key. A shorter pause never shortens a longer one. */
export const pauseScript = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'pausedUntil'))
if (not cur) or tonumber(ARGV[1]) >= cur then
  redis.call('HSET', KEYS[1], 'pausedUntil', ARGV[1], 'pauseReason', ARGV[2])
end
redis.call('SADD', KEYS[2], ARGV[3])
return 1
`;
