#!/bin/sh
# deps.sh — install the Debian packages motcua needs to build and test, if any is missing.
# Idempotent and quiet when everything is there; uses sudo when not run as root.
set -eu
PKGS="meson ninja-build gcc clang pkg-config python3
libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libssl-dev
libcurl4-openssl-dev libhpdf-dev libqrencode-dev libxlsxwriter-dev libutf8proc-dev
libcriterion-dev libclang-rt-14-dev libpq-dev sqlite3 curl jq nodejs
postgresql-15 postgresql-client-15 chromium fonts-noto-core fonts-dejavu-core poppler-utils zbar-tools
nginx-light"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# npm comes with some Node.js builds and as its own Debian package with others.
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
