"""Type stubs of the native module (``python/src/lib.rs``); use the ``vpcheck`` package's API."""

from typing import Any, Dict, List, Optional, Tuple

__version__: str

class Policy:
    """A verification policy; built by ``vpcheck.Policy`` from normalised options."""

    def __init__(self, now: str, **options: Any) -> None: ...
    @property
    def now(self) -> str: ...

def verify(data: bytes, policy: Policy, id_token: Optional[bytes] = None) -> str:
    """One result verified, as the JSON ``vpcheck verify --format json`` writes."""

def verify_batch(
    items: List[Optional[bytes]],
    policy: Policy,
    at: Optional[str] = None,
    jobs: Optional[int] = None,
) -> Dict[str, List[Any]]:
    """The audit columns of ``items``: verdict, format, at, instant_source, instant_signed,
    elapsed_us, codes, messages."""

def error_codes() -> List[Tuple[str, str]]:
    """Every error code and its kind."""
