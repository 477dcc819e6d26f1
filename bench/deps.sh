#!/bin/sh
# deps.sh — install what `make bench` and `make soak` need beyond scripts/deps.sh:
# wrk (the HTTP load generator) and nginx (the static-file reference), from Debian.
# Idempotent and quiet when everything is there; uses sudo when not run as root.
set -eu
missing=""
for p in wrk nginx-light procps; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# nginx-full or nginx-core serve a static file just as well.
if [ -n "$missing" ] && command -v nginx >/dev/null 2>&1; then missing=$(echo "$missing" | sed 's/ nginx-light//'); fi
[ -z "$(echo "$missing" | tr -d ' ')" ] && exit 0
echo "bench deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
