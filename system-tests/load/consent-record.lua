-- wrk script: POST /v1/consents, each for a number no other request of the run uses: wrk's threads
-- share one random sequence unless seeded apart, so each thread takes its own seed and its own
-- block of numbers (a new subject each time: identifiers sealed under a new data key).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- The notice presented: a version the driver published first (NOTICE_ID, NOTICE_HASH).
local notice_id = os.getenv("NOTICE_ID") or "load-notice@1"
local hash = os.getenv("NOTICE_HASH") or string.rep("a", 64)
-- IDEMPOTENCY_KEYS=1: every request carries an Idempotency-Key of its own (as a careful client's do).
local keyed = os.getenv("IDEMPOTENCY_KEYS") == "1"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local counter = 0
local base = 0
local prefix = 345
function init(args)
  local id = tonumber(thread_id or 1)
  math.randomseed(os.time() * 100 + id)
  -- Each thread its own mobile prefix (345, 346, ...), starting at a random point so that runs do not
  -- repeat each other.
  prefix = 344 + id
  base = math.random(0, 8999999)
end
request = function()
  counter = counter + 1
  local phone = string.format("+39%d%07d", prefix, (base + counter) % 10000000)
  local body = '{"subject":{"phone":"' .. phone .. '"},"purpose":"load-telemarketing",'
    .. '"state":"GIVEN","channel":"CALL","notice":{"id":"' .. notice_id .. '","hash":"' .. hash .. '"},'
    .. '"evidence":{"recordingId":"r-1","offsetMs":1000}}'
  local headers = nil
  if keyed then
    -- a table given to wrk.format replaces wrk.headers (the token, the content type): copy them
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Idempotency-Key"] = string.format("load-%d-%d-%d", prefix, base, counter)
  end
  return wrk.format(nil, nil, headers, body)
end
