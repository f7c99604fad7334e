-- wrk script: every request is a different /v1/events query (a random
-- cursor, with a random filter from the corpus set), so no answer comes from
-- the server's response cache: this measures the store's queries.
local filters = {
  "", "&actor=RUS", "&quad_class=4", "&root=04", "&source_country=IND",
  "&date_from=2019-01-01&date_to=2020-12-31", "&code=112", "&target_country=UKR&quad_class=3",
  "&place=CH", "&actor=Japan",
}
local i = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  i = i + 1
  -- a random id below 2^53, built from small integers (LuaJIT numbers)
  local cursor = tostring(math.random(0, 9006)) .. string.format("%06d%06d", math.random(0, 999999), math.random(0, 999999))
  local limit = ({10, 20, 50, 100})[math.random(1, 4)]
  return wrk.format("GET", "/v1/events?limit=" .. limit .. "&cursor=" .. cursor .. filters[(i % #filters) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
