# Sourced by run.sh and ab.sh: the app on a fresh demo database, a grid worker's token, one point per grid.

wait_ready() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

# start_app BIN WORK PORT PASSWORD [app options…] — starts the app in the background (sets app_pid) and waits until it
# is ready. Uses the app's deployed GC setting (deploy/systemd/jiexin@.service, launchSettings.json; ADR 0023, session
# 13): the runtime reads it only from the environment.
start_app() {
  local bin=$1 work=$2 port=$3 password=$4
  shift 4
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}" \
    dotnet "$bin/Jiexin.Web.dll" --urls "http://127.0.0.1:$port" --Jiexin:DataDir="$work/app" --Jiexin:DemoPassword="$password" "$@" \
    >"$work/app.log" 2>&1 &
  app_pid=$!
  wait_ready "http://127.0.0.1:$port/readyz"
}

# login_and_points PORT PASSWORD POINTS — logs in as grid01 (sets TOKEN) and writes one interior-ish point per grid
# (vertex average) to POINTS, so every report lands in a grid.
login_and_points() {
  local port=$1 password=$2 points=$3
  TOKEN=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"grid01\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  curl -fs "http://127.0.0.1:$port/api/v1/territory/grids" -H "Authorization: Bearer $TOKEN" | python3 -c '
import json, sys
for f in json.load(sys.stdin)["features"]:
    ring = f["geometry"]["coordinates"][0][:-1]
    print(sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring))' >"$points"
}
