#!/bin/sh
# build.sh — compile the benchmark drivers against a motcua build:
#   bench/build.sh BUILD_DIR OUT_DIR
# index_bench links the build's libmotcua.a (with mc_index_record wrapped, so it
# can time or skip it); sqlite_commit and pg_commit are bare references.
set -eu
build=$1; out=$2
mkdir -p "$out"
CC=${CC:-cc}
CFLAGS="-std=c17 -O2 -g -Wall -Wextra -Wpedantic -Werror -D_GNU_SOURCE"
pkgs="libmicrohttpd jansson sqlite3 libpq libsodium openssl libcurl libutf8proc libqrencode xlsxwriter"
$CC $CFLAGS -Isrc -I"$build" $(pkg-config --cflags $pkgs) bench/index_bench.c "$build/libmotcua.a" \
  -Wl,--wrap=mc_index_record $(pkg-config --libs $pkgs) -lhpdf -lm -lpthread -o "$out/index_bench"
$CC $CFLAGS bench/sqlite_commit.c $(pkg-config --libs sqlite3) -o "$out/sqlite_commit"
$CC $CFLAGS $(pkg-config --cflags libpq) bench/pg_commit.c $(pkg-config --libs libpq) -o "$out/pg_commit"
