-- wrk script: rotates through ten /v1/events queries a dashboard sends
-- (first pages, a cursor page, actor, actor pair, quad class, root, date
-- ranges); after the first round they come from the response cache.
local paths = {
  "/v1/events?limit=100",
  "/v1/events?limit=50&actor=RUS",
  "/v1/events?limit=50&actor=CHN&actor2=JPN",
  "/v1/events?limit=100&quad_class=4",
  "/v1/events?limit=100&root=04&date_from=2019-01-01&date_to=2019-12-31",
  "/v1/events?limit=20&source_country=IND",
  "/v1/events?limit=100&cursor=4000000000000000",
  "/v1/events?limit=50&date_from=2022-03&date_to=2022-04",
  "/v1/events?limit=10&code=112",
  "/v1/events?limit=100&target_country=UKR&quad_class=3",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
