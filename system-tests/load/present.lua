-- wrk script: POST /v1/presentations of one notice version to a new random caller each time
-- (an Italian mobile number), as an agent. VERSION, HASH and TOKEN come from the environment.
-- each run and each thread draws other numbers: the main state is seeded from the clock and the
-- process, each thread from the main state
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
local version = os.getenv("VERSION")
local hash = os.getenv("HASH")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local number = string.format("+39347%07d", math.random(0, 9999999))
  local body = '{"subject":{"phone":"' .. number .. '"},"notice":{"id":"' .. version
    .. '","hash":"' .. hash .. '"},"language":"it","deliveryMode":"AGENT_READ"}'
  return wrk.format(nil, "/v1/presentations", nil, body)
end
