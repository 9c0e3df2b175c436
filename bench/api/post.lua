-- wrk script for bench/api: POST varied report payloads, each with a fresh submission_id.
-- Payloads come from payloads.jsonl (one JSON object per line, written by run.py) with a
-- "__SUBMISSION_ID__" placeholder. The summary is printed as one JSON line for run.py.

local payloads = {}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    table.insert(payloads, line)
  end
  math.randomseed(os.time() + thread_id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function uuid4()
  local hex = "0123456789abcdef"
  local out = {}
  for i = 1, 32 do
    local n = math.random(1, 16)
    out[i] = hex:sub(n, n)
  end
  local s = table.concat(out)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-4" .. s:sub(14, 16) .. "-a" .. s:sub(18, 20)
    .. "-" .. s:sub(21, 32)
end

function request()
  counter = counter + 1
  local body = payloads[(counter + thread_id * 131) % #payloads + 1]
  body = body:gsub("__SUBMISSION_ID__", uuid4())
  return wrk.format(nil, "/api/v1/reports", nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout))
end
