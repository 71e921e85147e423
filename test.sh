#!/usr/bin/env bash
# Runs the whole test suite the way CI does: installs what the tests need and is missing, starts
# Redis and PostgreSQL on loopback in a temporary folder, runs `dotnet test` on the solution, stops
# what it started, and ends with one line `N passed, N failed` summed over every test project.
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- 1. Install what is missing (Debian packages; CI and developers run as root). -----------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/postgres" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || log "apt-get install failed; tests that need ${missing[*]} will fail under CI=true"
fi

# --- 2. Start Redis and PostgreSQL on loopback in a temporary folder. ------------------------------
services=$(mktemp -d /tmp/onlinegroup-services.XXXXXX)
chmod 755 "$services"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || shuf -i 20000-45000 -n 1; }
redis_pid=""; pg_started=""
cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null
  if [ -n "$pg_started" ]; then
    run_as_pg "$(pg_bin)/pg_ctl" -D "$services/pg" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$services"
}
trap cleanup EXIT
run_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if command -v redis-server >/dev/null 2>&1; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$services" --save '' --appendonly no \
    --daemonize no >"$services/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export OnlineGroupTests__Redis="127.0.0.1:$redis_port"
  log "redis on 127.0.0.1:$redis_port"
fi

if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/postgres" ]; then
  pg_port=$(free_port)
  mkdir -p "$services/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$services/pg"
  if run_as_pg "$(pg_bin)/initdb" -D "$services/pg" -U postgres --auth=trust >"$services/initdb.log" 2>&1 \
     && run_as_pg "$(pg_bin)/pg_ctl" -D "$services/pg" -l "$services/pg/server.log" -w \
          -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $services/pg -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
    pg_started=1
    export OnlineGroupTests__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    log "postgresql on 127.0.0.1:$pg_port"
  else
    log "could not start PostgreSQL (see $services/initdb.log)"
  fi
fi

# --- 3. Build once, then run every test project, collecting TRX results. --------------------------
results="$services/results"
mkdir -p "$results"
status=0
if ! dotnet build OnlineGroup.sln -c Debug -nologo -clp:ErrorsOnly; then
  log "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test OnlineGroup.sln --no-build -c Debug -nologo --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=1

# --- 4. One line summed over the run. -------------------------------------------------------------
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done
[ "$failed" -gt 0 ] && status=1
# CI keeps only the end of the output, so name every failed test (and the first lines of its
# message) here, right above the summary line, instead of leaving it thousands of lines up.
if [ "$failed" -gt 0 ]; then
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    python3 - "$trx" <<'PY' 2>/dev/null || grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/^testName="\([^"]*\)".*/FAILED \1/'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    print("FAILED " + r.get("testName", "?"))
    message = r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip().splitlines()
    for line in message[:6]:
        print("    " + line[:300])
PY
  done
fi
if ls "$results"/*.trx >/dev/null 2>&1; then :; else status=1; failed=$((failed + 1)); log "no test results were written"; fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
