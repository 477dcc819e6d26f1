#!/usr/bin/env python3
"""gen_procedures.py — writes data/demo/procedures.json, the demo province's
procedure catalogue (format: src/core/procedure.h), from the field modules in
scripts/catalog/. Deterministic: the same modules give the same file.

Usage: python3 scripts/gen_procedures.py [output]   (default data/demo/procedures.json)
"""
import datetime
import json
import os
import random
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import common  # noqa: E402
import importlib  # noqa: E402

# Field modules, in catalogue order; each adds its procedures to common.PROCS.
MODULES = ["hotich", "hotich2", "chungthuc", "cutru", "datdai", "datdai2", "giaothong", "dangkyxe", "dautu",
           "doanhnghiep", "tuphap", "yte", "yte2", "xaydung", "giaoduc", "laodong", "laodong2",
           "vanhoa", "congthuong", "nongnghiep", "noivu", "khcn", "taichinh"]
for _m in MODULES:
    if os.environ.get("CATALOG_PARTIAL") and not os.path.exists(
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog", _m + ".py")):
        continue
    importlib.import_module("catalog." + _m)

EPOCH = datetime.date(2023, 1, 2)          # first decision date considered (a Monday)
CITY = datetime.date(2025, 6, 16)          # the new city's departments re-announce their procedures
LAST = datetime.date(2025, 9, 30)          # last decision date
ABOLISHED = datetime.date(2024, 6, 28)     # abolished procedures were announced before this


def weekday_after(d, n):
    """The n-th Monday–Friday after d (n ≥ 0; n = 0 gives d moved to a weekday)."""
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def window(p):
    """The days an announcement decision of p can fall on: from its legal basis or the
    reform that moved it (p["_since"]); from the new city's re-announcement when its
    workflow names one of the city's units; abolished procedures before mid-2024."""
    start = max(EPOCH, datetime.date.fromisoformat(p["_since"]) if p["_since"] else EPOCH)
    if "HCM." in json.dumps(p["workflow"]):
        start = max(start, CITY)
    if not p["active"]:
        return EPOCH, (ABOLISHED - EPOCH).days
    return start, max((LAST - start).days, 1)


def assign_dates(procs):
    """Decision, effective and publication dates. About 70% are announced at
    least 5 working days before the legal basis takes effect (index 766, 1.1)
    and about 75% are published within 5 working days of the decision (1.2)."""
    rng = random.Random(766)
    batches = {}
    for i, p in enumerate(procs):
        start, span = window(p)
        # Procedures of one field are announced together, in a few decisions.
        key = (p["field_code"], start, p["active"])
        fb = batches.setdefault(key, [weekday_after(start + datetime.timedelta(days=rng.randrange(span)), 0)
                                      for _ in range(3)])
        decided = fb[i % 3]
        if i % 10 in (2, 5, 8):            # announced late: effective within 3 weekdays, or already in force
            eff = weekday_after(decided, rng.randrange(0, 4)) if i % 20 < 10 else \
                max(EPOCH, decided - datetime.timedelta(days=rng.randrange(5, 60)))
        else:
            eff = weekday_after(decided, rng.randrange(6, 25))
        if i % 4 == 1:                     # published late
            pub = weekday_after(decided, rng.randrange(8, 30))
        else:
            pub = weekday_after(decided, rng.randrange(0, 5))
        p["decided_on"], p["effective_on"], p["published_on"] = (d.isoformat() for d in (decided, eff, pub))
        del p["_since"]


def check(procs):
    codes = Counter(p["code"] for p in procs)
    dup = [c for c, n in codes.items() if n > 1]
    assert not dup, "duplicate codes: %s" % dup
    for p in procs:
        n = len(p["eform"]["fields"])
        assert 3 <= n <= 10, "%s: %d e-form fields" % (p["code"], n)
        assert 2 <= len(p["components"]) <= 6, "%s: %d components" % (p["code"], len(p["components"]))
        s = sum(st["share"] for st in p["workflow"]["steps"])
        assert s <= 1.0001, "%s: shares add up to %s" % (p["code"], s)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "demo", "procedures.json")
    procs = common.PROCS
    assign_dates(procs)
    check(procs)
    doc = {"format": "motcua-procedures/1", "procedures": procs}
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"format": "motcua-procedures/1",\n "procedures": [\n')
        f.write(",\n".join("  " + json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in procs))
        f.write("\n ]}\n")
    assert json.load(open(out, encoding="utf-8")) == doc
    online = sum(p["online_level"] != "none" for p in procs)
    full = sum(p["online_level"] == "full" for p in procs)
    print("%d procedures, %d online (%.1f%%), %d toàn trình, %d inactive" % (
        len(procs), online, 100.0 * online / len(procs), full, sum(not p["active"] for p in procs)))
    for code, n in sorted(Counter(p["field_name"] for p in procs).items()):
        print("  %-45s %3d" % (code, n))


if __name__ == "__main__":
    main()
