#!/usr/bin/env bash
# A picture of the Dagster asset graph for the README: starts `dg dev` on a free port on copies of the
# instance (.dagster/) and the warehouse, so the graph shows the last build and nothing real is written,
# takes a headless Chromium screenshot and stops Dagster again.
#   bash scripts/screenshot.sh [URL_PATH [OUT_PNG]]
# The default page is the lineage of the report, which is everything upstream of it: the whole graph, fitted
# to the window (the global /asset-groups page is also handled: its groups are opened).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
url_path="${1:-/assets/report/news_report?view=lineage&lineageScope=upstream&lineageDepth=20}"
out="${2:-docs/asset_graph.png}"
case "$out" in /*) ;; *) out="$ROOT/$out" ;; esac
if [ ! -x /usr/bin/chromium ]; then
    echo "Installing chromium (Debian package)..." >&2
    apt-get install -y chromium >&2
fi

work="$(mktemp -d)"
pid=""
stop() {
    if [ -n "$pid" ]; then
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop EXIT

mkdir -p "$work/warehouse"
[ -d .dagster ] && cp -r .dagster "$work/dagster_home"
[ -f warehouse/news.duckdb ] && cp warehouse/news.duckdb "$work/warehouse/news.duckdb"
[ -f warehouse/report.html ] && cp warehouse/report.html "$work/warehouse/report.html"
export DAGSTER_HOME="$work/dagster_home" NEWS_WAREHOUSE="$work/warehouse/news.duckdb"
.venv/bin/python -c "from pipelines.instance import dagster_home; dagster_home()"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

echo "Starting dg dev on port $port (log: $work/dagster_dev.log)..." >&2
setsid .venv/bin/dg dev -h 127.0.0.1 -p "$port" >"$work/dagster_dev.log" 2>&1 &
pid=$!
disown "$pid"  # stopped by the trap, quietly

# Wait until the code location is loaded (the page would otherwise show a spinner), mark the "join the
# community" dialog as seen, and list the asset groups so the graph opens with all of them expanded.
expanded="$(.venv/bin/python - "$port" <<'PY'
import json, sys, time, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/graphql"


def graphql(query):
    request = urllib.request.Request(url, json.dumps({"query": query}).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request, timeout=10))["data"]


deadline = time.monotonic() + 300
while time.monotonic() < deadline:
    try:
        entries = graphql("{ workspaceOrError { ... on Workspace { locationEntries { loadStatus } } } }")
        entries = entries["workspaceOrError"]["locationEntries"]
        if entries and all(e["loadStatus"] == "LOADED" for e in entries):
            break
    except Exception:
        pass
    time.sleep(2)
else:
    sys.exit("dg dev did not load the code location in 300 s")
graphql("mutation { setNuxSeen }")
groups = sorted({node["groupName"] for node in graphql("{ assetNodes { groupName } }")["assetNodes"]})
print(",".join(f"global@global:{group}" for group in groups))
PY
)"
case "$url_path" in
    /asset-groups) url_path="/asset-groups?expanded=$expanded" ;;
esac

mkdir -p "$(dirname "$out")"
profile="$work/chromium"
echo "Taking the screenshot of $url_path..." >&2
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${SCREENSHOT_SIZE:-1500,1900}" --virtual-time-budget=20000 \
    --screenshot="$out" "http://127.0.0.1:$port$url_path" >"$work/chromium.log" 2>&1 \
    || { cat "$work/chromium.log" >&2; exit 1; }
[ -s "$out" ] || { cat "$work/chromium.log" >&2; echo "no screenshot written" >&2; exit 1; }
echo "Wrote $out" >&2

# With no arguments, also a picture of the report (it needs a Chinese font to show the names).
if [ $# -eq 0 ] && [ -f warehouse/report.html ]; then
    if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
        echo "Installing a Chinese font (Debian package fonts-wqy-microhei)..." >&2
        apt-get install -y fonts-wqy-microhei >&2
    fi
    /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" \
        --window-size=1200,1900 --virtual-time-budget=5000 \
        --screenshot="$ROOT/docs/report.png" "file://$ROOT/warehouse/report.html" >"$work/chromium.log" 2>&1 \
        || { cat "$work/chromium.log" >&2; exit 1; }
    echo "Wrote docs/report.png" >&2
fi
