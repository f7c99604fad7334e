# Starts the engines of the scale-out mode on loopback for tests and
# benchmarks (sourced by tests/scale/scale_test.sh and bench/scale/run):
# nats-server with JetStream and a throwaway PostgreSQL cluster (initdb into
# a temporary folder, pg_ctl; run as `nobody` when we are root, as
# PostgreSQL refuses root). Sets $work, $nats and $pg and removes everything
# at exit. Exits 77 (skipped) when an engine is missing or cannot start.

skip() { echo "SKIP: $*"; exit 77; }
pgbin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pgbin="$d"; done
command -v nats-server >/dev/null || skip "nats-server not installed (apt-get install nats-server)"
[ -n "$pgbin" ] || skip "PostgreSQL not installed (apt-get install postgresql)"
command -v psql >/dev/null || skip "psql not installed"

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
pg_started=0
as_pg=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  if [ "$pg_started" = 1 ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$(id -u)" = 0 ]; then
  command -v runuser >/dev/null || skip "running as root and runuser is missing"
  id nobody >/dev/null 2>&1 || skip "running as root and there is no user nobody"
  as_pg=(runuser -u nobody --)
fi
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
pg_port="$(free_port)"
nats_port="$(free_port)"

mkdir -p "$work/pg" "$work/sock" "$work/js"
[ "$(id -u)" = 0 ] && chown nobody "$work/pg" "$work/sock"
if ! "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U dyad --auth=trust -E UTF8 --no-locale \
  --no-sync >"$work/initdb.log" 2>&1; then
  cat "$work/initdb.log"
  skip "initdb failed"
fi
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/sock/pg.log" -w -t 60 \
  -o "-p $pg_port -k $work/sock -c listen_addresses=127.0.0.1 -c max_connections=50" \
  start >/dev/null || { cat "$work/sock/pg.log"; skip "PostgreSQL did not start"; }
pg_started=1
pg="postgresql://dyad@127.0.0.1:$pg_port/postgres"

nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$work/js" >"$work/nats.log" 2>&1 &
pids+=($!)
nats="nats://127.0.0.1:$nats_port"
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break
  sleep 0.1
done

# Documents in the shared store.
docs() { psql -tAq "$pg" -c "SELECT count(*) FROM documents" 2>/dev/null || echo 0; }
