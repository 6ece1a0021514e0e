-- wrk script: POST /v1/consents for a new random Italian mobile number each time.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local hash = string.rep("a", 64)
request = function()
  local phone = string.format("+39347%07d", math.random(1000000, 9999999))
  local body = '{"subject":{"phone":"' .. phone .. '"},"purpose":"load-telemarketing",'
    .. '"state":"GIVEN","channel":"CALL","notice":{"id":"n-1","hash":"' .. hash .. '"},'
    .. '"evidence":{"recordingId":"r-1","offsetMs":1000}}'
  return wrk.format(nil, nil, nil, body)
end
