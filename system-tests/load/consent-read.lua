-- wrk script: GET /v1/subjects/{ref}/consents over the subject refs in $REFS_FILE; with $PACE_MS
-- each connection waits that long before its next request (a paced load).
local refs = {}
for line in io.lines(os.getenv("REFS_FILE")) do refs[#refs + 1] = line end
local i = 0
-- PATH_PREFIX: /api/consent when the URL is the gateway's
local prefix = os.getenv("PATH_PREFIX") or ""
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. "/v1/subjects/" .. refs[(i % #refs) + 1] .. "/consents")
end
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  delay = function() return pace end
end
