#!/usr/bin/env bash
# A/B harness for the intake (ADR 0023, sessions 25–26): peak throughput of one app build, measured the way the
# ADR's tables compare builds. A fresh demo database, a 40 s warm-up, then two 20 s peaks at 32 connections through
# POST /api/v1/events. Each peak prints req/s, p99, the app's CPU per report and the machine's idle share. Then the
# rows a report left behind. Alternate builds (A B A B) and compare run 1 with run 1: the second window always
# holds the minute's job tick and a bigger database.
#
#   BIN=src/Jiexin.Web/bin/Release/net10.0 bash benchmarks/intake/ab.sh shipped
#   EXTRA="--Jiexin:Outbox:Enabled=false" BIN=… bash benchmarks/intake/ab.sh no-delivery
#   HOOK='import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("drop index …")' BIN=… bash benchmarks/intake/ab.sh no-index
#
# HOOK is Python run once the app is up and seeded, before the warm-up, with the database file as its argument: a
# schema or data change measured without a build (session 27 dropped the audit log's indexes this way).
#
# writer_* figures: the group commit thread's own CPU per report and its share of the 20 s on a CPU / runnable but waiting.
# Copy a build's output folder aside (cp -r …/net10.0 /tmp/a) before building the other. Needs wrk and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
label=${1:?usage: BIN=folder-with-Jiexin.Web.dll bash benchmarks/intake/ab.sh LABEL}
BIN=${BIN:-src/Jiexin.Web/bin/Release/net10.0}
PORT=${PORT:-5302}
WORK=$(mktemp -d /tmp/jiexin-intake-ab.XXXXXX)
PASSWORD="Bench-$(date +%s)-Pw"
export POINTS="$WORK/points.txt"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
# shellcheck source=benchmarks/intake/app.sh
source benchmarks/intake/app.sh

app_pid=
trap 'kill "$app_pid" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086 # EXTRA is a list of options
start_app "$BIN" "$WORK" "$PORT" "$PASSWORD" ${EXTRA:-}
login_and_points "$PORT" "$PASSWORD" "$POINTS"
if [ -n "${HOOK:-}" ]; then python3 -c "$HOOK" "$WORK/app/jiexin.db"; fi
export TOKEN

url="http://127.0.0.1:$PORT/api/v1/events"
RUN=warm wrk -t2 -c32 -d40s -s benchmarks/intake/post.lua "$url" >/dev/null
app_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
machine() { awk '/^cpu /{ total = 0; for (i = 2; i <= NF; i++) total += $i; print $5 + $6, total; exit }' /proc/stat; }
hz=$(getconf CLK_TCK)
# The group commit's writer thread (comm is cut to 15 characters): its time on a CPU and waiting for one, from schedstat.
# A build without that thread (before ADR 0023 session 27) prints zeros for them.
writer_comm=$(grep -l '^Jiexin group co' /proc/"$app_pid"/task/*/comm 2>/dev/null | head -n 1 || true)
writer() { if [ -n "$writer_comm" ]; then awk '{print $1, $2}' "${writer_comm%/comm}/schedstat"; else echo 0 0; fi; }
for run in 1 2; do
  a0=$(app_ticks); read -r idle0 total0 < <(machine); read -r on0 wait0 < <(writer)
  out=$(RUN="p$run" wrk -t2 -c32 -d20s --latency -s benchmarks/intake/post.lua "$url")
  a1=$(app_ticks); read -r idle1 total1 < <(machine); read -r on1 wait1 < <(writer)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  python3 -c "print(f'$label run$run rps=$rps p99=$p99 app_cpu_ms_per_report={($a1 - $a0) * 1000 / $hz / ($rps * 20):.3f} machine_idle={100 * ($idle1 - $idle0) / ($total1 - $total0):.0f}%'
    f' writer_cpu_ms_per_report={($on1 - $on0) / 1e6 / ($rps * 20):.3f} writer_on_cpu={($on1 - $on0) / 2e8:.0f}% writer_runnable={($wait1 - $wait0) / 2e8:.0f}%')"
done

sleep 3
kill -TERM "$app_pid"; wait "$app_pid" 2>/dev/null || true
python3 - "$WORK/app/jiexin.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
events = db.execute("select count(*) from events_events").fetchone()[0]
print(f"rows per report (of {events} events):", ", ".join(
    f"{t} {db.execute(f'select count(*) from {t}').fetchone()[0] / events:.2f}"
    for t in ["events_timeline", "platform_audit_entries", "platform_outbox", "platform_user_notifications", "analytics_event_deltas"]),
    "| outbox pending", db.execute("select count(*) from platform_outbox where ProcessedAt is null").fetchone()[0])
PY
