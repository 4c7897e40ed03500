"""The Spark recipe in local mode (`local[2]`): `vpcheck.spark.audit` gives, row for row, what
`verify_batch` gives on the same items and policy (and so what `vpcheck audit` gives), and the
audit summary is a `groupBy`."""

from __future__ import annotations

import os
import sys

import pytest

import vpcheck
from conftest import VECTORS
from test_batch import COMPARED, audit_policy, corpus

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, the one the package is installed in.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("vpcheck-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_audit_equals_verify_batch(spark):
    from vpcheck.spark import audit

    files = corpus()
    # Every family and verdict, several times over, in four partitions.
    rows = [(i, f, (VECTORS / f).read_bytes()) for i, f in enumerate(files * 3)]
    df = spark.createDataFrame(rows, "id long, file string, payload binary").repartition(4)
    policy = audit_policy()
    out = audit(df, "payload", policy, at="signed", keep=["id"]).collect()
    assert len(out) == len(rows)
    by_id = {r["id"]: r.asDict(recursive=True) for r in out}
    expected = vpcheck.verify_batch([r[2] for r in rows], policy, "signed").to_pylist()
    for (i, f, _), want in zip(rows, expected):
        got = by_id[i]
        assert {k: got[k] for k in COMPARED} == {k: want[k] for k in COMPARED}, f
    summary = {
        (r["verdict"], r["format"]): r["count"]
        for r in audit(df, "payload", policy, keep=["id"]).groupBy("verdict", "format").count().collect()
    }
    assert sum(summary.values()) == len(rows)
    assert any(v == "verified" for v, _ in summary)


def test_spark_audit_refuses_misuse(spark):
    from vpcheck.spark import audit

    df = spark.createDataFrame([(1, b"{}")], "id long, payload binary")
    with pytest.raises(ValueError, match="no column"):
        audit(df, "missing", audit_policy())
    with pytest.raises(TypeError):
        audit(df, "payload", "not a policy")
