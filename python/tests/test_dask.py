"""The same batch function under Dask (`map_partitions`): the README's recipe, equal to
`verify_batch` row for row."""

from __future__ import annotations

import pyarrow as pa
import pytest

import vpcheck
from conftest import VECTORS
from test_batch import COMPARED, audit_policy, corpus

dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")


def audit_partition(part, policy):
    """One partition's payloads through `verify_batch`, as a pandas frame of the audit columns."""
    result = vpcheck.verify_batch(pa.array(part["payload"].tolist(), pa.binary()), policy)
    frame = pa.RecordBatch.from_struct_array(result).to_pandas()
    frame.index = part.index
    return frame


def test_dask_map_partitions_equals_verify_batch():
    files = corpus()
    items = [(VECTORS / f).read_bytes() for f in files]
    policy = audit_policy()
    # Payloads are bytes, not text: Dask must not convert the column to strings.
    import dask

    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(pd.DataFrame({"payload": items}), npartitions=3)
        meta = audit_partition(pd.DataFrame({"payload": items[:1]}), policy).iloc[:0]
        got = ddf.map_partitions(audit_partition, policy, meta=meta).compute(scheduler="threads")
    expected = vpcheck.verify_batch(items, policy).to_pylist()
    assert len(got) == len(expected)
    for f, (_, row), want in zip(files, got.iterrows(), expected):
        for k in ("verdict", "format", "at", "instant_source"):
            assert row[k] == want[k] or (row[k] is None and want[k] is None), (f, k)
        assert [e["code"] for e in row["errors"]] == [e["code"] for e in want["errors"]], f
