-- One wrk script for every benchmarked request, chosen by environment variables:
--   BENCH_KIND  get | byid | post | put
--   BENCH_PATH  the path for `get`
--   BENCH_ROWS  ids are drawn from 1..BENCH_ROWS (byid; put takes every 4th: the caller's)
--   BENCH_AUTH  a header line: "Cookie: ..." or "Authorization: Bearer ..." (any kind)
-- At the end it prints one line that bench/run.sh parses:
--   RESULT requests non2xx socket_errors duration_us p50_us p99_us

local kind = os.getenv("BENCH_KIND") or "get"
local path = os.getenv("BENCH_PATH") or "/"
local rows = tonumber(os.getenv("BENCH_ROWS") or "1000")
local auth = os.getenv("BENCH_AUTH") or ""
local counter = 0

local headers = { ["Content-Type"] = "application/json" }
local name, value = auth:match("^([^:]+):%s*(.+)$")
if name then headers[name] = value end

function setup(thread)
  thread:set("seed", math.random(1, 2 ^ 30))
end

function init(args)
  math.randomseed(seed or os.time())
end

function request()
  counter = counter + 1
  if kind == "byid" then
    return wrk.format("GET", "/api/v1/schedules/byid/" .. math.random(1, rows))
  elseif kind == "post" then
    local body = string.format('{"name":"bench %d","once":false,"config":{"period":%d}}', counter, 60 * math.random(1, 1440))
    return wrk.format("POST", "/api/v1/schedules", headers, body)
  elseif kind == "put" then
    local id = 4 * math.random(1, math.floor(rows / 4))
    local body = string.format('{"name":"renamed %d"}', counter)
    return wrk.format("PUT", "/api/v1/schedules/" .. id, headers, body)
  end
  if name then
    return wrk.format("GET", path, { [name] = value })
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
