-- The wrk script of the gateway bench (wrk-load.ts). Its one argument names a file of requests,
-- one per line: the body, then header names and values, separated by tabs (JSON escapes every
-- tab in a body). Every connection of the thread sends the next one in turn, so that with one
-- thread the requests in flight at once are different ones, as the varied workloads require.
-- An optional second argument stops the thread once that many answers came (a walk of the list
-- once, say) and prints WRK_STOPPED: wrk itself sleeps out its duration unless interrupted, so
-- wrk-load.ts answers that line with SIGINT (wrk then reports as at the end). An answer fails when its status is not 2xx or its
-- body holds `errors`; `done` prints one JSON line for wrk-load.ts to read.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  prepared = {}
  for line in io.lines(args[1]) do
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do
      table.insert(fields, field)
    end
    local headers = {}
    for i = 2, #fields - 1, 2 do
      headers[fields[i]] = fields[i + 1]
    end
    table.insert(prepared, wrk.format("POST", "/graphql", headers, fields[1]))
  end
  turn = 0
  stop_after = tonumber(args[2] or "0")
  answered = 0
  failed = 0
  first_error = ""
end

function request()
  turn = turn % #prepared + 1
  return prepared[turn]
end

function response(status, headers, body)
  answered = answered + 1
  if answered == stop_after then
    wrk.thread:stop()
    io.write("WRK_STOPPED\n")
    io.flush()
  end
  if status < 200 or status >= 300 or string.find(body, '"errors"', 1, true) then
    failed = failed + 1
    if first_error == "" then
      first_error = status .. " " .. string.sub(body, 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local failures, first = 0, ""
  for _, thread in ipairs(threads) do
    failures = failures + thread:get("failed")
    if first == "" then
      first = thread:get("first_error")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"completed":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"socketErrors":%d,"failed":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, failures))
  io.write("WRK_FIRST_ERROR " .. string.gsub(first, "\n", " ") .. "\n")
end
