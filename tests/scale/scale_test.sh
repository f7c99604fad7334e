#!/usr/bin/env bash
# Integration test of the scale-out mode (docs/scale.md): starts nats-server
# (JetStream) and a throwaway PostgreSQL on loopback, enqueues N generated
# articles, runs three workers, kills one with kill -9 mid-run and restarts
# it, stops another with SIGTERM (it must exit 0) and restarts it, lets the
# third merge every 2 seconds meanwhile, merges at the end, and checks that
# the shared store holds exactly N documents and the same events and
# mentions as a single-process `dyad ingest` of the same articles into
# SQLite: every export format, many `dyad query` filters and `dyad show`,
# read from PostgreSQL with --pg, must print byte for byte what they print
# from the SQLite store. Runs the unit tests that need a server. Then checks that a batch PostgreSQL refuses because of one article
# loses only that article. Exits 77 (skipped) when nats-server or PostgreSQL is
# not installed, or PostgreSQL cannot run (as root without a user to run it).
#
#   tests/scale/scale_test.sh DYAD_BINARY [ARTICLES]     default 5000
set -euo pipefail
dyad="$(realpath "$1")"
n="${2:-5000}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

source "$here/engines.sh"

python3 "$root/bench/serve/gen_corpus.py" "$n" 11 >"$work/corpus.jsonl"

# The reference: one process, SQLite.
"$dyad" ingest --quiet --db "$work/single.db" "$work/corpus.jsonl"

"$dyad" enqueue --quiet --nats "$nats" "$work/corpus.jsonl"
worker() {
  "$dyad" work --quiet --nats "$nats" --pg "$pg" --batch 16 --ack-wait 3 --idle-exit 6 "${@:2}" \
    2>>"$work/worker$1.log" &
  pids+=($!)
}
# Waits until $1 documents are stored; fails at once when no worker is left.
wait_for_docs() {
  for _ in $(seq 600); do
    [ "$(docs)" -ge "$1" ] && return 0
    local alive=0 p
    for p in "${pids[@]:1}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 1 ] || { echo "FAIL: every worker exited, $(docs) of $n stored"; cat "$work"/worker*.log; exit 1; }
    sleep 0.2
  done
}
worker 1
victim=${pids[-1]}
worker 2
# Worker 3 also merges every 2 seconds while the others write: the merges
# in between must not change the final result.
worker 3 --merge-every 2
# Kill worker 1 mid-run (after a fifth of the articles are stored), then
# restart it.
wait_for_docs $((n / 5))
stored_at_kill="$(docs)"
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
worker 1
# Stop worker 2 with SIGTERM later on: it must commit what it coded, return
# the rest of its batch to the queue and exit 0; then restart it.
wait_for_docs $((n * 2 / 5))
kill -TERM "${pids[2]}"
term_rc=0
wait "${pids[2]}" || term_rc=$?
[ "$term_rc" = 0 ] || { echo "FAIL: worker 2 exited $term_rc on SIGTERM"; exit 1; }
worker 2
for p in "${pids[@]:1}"; do wait "$p" 2>/dev/null || true; done
pids=("${pids[0]}")

"$dyad" merge --quiet --pg "$pg"

got="$(docs)"
echo "documents: $got of $n (worker 1 killed with $stored_at_kill stored)"
[ "$got" = "$n" ] || { echo "FAIL: expected $n documents"; cat "$work"/worker*.log; exit 1; }
[ "$stored_at_kill" -lt "$n" ] || { echo "FAIL: the kill came after the run"; exit 1; }

fail=0
# Every export format read from PostgreSQL must be byte-identical to the
# single-process ingest's.
for format in jsonl gdelt-events gdelt-mentions csv plover quotes; do
  "$dyad" export --db "$work/single.db" --format "$format" >"$work/single.$format"
  "$dyad" export --pg "$pg" --format "$format" >"$work/pg.$format"
  lines="$(wc -l <"$work/single.$format")"
  if cmp -s "$work/single.$format" "$work/pg.$format"; then
    echo "export --format $format: identical ($lines lines)"
  else
    echo "FAIL: export --format $format differs from the single-process ingest"
    diff "$work/single.$format" "$work/pg.$format" | head -20
    fail=1
  fi
done
[ "$(wc -l <"$work/single.jsonl")" -gt 0 ] || { echo "FAIL: no events"; fail=1; }

# Queries and show: `dyad CMD --pg URL ARGS` must print what `dyad CMD --db
# single.db ARGS` prints (standard output, standard error with the store's
# name masked, exit code).
same() {
  local cmd="$1" rs=0 rp=0
  shift
  "$dyad" "$cmd" --db "$work/single.db" "$@" >"$work/q.db" 2>"$work/q.db.err" || rs=$?
  "$dyad" "$cmd" --pg "$pg" "$@" >"$work/q.pg" 2>"$work/q.pg.err" || rp=$?
  sed -i "s|$work/single.db|STORE|g" "$work/q.db.err"
  sed -i "s|$pg|STORE|g" "$work/q.pg.err"
  if [ "$rs" = "$rp" ] && cmp -s "$work/q.db" "$work/q.pg" && cmp -s "$work/q.db.err" "$work/q.pg.err"
  then
    echo "$cmd $*: identical ($(wc -l <"$work/q.db") lines, exit $rs)"
  else
    echo "FAIL: $cmd $*: --pg differs from --db (exit $rs and $rp)"
    diff "$work/q.db" "$work/q.pg" | head -6
    diff "$work/q.db.err" "$work/q.pg.err" | head -4
    fail=1
  fi
}
same query
same query --actor rus --limit 0
same query --actor russia --format json
same query --actor RUS --actor2 ukr --limit 0 --format csv
same query --source RUS --target ukr --limit 0
same query --root 04 --format json --urls
same query --code 1 --limit 50
same query --quad material-conflict --limit 1500 --format csv
same query --from 2019-01 --to 2019-06 --limit 0
same query --from 2015 --format csv
same query --place ET --limit 0
same query --place genève --format json
same query --place GENÈVE
same query --outlet WIRE3.example --limit 0
same query --text EXPELLED --limit 30
same query --text "100%" --limit 0
same query --actor CAN --root 16 --from 2016 --to 2020 --format csv
same export --format gdelt-mentions --actor CHN --quad 4
# Paging: the second page starts after the cursor the first one printed.
"$dyad" query --pg "$pg" --limit 40 --format csv 2>"$work/cursor" >/dev/null
after="$(sed -n 's/.*add --after \([0-9]*\).*/\1/p' "$work/cursor")"
[ -n "$after" ] || { echo "FAIL: no cursor after the first page"; fail=1; }
same query --limit 40 --format csv --after "${after:-0}"
busiest="$(psql -tAq "$pg" -c "SELECT id FROM events ORDER BY num_mentions DESC, id LIMIT 1")"
same show event "$busiest"
same show event "$(psql -tAq "$pg" -c "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET 99")"
same show doc "$(psql -tAq "$pg" -c "SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET 17")"
same show event 1
same show doc 1

# The HTTP API: `dyad serve --pg` must answer every request as `dyad serve
# --db` does.
serve() {
  local port
  port="$(free_port)"
  "$dyad" serve --no-web --port "$port" "$@" >"$work/serve$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  served="http://127.0.0.1:$port"
}
serve --db "$work/single.db"
serve_db="$served"
serve --pg "$pg"
python3 "$here/serve_compare.py" "$serve_db" "$served" "$busiest" \
  "$(psql -tAq "$pg" -c "SELECT id FROM documents ORDER BY id LIMIT 1 OFFSET 17")" || fail=1

# The unit tests that need a server, each suite in a schema of its own:
# PgStore (id collisions) and PgReader (reads answer as SQLite's).
tests="$(dirname "$dyad")/dyad_tests"
if [ -x "$tests" ]; then
  psql -qAt "$pg" -c "CREATE SCHEMA unit; CREATE SCHEMA reader; CREATE SCHEMA empty" >/dev/null
  DYAD_TEST_PG="$pg?options=-csearch_path%3Dunit" "$tests" --gtest_filter='PgStore.*' || fail=1
  DYAD_TEST_PG="$pg?options=-csearch_path%3Dreader" \
    DYAD_TEST_PG_EMPTY="$pg?options=-csearch_path%3Dempty" \
    "$tests" --gtest_filter='PgReader.*' || fail=1
else
  echo "note: $tests not built; PgStore unit tests not run"
fi

# A batch that PostgreSQL refuses (here: a CHECK constraint against one URL)
# is stored article by article: the one refused is reported and dropped, the
# others are stored, and the worker goes on.
psql -qAt "$pg" -c "CREATE SCHEMA poison" >/dev/null
pg_poison="$pg?options=-csearch_path%3Dpoison"
"$dyad" merge --quiet --pg "$pg_poison"  # creates the schema's tables
psql -qAt "$pg_poison" -c \
  "ALTER TABLE documents ADD CONSTRAINT no_poison CHECK (url NOT LIKE '%poison%')" >/dev/null
head -n 20 "$work/corpus.jsonl" |
  sed '7s|"url": *"[^"]*"|"url": "https://poison.example/7"|' >"$work/poison.jsonl"
grep -q poison.example "$work/poison.jsonl" || { echo "FAIL: no poisoned record"; exit 1; }
"$dyad" enqueue --quiet --nats "$nats" --stream POISON --subject poison.articles \
  "$work/poison.jsonl"
"$dyad" work --quiet --nats "$nats" --stream POISON --subject poison.articles \
  --pg "$pg_poison" --idle-exit 2 2>"$work/poison.log" || fail=1
stored="$(psql -tAq "$pg_poison" -c "SELECT count(*) FROM documents")"
if [ "$stored" = 19 ] && grep -q "poison.jsonl:7: cannot store" "$work/poison.log"; then
  echo "refused article: reported and dropped, the other 19 stored"
else
  echo "FAIL: refused article: $stored stored"
  cat "$work/poison.log"
  fail=1
fi
exit "$fail"
