#!/bin/sh
# walkthrough.sh — run the README's curl walk-through, exactly as printed, against
# a fresh demo server, and check what it printed: the README must not lie.
set -eu
bin=${MOTCUA_BIN:?run through meson}; src=${MOTCUA_SRC:?run through meson}
dir=$(mktemp -d "${MOTCUA_TEST_DIR:-/tmp}/readme-XXXXXX")
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" --db "$dir/db" demo >/dev/null
"$bin" --db "$dir/db" serve --port 0 --port-file "$dir/port" --data "$dir/data" --web /nonexistent 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
API="http://127.0.0.1:$(cat "$dir/port")/api/v1"; export API
sed -n '/<!-- walkthrough -->/,/<!-- \/walkthrough -->/p' "$src/README.md" | sed '1,2d;$d' | sed '$d' > "$dir/walk.sh"
out=$(sh -eu "$dir/walk.sh" 2>&1) || { echo "$out"; echo "readme: 0 passed, 1 failed"; exit 1; }
fails=0
check() { echo "$out" | grep -q -- "$1" || { echo "missing from the output: $1"; fails=$((fails + 1)); }; }
check '"time_label": "3 ngày làm việc"'
check '"status_label": "Được tiếp nhận"'
check '"next": "unit_leader"'
check '"status_label": "Đã xử lý xong"'
check '"on_time": true'
check '"status_label": "Đã trả kết quả"'
check '"dossier.invalid_transition"'
echo "$out" | grep -qE '^HCM\.THUDAUMOT-[0-9]{6}-0001$' || { echo "no dossier code"; fails=$((fails + 1)); }
[ $fails -eq 0 ] || { echo "$out"; echo "readme: 0 passed, 1 failed"; exit 1; }
echo "readme: 1 passed, 0 failed"
