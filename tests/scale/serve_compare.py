#!/usr/bin/env python3
"""Compares the HTTP API of two `dyad serve` instances request by request
(tests/scale/scale_test.sh: one over the SQLite store, one over PostgreSQL
with --pg): every answer's status and body must be byte-identical.

  serve_compare.py BASE_A BASE_B EVENT_ID DOC_ID
Prints one line per request; exits 1 when any answer differs."""
import json
import sys
import urllib.error
import urllib.request

base_a, base_b, event_id, doc_id = sys.argv[1:5]


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def first_cursor(path):

    status, body = get(base_a, path)
    return json.loads(body).get("next") if status == 200 else None


paths = [
    "/v1/stats",
    "/v1/events",
    "/v1/events?actor=rus&limit=50",
    "/v1/events?actor=RUS&actor2=ukr",
    "/v1/events?root=04&quad_class=1&date_from=2018&date_to=2020-06",
    "/v1/events?place=gen%C3%A8ve&text=MET",
    "/v1/events?outlet=WIRE3.example&limit=1000",
    "/v1/events/" + event_id,
    "/v1/events/1",
    "/v1/documents?limit=30",
    "/v1/documents/" + doc_id,
    "/v1/documents/1",
    "/v1/actors",
    "/v1/actors?q=rus",
    "/v1/dyads?actor=RUS&actor2=UKR",
    "/v1/dyads?actor=CHN&by=year",
    "/v1/places",
    "/v1/places?root=19",
    "/v1/quotes",
    "/v1/events?root=99",
]
cursor = first_cursor("/v1/events?limit=25")
if cursor:
    paths.append("/v1/events?limit=25&cursor=" + cursor)
else:
    print("FAIL: no cursor after the first page of events")
    sys.exit(1)

fail = 0
for path in paths:
    a, b = get(base_a, path), get(base_b, path)
    if a == b:
        print(f"GET {path}: identical ({a[0]}, {len(a[1])} bytes)")
    else:
        print(f"FAIL: GET {path}: {a[0]} {a[1][:200]!r} vs {b[0]} {b[1][:200]!r}")
        fail = 1
sys.exit(fail)
