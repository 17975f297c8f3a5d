#!/usr/bin/env bash
# The baseline: what hand-written blue/green scripts do. Build, run the idle color, poll its health with a
# fixed sleep, rewrite the nginx include in place, nginx -s reload, stop the old color at once.
# Rollback is the same with the previous image (the old color is gone, so it starts cold).
#
#   baseline.sh deploy VERSION     build CONTEXT as APP:VERSION and cut over to it
#   baseline.sh rollback           cut back over to the image that was live before
#
# Environment: APP CONTEXT INCLUDE LISTEN BLUE_PORT GREEN_PORT STATE LABEL START_DELAY POLL NGINX (nginx argv
# prefix, e.g. "nginx -p PREFIX/ -c conf/nginx.conf"). Lines "@name nanos" mark the steps for the benchmark.
set -euo pipefail
stamp() { echo "@$1 $(date +%s%N)"; }

live_color=$(cat "$STATE/live-color" 2>/dev/null || echo none)
live_image=$(cat "$STATE/live-image" 2>/dev/null || echo none)
case "$1" in
  deploy)
    image="$APP:$2"
    stamp build-start
    docker build -q --label "$LABEL" -t "$image" "$CONTEXT" >/dev/null
    stamp build-end ;;
  rollback)
    image=$(cat "$STATE/previous-image") ;;
  *) echo "usage: $0 deploy VERSION | rollback" >&2; exit 2 ;;
esac

if [ "$live_color" = blue ]; then next=green; port=$GREEN_PORT; else next=blue; port=$BLUE_PORT; fi
docker rm -f "$APP-$next" >/dev/null 2>&1 || true
stamp run
docker run -d --init --name "$APP-$next" --label "$LABEL" -e PROTOSTAR_COLOR="$next" -e START_DELAY="$START_DELAY" \
  -p "127.0.0.1:$port:8080" "$image" >/dev/null

tries=0
until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "$APP-$next did not become healthy" >&2; exit 1; fi
  sleep "$POLL"
done
stamp healthy

stamp switch
cat > "$INCLUDE" <<CONF
upstream baseline_$APP { server 127.0.0.1:$port; }
server {
    listen $LISTEN;
    location / { proxy_pass http://baseline_$APP; }
}
CONF
$NGINX -s reload
stamp reloaded

if [ "$live_color" != none ]; then
  docker stop "$APP-$live_color" >/dev/null
  docker rm "$APP-$live_color" >/dev/null
fi
stamp stopped
echo "$next" > "$STATE/live-color"
echo "$image" > "$STATE/live-image"
echo "$live_image" > "$STATE/previous-image"
