// lunar_reference.mjs — an independent Vietnamese lunar calendar for
// tests/core/test_lunar.c: prints, for every solar day of [FROM, TO] (default
// 1900–2100), "YYYY-MM-DD DAY MONTH YEAR LEAP" as computed by @dqcai/vn-lunar
// (MIT), which reads Hồ Ngọc Đức's precomputed month tables rather than
// computing new moons: a different method and a different code base from
// src/core/lunar.c. Install it with `npm ci --prefix tests` (tests/package.json).
let lib;
try {
  lib = await import('@dqcai/vn-lunar');
} catch (e) {
  console.error(`lunar_reference: cannot load @dqcai/vn-lunar (${e.message}).\n` +
                'Install the test dependencies: npm ci --prefix tests');
  process.exit(2);
}
const from = Number(process.argv[2] || 1900), to = Number(process.argv[3] || 2100);
const pad = (n, w) => String(n).padStart(w, '0');
const out = [];
for (let t = Date.UTC(from, 0, 1); t <= Date.UTC(to, 11, 31); t += 86400000) {
  const d = new Date(t);
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  const l = lib.getLunarDate(day, m, y);
  if (!l || !l.day) {
    console.error(`lunar_reference: no lunar date for ${y}-${m}-${day}`);
    process.exit(3);
  }
  out.push(`${pad(y, 4)}-${pad(m, 2)}-${pad(day, 2)} ${l.day} ${l.month} ${l.year} ${l.leap ? 1 : 0}`);
}
process.stdout.write(out.join('\n') + '\n');
