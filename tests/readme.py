"""The README's generated parts: `python -m tests.readme --update` rewrites them from the code,
and tests/test_docs.py fails while they differ."""

from __future__ import annotations

import sys

from generator import enumerations
from tests.support import REPO

README = REPO / "README.md"


def with_enumerations(readme: str) -> str:
    """`readme` with the table between the enumeration markers made again from the models."""
    start = readme.index(enumerations.START)
    end = readme.index(enumerations.END) + len(enumerations.END)
    return readme[:start] + enumerations.markdown() + readme[end:]


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.readme --update")
    text = README.read_text(encoding="utf-8")
    README.write_text(with_enumerations(text), encoding="utf-8")
