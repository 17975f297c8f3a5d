#!/bin/sh
# Serves "<version> <color>" on /, "ok" on /health once started, and /cgi-bin/slow (0.3 s).
# A VERSION file ending in "-unhealthy" never serves /health; one ending in "-broken" serves /health but not /.
# START_DELAY (seconds) simulates a slow start. The log's "started" and "ready" lines carry the times at which
# the app began and began serving (to the nanosecond, from file stamps: busybox date has no %N), for the benchmark.
mkdir -p /run
touch /run/started
echo "protostar-sample started $(stat -c %y /run/started)"
version=$(cat /VERSION)
sleep "$START_DELAY"
mkdir -p /srv/cgi-bin
cp /www/cgi-bin/* /srv/cgi-bin/
case "$version" in
  *-broken) ;;
  *) echo "$version $PROTOSTAR_COLOR" > /srv/index.html ;;
esac
case "$version" in
  *-unhealthy) ;;
  *) echo ok > /srv/health; echo "protostar-sample ready $(stat -c %y /srv/health)" ;;
esac
exec httpd -f -p 8080 -h /srv
