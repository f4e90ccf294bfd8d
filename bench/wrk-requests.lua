-- wrk script: replays pre-generated requests, each used once, and counts replies that are not what was asked for.
-- REQUESTS_FILE: one "path<TAB>body" line a request (POST) or a "path<TAB>cookie" line (GET with REQUEST_METHOD=GET).
-- EXPECT: a plain substring every good reply body contains ("<Encrypt>" for /wechat, "2025-06-30" for the statement).
-- PATH_OVERRIDE: send every request to this path instead (the ceiling server answers any path).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = os.getenv("REQUESTS_FILE")
  local method = os.getenv("REQUEST_METHOD") or "POST"
  local override = os.getenv("PATH_OVERRIDE")
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  expect = os.getenv("EXPECT") or ""
  reqs = {}
  local n = 0
  for line in io.lines(file) do
    n = n + 1
    -- Each thread takes every nthreads-th line, so no request is sent twice within a run.
    if n % nthreads == id - 1 then
      local tab = line:find("\t", 1, true)
      local path, extra = line:sub(1, tab - 1), line:sub(tab + 1)
      if override and override ~= "" then path = override end
      if method == "GET" then
        table.insert(reqs, wrk.format("GET", path, { ["Cookie"] = extra }))
      else
        table.insert(reqs, wrk.format("POST", path, { ["Content-Type"] = "text/xml" }, extra))
      end
    end
  end
  i = 0
  bad = 0
  wrapped = 0
end

function request()
  i = i + 1
  if i > #reqs then i = 1; wrapped = 1 end
  return reqs[i]
end

function response(status, headers, body)
  if status ~= 200 or (expect ~= "" and not body:find(expect, 1, true)) then bad = bad + 1 end
end

function done(summary, latency, requests)
  local bad_total, wrapped_any = 0, 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + (t:get("bad") or 0)
    wrapped_any = math.max(wrapped_any, t:get("wrapped") or 0)
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d bad=%d socket_errors=%d reused=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    bad_total, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
      + summary.errors.status, wrapped_any))
end
