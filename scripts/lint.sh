#!/bin/sh
# lint.sh — project rules that a compiler does not check (run by `make test`):
#   banned string/number functions, a header comment on every source file,
#   no SQL text outside src/store/sql, source files of readable size.
# Prints each finding as FILE:LINE: rule, and exits 1 when there is any.
set -u
cd "$(dirname "$0")/.."
status=0
fail() { echo "$1"; status=1; }

banned=$(grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|atoll|strtok)\s*\(' \
  --include='*.c' --include='*.h' src tests fuzz 2>/dev/null)
[ -n "$banned" ] && fail "$(echo "$banned" | sed 's/$/  [banned function: use snprintf, mc_strlcpy, mc_parse_i64, strtok_r]/')"

for f in $(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'fuzz/*.c' 'scripts/*' 'src/*.sql' 2>/dev/null); do
  [ -f "$f" ] || continue
  first=$(head -n 2 "$f")
  case "$f" in
    *.c|*.h) echo "$first" | grep -q '^/\*' || fail "$f:1: no header comment (/* file — what it is for */)";;
    *.sql) echo "$first" | grep -q '^--' || fail "$f:1: no header comment (-- file — what it is for)";;
    *) echo "$first" | grep -qE '^(#|"""|//)' || fail "$f:1: no header comment";;
  esac
done

sql=$(grep -rnE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)\b' \
  --include='*.c' src/core src/http src/cli 2>/dev/null)
[ -n "$sql" ] && fail "$(echo "$sql" | sed 's/$/  [SQL text belongs in src\/store\/sql\/*.sql]/')"

for f in $(git ls-files 'src/*.c' 2>/dev/null); do
  [ -f "$f" ] || continue
  n=$(wc -l < "$f")
  [ "$n" -gt 1000 ] && fail "$f: $n lines (split it along a seam; limit 1000)"
done

[ $status -eq 0 ] && echo "lint: 1 passed, 0 failed" || echo "lint: 0 passed, 1 failed"
exit $status
