"""Offline verification of identity-verification vendor results.

vpcheck parses a result (a Trinsic Connect session and its JSON-LD presentation, a Trinsic
sessions-API result, Hopae userinfo with its provenance, an Incode or Regula result, a JWT or
JSON-LD credential or presentation), checks every signature and timestamp it carries under a
:class:`Policy`, and hands out the identity claims only when every check passed.

>>> import vpcheck
>>> policy = vpcheck.Policy(now="2024-08-01T16:00:00Z", allow_unsigned_formats=True)
>>> result = vpcheck.verify(b'{"session": {"id": "x", "done": true, "success": false}}', policy)
>>> result.verdict, [e.code for e in result.errors]  # doctest: +SKIP

A rejected or unchecked result is a :class:`Result` like any other, never an exception:
exceptions (:class:`VpcheckError` and its subclasses) are raised only for misuse, such as a
policy option that is not one or a key file that cannot be read.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _vpcheck

__all__ = [
    "Address",
    "Check",
    "Claims",
    "Document",
    "ErrorInfo",
    "Policy",
    "PolicyError",
    "SourceError",
    "UsageError",
    "Provenance",
    "Result",
    "Unsigned",
    "VpcheckError",
    "error_codes",
    "verify",
    "verify_batch",
]

__version__ = _vpcheck.__version__

#: A document: its bytes, or the path of a file holding it.
Source = Union[bytes, str, "os.PathLike[str]"]


class VpcheckError(Exception):
    """Base of the exceptions vpcheck raises: only for misuse, never for a rejected result."""


class PolicyError(VpcheckError, ValueError):
    """A policy option that is not one, or a key, DID document, context or status list that
    does not parse."""


class SourceError(VpcheckError, OSError):
    """A file named as a policy document cannot be read."""


class UsageError(VpcheckError, ValueError):
    """An argument of :func:`verify_batch` or :func:`verify` that is not one (``at``, ``jobs``)."""


def _read(option: str, source: Source) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as f:
                return f.read()
        except OSError as e:
            raise SourceError(f"{option}: {e}") from e
    raise PolicyError(f"{option}: expected bytes or a path, not {type(source).__name__}")


def _read_list(option: str, sources: Optional[Union[Source, Sequence[Source]]]) -> Optional[List[bytes]]:
    if sources is None:
        return None
    if isinstance(sources, (bytes, bytearray, memoryview, str, os.PathLike)):
        sources = [sources]
    return [_read(f"{option}[{i}]", s) for i, s in enumerate(sources)]


def _read_map(
    option: str, sources: Optional[Mapping[str, Union[Source, Sequence[Source]]]]
) -> Optional[List[tuple]]:
    if sources is None:
        return None
    if not isinstance(sources, Mapping):
        raise PolicyError(f"{option}: expected a mapping of identifier to key documents")
    return [(str(k), _read_list(f"{option}[{k!r}]", v)) for k, v in sources.items()]


def _instant(option: str, value: Union[str, datetime]) -> str:
    if isinstance(value, datetime):
        # A tzinfo whose offset is None makes the datetime naive (Python's own rule): it would be
        # read in the process's local time zone.
        if value.tzinfo is None or value.utcoffset() is None:
            raise PolicyError(f"{option}: a datetime without a UTC offset is ambiguous")
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, str):
        return value
    raise PolicyError(f"{option}: expected an RFC 3339 string or an aware datetime")


_LISTS = {"algs", "accept_formats", "trust_issuers", "trust_trinsic_issuers", "allow_withheld", "require_disclosed"}
_DOCUMENT_LISTS = {"signer_jwks", "hopae_jwks", "incode_jwks", "did_docs", "status_lists", "trust_contexts"}
_KEY_MAPS = {"issuer_jwks", "evidence_jwks", "holder_jwks"}
_SCALARS = {
    "leeway_seconds": int,
    "audience": str,
    "issuer": str,
    "nonce": str,
    "typ": str,
    "max_age_seconds": int,
    "session_id": str,
    "min_loa": int,
    "external_user_id": str,
    "max_work": int,
}
_I64 = (-(2**63), 2**63 - 1)
#: Inclusive ranges of the integer options: what the Rust policy holds (and, for ``min_loa``,
#: the levels of assurance 1 to 5 the CLI's ``--min-loa`` accepts).
_RANGES = {
    "leeway_seconds": (0, 2**63 - 1),
    "max_age_seconds": (0, 2**63 - 1),
    "min_loa": (1, 5),
    "max_work": (0, 2**64 - 1),
}
#: The most threads a batch starts.
MAX_JOBS = 256


def _strings(option: str, value: Any) -> List[str]:
    """A list (or tuple) of strings, nothing else: a mapping, a string or bytes would be read as
    its keys or characters, so that a caller's ``{issuer: False}`` would trust the issuer."""
    if not isinstance(value, (list, tuple)):
        raise PolicyError(f"{option}: expected a list of strings, not {type(value).__name__}")
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise PolicyError(f"{option}[{i}]: expected a string, not {type(v).__name__}")
    return list(value)
_FLAGS = {
    "allow_expired_documents",
    "accept_manual_review",
    "require_evidence_signatures",
    "require_holder_binding",
    "allow_unsigned_claims",
    "allow_unsigned_formats",
    "require_status",
}


class Policy:
    """What a verification requires, with the library's secure defaults: the same options as the
    Rust ``Policy`` and the ``vpcheck verify`` flags.

    ``now`` (required) is the verification instant, an RFC 3339 string or an aware datetime: the
    library never reads the clock. Documents (``*_jwks`` key sets, ``did_docs``, ``contexts``,
    ``status_lists``, ``trust_contexts``) are given as bytes or as paths; they are read and
    checked once, here, and shared by every verification and thread. A policy pickles (for
    Spark's broadcast) as its options and documents, and is rebuilt where it is unpickled.

    Keyword options:

    - keys by role: ``issuer_jwks`` ({iss: [JWKS, ...]}), ``holder_jwks`` ({holder: [...]}),
      ``evidence_jwks`` ({upstream iss: [...]}), ``hopae_jwks`` ([...]), ``incode_jwks`` ([...]),
      ``signer_jwks`` ([...]);
      ``algs`` (allowed JWS algorithms);
    - expectations: ``audience``, ``issuer``, ``nonce``, ``typ``, ``session_id``,
      ``external_user_id``, ``min_loa``, ``min_match_probability`` (the lowest Trinsic match
      probability accepted, 0 to 1, default 0.9), ``max_age_seconds``, ``require_holder_binding``,
      ``require_evidence_signatures``, ``require_status``, ``require_disclosed``;
    - trust and documents: ``trust_issuers``, ``trust_trinsic_issuers``, ``did_docs``,
      ``contexts`` ({url: document}), ``status_lists``, ``trust_contexts``;
    - relaxations (off by default): ``allow_unsigned_formats``, ``allow_unsigned_claims``,
      ``allow_expired_documents``, ``accept_manual_review`` (a recorded Incode manual review
      over failed component checks), ``allow_withheld``, ``accept_formats`` (format names),
      ``regula_success_statuses``;
    - ``leeway_seconds``, ``max_work`` (the work budget, ``Limits::max_work``).

    Raises :class:`PolicyError` for an option that is not one or a document that does not
    parse, :class:`SourceError` for a file that cannot be read.
    """

    def __init__(self, now: Union[str, datetime], **options: Any) -> None:
        self._now = _instant("now", now)
        normalised: Dict[str, Any] = {}
        known = _KEY_MAPS | _DOCUMENT_LISTS | _LISTS | set(_SCALARS) | _FLAGS | {"contexts", "regula_success_statuses", "min_match_probability"}
        for name, value in options.items():
            if name not in known:
                raise PolicyError(f"unknown policy option {name!r}")
            if value is None:
                continue
            if name in _KEY_MAPS:
                normalised[name] = _read_map(name, value)
            elif name in _DOCUMENT_LISTS:
                normalised[name] = _read_list(name, value)
            elif name == "contexts":
                if not isinstance(value, Mapping):
                    raise PolicyError("contexts: expected a mapping of URL to document")
                normalised[name] = [(str(url), _read(f"contexts[{url!r}]", doc)) for url, doc in value.items()]
            elif name in _LISTS:
                normalised[name] = _strings(name, value)
            elif name == "regula_success_statuses":
                if not isinstance(value, (list, tuple)):
                    raise PolicyError(f"{name}: expected a list of integers, not {type(value).__name__}")
                for i, v in enumerate(value):
                    if not isinstance(v, int) or isinstance(v, bool) or not _I64[0] <= v <= _I64[1]:
                        raise PolicyError(f"{name}[{i}]: expected a 64-bit integer, not {v!r}")
                normalised[name] = list(value)
            elif name == "min_match_probability":
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                    raise PolicyError(f"{name}: expected a number from 0 to 1, not {value!r}")
                normalised[name] = float(value)
            elif name in _SCALARS:
                kind = _SCALARS[name]
                if not isinstance(value, kind) or isinstance(value, bool):
                    raise PolicyError(f"{name}: expected {kind.__name__}")
                low, high = _RANGES.get(name, (None, None))
                if low is not None and not low <= value <= high:
                    raise PolicyError(f"{name}: {value} is outside {low}..={high}")
                normalised[name] = value
            else:
                if not isinstance(value, bool):
                    raise PolicyError(f"{name}: expected a bool")
                normalised[name] = value
        self._options = normalised
        self._core = self._build()

    def _build(self) -> "_vpcheck.Policy":
        try:
            return _vpcheck.Policy(self._now, **self._options)
        except (ValueError, TypeError, OverflowError) as e:
            raise PolicyError(str(e)) from e

    @property
    def now(self) -> str:
        """The verification instant, RFC 3339."""
        return self._core.now

    def __getstate__(self) -> Dict[str, Any]:
        return {"now": self._now, "options": self._options}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self._now = state["now"]
        self._options = state["options"]
        self._core = self._build()

    def __repr__(self) -> str:
        return f"vpcheck.Policy(now={self._now!r}, options={sorted(self._options)})"


@dataclass(frozen=True)
class ErrorInfo:
    """Why a result was rejected or could not be checked: a stable code and a message naming
    the field."""

    code: str
    message: str


@dataclass(frozen=True)
class Check:
    """One check that ran: its name, ``passed``, ``failed`` or ``skipped``, and what it saw."""

    name: str
    status: str
    detail: str


@dataclass(frozen=True)
class Unsigned:
    """A value the result carries that no verified signature covers."""

    field: str
    value: Optional[str]
    reason: str
    withheld: bool


@dataclass(frozen=True)
class Address:
    """A postal address, as the vendor gave it."""

    formatted: Optional[str] = None
    street: Optional[str] = None
    locality: Optional[str] = None
    region: Optional[str] = None
    postal_code: Optional[str] = None
    country: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """The identity document the claims were read from."""

    kind: Optional[Any] = None
    number: Optional[str] = None
    issuing_country: Optional[str] = None
    issuing_subdivision: Optional[str] = None
    issuing_authority: Optional[str] = None
    issue_date: Optional[str] = None
    expiry_date: Optional[str] = None
    extra: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Provenance:
    """Who verified the person, when, and at which assurance level."""

    vendor: Optional[str] = None
    provider_id: Optional[str] = None
    verified_at: Optional[str] = None
    session_id: Optional[str] = None
    assurance_level: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Claims:
    """The normalised identity claims of a verified result (the Rust ``IdentityClaims``)."""

    given_name: Optional[str] = None
    family_name: Optional[str] = None
    middle_name: Optional[str] = None
    full_name: Optional[str] = None
    birth_date: Optional[str] = None
    sex: Optional[Any] = None
    nationality: Optional[str] = None
    address: Optional[Address] = None
    document: Optional[Document] = None
    provenance: Optional[Provenance] = None
    extra: Dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        """The claims as the JSON output writes them."""
        return _raw(self)


def _raw(obj: Any) -> Any:
    """A dataclass back to the JSON dictionary it was read from (``extra`` merged)."""
    if obj is None:
        return None
    d = asdict(obj)
    return _merge(d)


def _merge(d: Any) -> Any:
    if isinstance(d, dict):
        extra = d.pop("extra", None) or {}
        out = {k: _merge(v) for k, v in d.items() if v is not None}
        out.update(extra)
        return out
    if isinstance(d, list):
        return [_merge(v) for v in d]
    return d


def _typed(cls: Any, data: Optional[Mapping[str, Any]]) -> Any:
    if data is None:
        return None
    names = {f for f in cls.__dataclass_fields__ if f != "extra"}
    known = {k: v for k, v in data.items() if k in names}
    extra = {k: v for k, v in data.items() if k not in names}
    return cls(**known, extra=extra)


def _claims(data: Optional[Mapping[str, Any]]) -> Optional[Claims]:
    if data is None:
        return None
    data = dict(data)
    address = _typed(Address, data.pop("address", None))
    document = _typed(Document, data.pop("document", None))
    provenance = _typed(Provenance, data.pop("provenance", None))
    claims = _typed(Claims, data)
    return Claims(
        **{k: getattr(claims, k) for k in claims.__dataclass_fields__ if k not in ("address", "document", "provenance")},
        address=address,
        document=document,
        provenance=provenance,
    )


@dataclass(frozen=True)
class Result:
    """What a verification found: ``verdict`` (``verified``, ``rejected`` or ``unchecked``), the
    ``format`` recognised, the ``claims`` (only when verified), every check, every error, and the
    values no signature covers."""

    verdict: str
    format: Optional[str]
    claims: Optional[Claims]
    checks: List[Check]
    errors: List[ErrorInfo]
    unsigned: List[Unsigned]

    @property
    def verified(self) -> bool:
        """Whether every check passed."""
        return self.verdict == "verified"

    @property
    def codes(self) -> List[str]:
        """The error codes, in order."""
        return [e.code for e in self.errors]

    def to_dict(self) -> Dict[str, Any]:
        """The result as ``vpcheck verify --format json`` writes it."""
        return {
            "verdict": self.verdict,
            "format": self.format,
            "claims": None if self.claims is None else self.claims.to_dict(),
            "unsigned": [asdict(u) for u in self.unsigned],
            "checks": [asdict(c) for c in self.checks],
            "errors": [asdict(e) for e in self.errors],
        }


def _core(policy: Policy) -> "_vpcheck.Policy":
    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected vpcheck.Policy, not {type(policy).__name__}")
    return policy._core


def verify(data: Union[bytes, str], policy: Policy, *, id_token: Optional[Union[bytes, str]] = None) -> Result:
    """Verifies one result under ``policy``. ``id_token`` is the Hopae or Incode OIDC ID token that came
    with a userinfo response. A rejected result is returned, not raised."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data: expected bytes, not {type(data).__name__}")
    if isinstance(id_token, str):
        id_token = id_token.encode("utf-8")
    if id_token is not None and not isinstance(id_token, (bytes, bytearray, memoryview)):
        raise TypeError(f"id_token: expected bytes or str, not {type(id_token).__name__}")
    token = None if id_token is None else bytes(id_token)
    out = json.loads(_vpcheck.verify(bytes(data), _core(policy), token))
    return Result(
        verdict=out["verdict"],
        format=out["format"],
        claims=_claims(out["claims"]),
        checks=[Check(c["name"], c["status"], c["detail"]) for c in out["checks"]],
        errors=[ErrorInfo(e["code"], e["message"]) for e in out["errors"]],
        unsigned=[Unsigned(u["field"], u.get("value"), u["reason"], u["withheld"]) for u in out["unsigned"]],
    )


#: The columns of :func:`verify_batch`, as ``vpcheck audit --format ndjson`` names an item's
#: fields (its ``input`` label aside: the batch is in input order).
BATCH_COLUMNS = ("verdict", "format", "at", "instant_source", "instant_signed", "elapsed_us", "codes", "errors")


def _batch_items(items: Any) -> List[Optional[bytes]]:
    if isinstance(items, (str, bytes, bytearray, memoryview)):
        raise TypeError("items: expected a sequence of items or an array, not one document")
    try:
        import pyarrow as pa  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is optional for lists
        pa = None
    if pa is not None:
        if isinstance(items, pa.ChunkedArray):
            items = items.combine_chunks()
        if isinstance(items, pa.Array):
            # A string array is read as its bytes, not decoded: a row that is not UTF-8 (Spark
            # casts binary to string without checking) is that item's `input.invalid_utf8`, not
            # the batch's failure.
            if pa.types.is_string(items.type):
                items = items.view(pa.binary())
            elif pa.types.is_large_string(items.type):
                items = items.view(pa.large_binary())
            if pa.types.is_binary(items.type) or pa.types.is_large_binary(items.type):
                return items.to_pylist()
            raise TypeError(f"items: a binary or string array, not {items.type}")
    out: List[Optional[bytes]] = []
    for i, v in enumerate(items):
        if v is None or isinstance(v, bytes):
            out.append(v)
        elif isinstance(v, (bytearray, memoryview)):
            out.append(bytes(v))
        elif isinstance(v, str):
            out.append(v.encode("utf-8"))
        else:
            raise TypeError(f"items[{i}]: expected bytes, str or None, not {type(v).__name__}")
    return out


def batch_schema() -> Any:
    """The pyarrow struct type :func:`verify_batch` returns."""
    import pyarrow as pa

    error = pa.struct([("code", pa.string()), ("message", pa.string())])
    return pa.struct(
        [
            ("verdict", pa.string()),
            ("format", pa.string()),
            ("at", pa.string()),
            ("instant_source", pa.string()),
            ("instant_signed", pa.bool_()),
            ("elapsed_us", pa.int64()),
            ("codes", pa.list_(pa.string())),
            ("errors", pa.list_(error)),
        ]
    )


def verify_batch(items: Any, policy: Policy, at: Optional[str] = None, *, jobs: Optional[int] = None) -> Any:
    """Audits ``items`` (a pyarrow binary or string array, or a list of bytes) as ``vpcheck
    audit`` does, with the GIL released and the work spread over ``jobs`` threads (default: one
    per core), and returns a pyarrow ``StructArray`` in input order with the columns of
    :data:`BATCH_COLUMNS`.

    ``at`` is the instant each item is judged at: ``None`` (the policy's), ``"signed"`` (the
    instant the item's own signature covers, confirmed by the verification) or ``"field:PATH"``
    (a member of the item; unsigned, so ``instant_signed`` says whether the result signs it). A
    null item is ``unchecked`` with ``audit.unreadable``.
    """
    import pyarrow as pa

    if at is not None and (not isinstance(at, str) or not (at == "signed" or (at.startswith("field:") and len(at) > 6))):
        raise UsageError(f'at: {at!r} is neither None, "signed" nor "field:PATH"')
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or not 1 <= jobs <= MAX_JOBS):
        raise UsageError(f"jobs: {jobs!r} is not a thread count in 1..={MAX_JOBS}")
    cols = _vpcheck.verify_batch(_batch_items(items), _core(policy), at, jobs)
    errors = [
        [{"code": c, "message": m} for c, m in zip(codes, messages)]
        for codes, messages in zip(cols["codes"], cols["messages"])
    ]
    schema = batch_schema()
    arrays = [
        pa.array(cols["verdict"], pa.string()),
        pa.array(cols["format"], pa.string()),
        pa.array(cols["at"], pa.string()),
        pa.array(cols["instant_source"], pa.string()),
        pa.array(cols["instant_signed"], pa.bool_()),
        pa.array(cols["elapsed_us"], pa.int64()),
        pa.array(cols["codes"], pa.list_(pa.string())),
        pa.array(errors, schema.field("errors").type),
    ]
    return pa.StructArray.from_arrays(arrays, fields=list(schema))


def error_codes() -> Dict[str, str]:
    """Every error code the library declares, and its kind: ``malformed``, ``invalid`` or
    ``could not check``."""
    return dict(_vpcheck.error_codes())
