#!/bin/sh
# Serves "<version> <color>" on /, "ok" on /health once started, and /cgi-bin/slow (0.3 s).
# A VERSION file ending in "-unhealthy" never serves /health; one ending in "-broken" serves /health but not /.
version=$(cat /VERSION)
sleep "$START_DELAY"
mkdir -p /srv/cgi-bin
cp /www/cgi-bin/* /srv/cgi-bin/
case "$version" in
  *-unhealthy) ;;
  *) echo ok > /srv/health ;;
esac
case "$version" in
  *-broken) ;;
  *) echo "$version $PROTOSTAR_COLOR" > /srv/index.html ;;
esac
exec httpd -f -p 8080 -h /srv
