#!/usr/bin/env python3
"""Writes vpcheck's constructed test vectors, test-vectors/expected.json and the per-vector index.

Run from anywhere:

    python3 tools/generate_vectors.py

Needs Python 3.11 and the packages pinned in tools/requirements.txt (`cryptography`, for the
vectors signed with the fixed test keys). The generator is the package tools/vectors/ (one module
per vector family); see its docstring. CI runs this and then `git diff --exit-code -- test-vectors`.
"""

import sys

# Leave no __pycache__ under tools/.
sys.dont_write_bytecode = True

from vectors import generate  # noqa: E402  (tools/ is sys.path[0] when run as a script)

if __name__ == "__main__":
    generate()
