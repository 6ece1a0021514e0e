-- wrk script: POST a dial check (or, with PATH_SUFFIX=/baseline, the no-op baseline with the same
-- body; with PATH_PREFIX=/api/consent, through the gateway) for numbers taken in turn from $NUMBERS_FILE, for campaign $CAMPAIGN at instant $AT; with
-- $PACE_MS each connection waits that long before its next request (a paced load).
local numbers = {}
for line in io.lines(os.getenv("NUMBERS_FILE")) do numbers[#numbers + 1] = line end
local campaign = os.getenv("CAMPAIGN")
local at = os.getenv("AT")
local suffix = os.getenv("PATH_SUFFIX") or ""
local prefix = os.getenv("PATH_PREFIX") or "" -- "/api/consent" through the gateway
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local i = 0
function init(args)
  i = math.random(1, #numbers)
end
request = function()
  i = i + 1
  local body = '{"number":"' .. numbers[(i % #numbers) + 1] .. '","campaign":"' .. campaign
    .. '","at":"' .. at .. '"}'
  return wrk.format(nil, prefix .. "/v1/dial-checks" .. suffix, nil, body)
end
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  delay = function() return pace end
end
