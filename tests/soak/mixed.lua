-- The soak load: a mix of reads and authenticated writes, recording every acknowledged
-- write so tests/soak/run.sh can check afterwards that each one is in the database.
--   SOAK_ROWS   seeded schedules (ids 1..SOAK_ROWS; every 4th belongs to the caller)
--   SOAK_AUTH   "Cookie: ..." or "Authorization: Bearer ..."
--   SOAK_OUT    file prefix; each thread appends to <prefix>.<n>:
--                 C <id>                       a create answered 200
--                 V<tab><id><tab><version><tab><name>   a state answered 200 (PUT, or a read)
--                 S <status>                   every status, to tally
local rows = tonumber(os.getenv("SOAK_ROWS") or "1000")
local auth = os.getenv("SOAK_AUTH") or ""
local out_prefix = os.getenv("SOAK_OUT") or "/tmp/soak"
local headers = { ["Content-Type"] = "application/json" }
local hname, hvalue = auth:match("^([^:]+):%s*(.+)$")
if hname then headers[hname] = hvalue end

local threads = {}
function setup(thread)
  thread:set("number", #threads + 1)
  table.insert(threads, thread)
end

local out
local counter = 0
function init(args)
  math.randomseed(number * 7919 + os.time())
  out = io.open(out_prefix .. "." .. number, "a")
  out:setvbuf("line")
end

function request()
  counter = counter + 1
  local pick = math.random(100)
  if pick <= 45 then
    return wrk.format("GET", "/api/v1/schedules/byid/" .. math.random(1, rows))
  elseif pick <= 65 then
    return wrk.format("GET", "/api/v1/schedules?page=" .. math.random(1, math.floor(rows / 10)))
  elseif pick <= 85 then
    local body = string.format('{"name":"soak-new-%d-%d","config":{"period":%d}}', number, counter, 60 * math.random(1, 1440))
    return wrk.format("POST", "/api/v1/schedules", headers, body)
  end
  local id = 4 * math.random(1, math.floor(rows / 4))
  local body = string.format('{"name":"soak-put-%d-%d"}', number, counter)
  return wrk.format("PUT", "/api/v1/schedules/" .. id, headers, body)
end

function response(status, resp_headers, body)
  out:write("S ", status, "\n")
  if status ~= 200 then return end
  local created = body:match('^{"id":(%d+)}$')
  if created then
    out:write("C ", created, "\n")
    return
  end
  local etag = resp_headers["ETag"] or resp_headers["etag"]
  local name = body:match('"name":"([^"]*)"')
  if etag and name then
    local id, version = etag:match('"(%d+)%-(%d+)"')
    if id then out:write("V\t", id, "\t", version, "\t", name, "\n") end
  end
end
