"""Distributed audits on Apache Spark: the library inside the engine data teams already run.

:func:`audit` maps a DataFrame column of stored results (binary or string) through
:func:`vpcheck.verify_batch` with ``mapInArrow``: each Arrow batch is verified natively with the
GIL released, the policy is broadcast once and rebuilt once per Python worker, and the result is
a DataFrame with the audit columns, so that the audit summary is a ``groupBy``::

    from vpcheck import Policy
    from vpcheck.spark import audit

    policy = Policy(now="2026-10-01T10:00:00Z", did_docs=["issuer.did.json"], ...)
    results = audit(spark.read.parquet("s3://results/"), "payload", policy, at="signed",
                    keep=["id"])
    results.groupBy("verdict", "format").count().show()

The same package runs under Ray Data (``ds.map_batches(fn, batch_format="pyarrow")``, with
``fn`` calling :func:`vpcheck.verify_batch` on the column) or Dask
(``ddf.map_partitions``): the batch function is the same, only the engine's call differs.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Sequence

from . import Policy, batch_schema, verify_batch

__all__ = ["audit", "audit_schema"]


def audit_schema(keep_fields: Sequence[Any] = ()) -> Any:
    """The Spark schema of :func:`audit`'s output: the kept input columns, then the audit
    columns."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    error = StructType([StructField("code", StringType()), StructField("message", StringType())])
    return StructType(
        list(keep_fields)
        + [
            StructField("verdict", StringType()),
            StructField("format", StringType()),
            StructField("at", StringType()),
            StructField("instant_source", StringType()),
            StructField("instant_signed", BooleanType()),
            StructField("elapsed_us", LongType()),
            StructField("codes", ArrayType(StringType())),
            StructField("errors", ArrayType(error)),
        ]
    )


def audit(
    df: Any,
    column: str,
    policy: Policy,
    at: Optional[str] = None,
    *,
    keep: Sequence[str] = (),
    jobs: int = 1,
) -> Any:
    """Audits every row's ``column`` under ``policy`` as ``vpcheck audit`` would, item for item.

    ``at`` as in :func:`vpcheck.verify_batch`; ``keep`` names input columns carried beside the
    audit columns (an id to join back on); ``jobs`` is the threads per Spark task (Spark already
    runs one task per core, so 1 is the default).
    """
    import pyarrow as pa

    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected vpcheck.Policy, not {type(policy).__name__}")
    if isinstance(keep, (str, bytes)) or not all(isinstance(k, str) for k in keep):
        raise TypeError("keep: expected a list of column names")
    keep = list(keep)
    broadcast = df.sparkSession.sparkContext.broadcast(policy)
    input_fields = {f.name: f for f in df.schema.fields}
    for name in [column, *keep]:
        if name not in input_fields:
            raise ValueError(f"no column {name!r} in the DataFrame")
    audit_names = {f.name for f in audit_schema().fields}
    if len(set(keep)) != len(keep) or column in keep or audit_names & set(keep):
        raise ValueError(
            f"keep {keep!r}: each kept column once, neither the audited column nor an audit "
            f"column ({', '.join(sorted(audit_names))})"
        )
    schema = audit_schema([input_fields[k] for k in keep])
    names = [f.name for f in schema.fields]

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        local = broadcast.value
        for batch in batches:
            result = verify_batch(batch.column(column), local, at, jobs=jobs)
            columns = [batch.column(k) for k in keep] + [result.field(i) for i in range(result.type.num_fields)]
            yield pa.RecordBatch.from_arrays(columns, names=names)

    return df.select(column, *keep).mapInArrow(run, schema)


# The pyarrow type verify_batch returns, for callers that build their own engine glue.
arrow_type = batch_schema
