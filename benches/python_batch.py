#!/usr/bin/env python3
"""`vpcheck.verify_batch` against the Rust library on the same corpus, and Spark `local[2]`
against `local[1]` (BENCHMARKS.md, "Python and Spark").

Usage (with the package installed in the running interpreter and the example built:
`cargo build --release --example batch_throughput`):

    python benches/python_batch.py [--repeat N] [--spark ITEMS]

The corpus is every file `test-vectors/expected.json` and `trinsic-bbs/expected.json` list
(every vendor and verdict, BBS+ proofs included, the hostile catalogue too), repeated; the Spark
runs leave the hostile catalogue out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python" / "tests"))

from conftest import VECTORS  # noqa: E402
from test_batch import audit_policy, corpus  # noqa: E402

import vpcheck  # noqa: E402


def target() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def rust(files, repeat, jobs):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(files))
    out = subprocess.run(
        [str(target() / "release/examples/batch_throughput"), f.name, str(repeat), str(jobs)],
        capture_output=True, check=True, text=True,
    )
    os.unlink(f.name)
    return json.loads(out.stdout)


def python(files, repeat, jobs):
    policy = audit_policy()
    items = [(VECTORS / f).read_bytes() for f in files] * repeat
    import pyarrow as pa

    array = pa.array(items, pa.binary())
    started = time.perf_counter()
    result = vpcheck.verify_batch(array, policy, jobs=jobs)
    seconds = time.perf_counter() - started
    verified = sum(1 for v in result.field("verdict").to_pylist() if v == "verified")
    return {"items": len(items), "verified": verified, "seconds": round(seconds, 4)}


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int):
    out = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                out.append(int(p.name))
                out.extend(children(int(p.name)))
    return out


def spark_run(master, files, n):
    from pyspark.sql import SparkSession

    from vpcheck.spark import audit

    # The workers run this interpreter, the one the package is installed in.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .appName("vpcheck-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    try:
        payloads = [(VECTORS / f).read_bytes() for f in files]
        rows = [(i, payloads[i % len(payloads)]) for i in range(n)]
        df = session.createDataFrame(rows, "id long, payload binary").repartition(8).cache()
        df.count()
        started = time.perf_counter()
        counts = {r["verdict"]: r["count"] for r in audit(df, "payload", audit_policy()).groupBy("verdict").count().collect()}
        seconds = time.perf_counter() - started
        jvm = session.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        workers = [p for p in children(jvm)]
        return {
            "master": master,
            "items": n,
            "seconds": round(seconds, 2),
            "verdicts": counts,
            "jvm_peak_rss_mib": round(peak_rss_mib(jvm), 1),
            "python_worker_peak_rss_mib": round(max([peak_rss_mib(p) for p in workers] or [0.0]), 1),
        }
    finally:
        session.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--spark", type=int, default=0, help="items for the Spark runs (0: skip)")
    args = parser.parse_args()
    files = corpus()
    # Alternate runs so that background load falls on both alike.
    runs = []
    for _ in range(3):
        runs.append(("rust", rust(files, args.repeat, args.jobs)))
        runs.append(("python", python(files, args.repeat, args.jobs)))
    for name, r in runs:
        print(name, r)
    best = {name: min(r["seconds"] for n, r in runs if n == name) for name in ("rust", "python")}
    items = runs[0][1]["items"]
    print(json.dumps({
        "items": items,
        "rust_us_per_item": round(best["rust"] / items * 1e6, 1),
        "python_us_per_item": round(best["python"] / items * 1e6, 1),
        "ratio": round(best["python"] / best["rust"], 3),
    }))
    if args.spark:
        # Stored results as a vendor sends them: the hostile catalogue (inputs built to cost the
        # most a bound allows) is left out of the Spark corpus.
        stored = [f for f in files if not f.startswith("hostile/")]
        # Twice each, alternating, so that neither gains from running second (a warm page cache,
        # a JIT-compiled JVM); the best of each is compared.
        spark_runs = []
        for master in ("local[1]", "local[2]", "local[1]", "local[2]"):
            spark_runs.append(spark_run(master, stored, args.spark))
            print(json.dumps(spark_runs[-1]))
        best = {m: min(r["seconds"] for r in spark_runs if r["master"] == m) for m in ("local[1]", "local[2]")}
        print(json.dumps({"speedup_local2_over_local1": round(best["local[1]"] / best["local[2]"], 2), "best": best}))


if __name__ == "__main__":
    main()
