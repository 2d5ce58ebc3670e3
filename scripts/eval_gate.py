#!/usr/bin/env python3
"""Compare `attache eval --json` outputs with the checked-in baseline.

baseline.json: {"<eval name>": {"<dotted.path>": figure, ...}, ...}. Every figure must be at
least baseline - 0.005. With --update, rewrite the baseline from the current outputs (same keys).
"""
import json
import os
import sys

TOLERANCE = 0.005


def get(d, path):
    for k in path.split("."):
        d = d[k]
    return float(d)


def main():
    base_path, out_dir = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    base = json.load(open(base_path))
    failed = []
    for name, figures in base.items():
        p = os.path.join(out_dir, name + ".json")
        if not os.path.exists(p):
            failed.append(f"{name}: no output (the eval did not run)")
            continue
        cur = json.load(open(p))
        for key, want in figures.items():
            got = get(cur, key)
            status = "ok"
            if got < want - TOLERANCE:
                status = "DROP"
                failed.append(f"{name} {key}: {got:.4f} < baseline {want:.4f}")
            print(f"{name:<18} {key:<28} {got:.4f}  (baseline {want:.4f}) {status}")
            if update:
                figures[key] = round(got, 4)
    if update:
        with open(base_path, "w") as f:
            json.dump(base, f, indent=2, sort_keys=True)
            f.write("\n")
        print("baseline updated")
        return 0
    if failed:
        print("\nquality gate FAILED:\n  " + "\n  ".join(failed))
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
