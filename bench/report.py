#!/usr/bin/env python3
"""Prints bench/run.sh's table, the cost-per-resource ratios and the BUDGET lines.

    report.py RESULTS.tsv [CORES LOAD_BEFORE LOAD_AFTER]

With the core count and the 1-minute load averages around the run, it warns when the
machine was busier than its cores, which makes wall times (and the wall budget) unreliable.

Each line of RESULTS.tsv: name, family, resources, command, status, median ms, min ms,
max ms, cpu ms (mean user + system), peak KiB (tab-separated; "nan" where the case
failed or was not measured).
"""

import math
import sys

ARTICLE = "examples/article"
ARTICLE_MAX_MS = 10.0
ARTICLE_MAX_MIB = 20.0
LINEAR_MAX_RATIO = 2.0


def num(s):
    try:
        return float(s)
    except ValueError:
        return math.nan


def fmt(x, digits=1):
    return "-" if x is None or math.isnan(x) else f"{x:.{digits}f}"


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            name, family, n, label, status, med, lo, hi, cpu, kib = line.rstrip("\n").split("\t")
            rows.append({
                "name": name, "family": family, "n": int(n) if n.isdigit() else None, "label": label,
                "status": status, "med": num(med), "min": num(lo), "max": num(hi), "cpu": num(cpu),
                "mib": num(kib) / 1024,
            })

    head = ["case", "resources", "command", "median ms", "min ms", "max ms", "cpu ms", "peak MB", "us/resource",
            "status"]
    table = []
    for r in rows:
        generated = r["family"] in ("network", "mixed")
        per = r["med"] * 1000 / r["n"] if generated and r["n"] else None
        table.append([r["name"], "-" if r["n"] is None else str(r["n"]), r["label"], fmt(r["med"]),
                      fmt(r["min"]), fmt(r["max"]), fmt(r["cpu"]), fmt(r["mib"]), fmt(per), r["status"]])
    widths = [max(len(head[i]), *(len(t[i]) for t in table)) for i in range(len(head))]
    right = {1, 3, 4, 5, 6, 7, 8}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print(line(t))
    print()
    print("median/min/max: wall time of the runs; cpu: mean user + system time of the same runs;")
    print("us/resource: median wall time / resources. MB = MiB (GNU time reports KiB).")
    print("`check` parses, checks, lowers and runs the IR checks, then the template limits (E0601")
    print("beyond 500 resources), and writes nothing; `build -o` also emits YAML and writes the file.")

    # Per-resource cost of `check` at each N: the only command that runs the same
    # phases at every N (for N > 500, `build` stops with E0601 before emitting too).
    budgets = []
    for family in ("network", "mixed"):
        pts = {r["n"]: r for r in rows
               if r["family"] == family and r["label"] == "check" and not math.isnan(r["med"])}
        if not pts:
            continue
        print()
        print(f"{family}: per-resource cost of `check` (every phase but emission)")
        per = {n: pts[n]["med"] * 1000 / n for n in sorted(pts)}
        cpu = {n: pts[n]["cpu"] * 1000 / n for n in sorted(pts)}
        base, cbase = per.get(1000), cpu.get(1000)
        print(f"  {'':>22} {'wall us':>9} {'vs 1000':>8} {'cpu us':>9} {'vs 1000':>8} {'peak KiB':>9}")
        for n in sorted(per):
            rel = f"x{per[n] / base:.2f}" if base else "-"
            crel = f"x{cpu[n] / cbase:.2f}" if cbase and not math.isnan(cbase) else "-"
            print(f"  {f'N={n}, per resource':>22} {per[n]:9.1f} {rel:>8} {fmt(cpu[n]):>9} {crel:>8} "
                  f"{pts[n]['mib'] * 1024 / n:9.1f}")
        ns = sorted(pts)
        for a, b in zip(ns, ns[1:]):
            dt = (pts[b]["med"] - pts[a]["med"]) * 1000 / (b - a)
            dc = (pts[b]["cpu"] - pts[a]["cpu"]) * 1000 / (b - a)
            dm = (pts[b]["mib"] - pts[a]["mib"]) * 1024 / (b - a)
            print(f"  {f'marginal {a}->{b}':>22} {dt:9.1f} {'':>8} {fmt(dc):>9} {'':>8} {dm:9.1f}")
        if 1000 in per and 10000 in per:
            ratio = per[10000] / per[1000]
            ok = ratio <= LINEAR_MAX_RATIO
            budgets.append(f"BUDGET {'PASS' if ok else 'FAIL'} linear cost ({family}): per-resource cost at "
                           f"N=10000 is x{ratio:.2f} the one at N=1000 (budget: at most x{LINEAR_MAX_RATIO:g})")
        else:
            budgets.append(f"BUDGET FAIL linear cost ({family}): no timing for N=1000 and N=10000")

    article = next((r for r in rows if r["name"] == ARTICLE), None)
    if article is None or math.isnan(article["med"]):
        why = "not measured" if article is None else article["status"]
        budgets.insert(0, f"BUDGET FAIL {ARTICLE}.infra wall time: {why}")
        budgets.insert(1, f"BUDGET FAIL {ARTICLE}.infra peak memory: {why}")
    else:
        ok = article["med"] < ARTICLE_MAX_MS
        budgets.insert(0, f"BUDGET {'PASS' if ok else 'FAIL'} {ARTICLE}.infra wall time: median "
                          f"{article['med']:.2f} ms (budget: under {ARTICLE_MAX_MS:g} ms"
                          + ("" if math.isnan(article["cpu"]) else f"; cpu {article['cpu']:.1f} ms") + ")")
        ok = article["mib"] < ARTICLE_MAX_MIB
        budgets.insert(1, f"BUDGET {'PASS' if ok else 'FAIL'} {ARTICLE}.infra peak memory: "
                          f"{article['mib']:.1f} MB (budget: under {ARTICLE_MAX_MIB:g} MB)")
    print()
    for b in budgets:
        print(b)
    if len(sys.argv) >= 5:
        cores, loads = num(sys.argv[2]), [num(x) for x in sys.argv[3:5]]
        if max(loads) > cores:
            print(f"NOTE: the load average reached {max(loads):.1f} on {cores:g} cores during the run: runs "
                  "waited for a core, so wall times are inflated; compare the cpu column and the ratios")


if __name__ == "__main__":
    main()
