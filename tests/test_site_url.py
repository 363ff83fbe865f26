"""`--site-url` (and `site_url` in mkdocs.yml) is written into every page's canonical link,
the link-preview tags, the feed and the embed code: anything but an absolute http(s) URL with
a host, and no whitespace or quotes, is refused before any work, with exit 2 and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import copy_fixture
from tests.support import replace_in, run

BAD = [
    'https://example.org/x"onload="alert(1)/',  # became a live attribute on the canonical link
    "javascript://example.org/%0aalert(1)",  # reached the embed iframe's src
    "https://example.org/a b/",
    "https://example.org/\n<script>",
    "https://example.org/it's/",
    "https://example.org/<x>/",
    "ftp://example.org/",
    "https:///path-only/",
    "example.org/sheet/",
    "//example.org/sheet/",
    "https://user@example.org/",
    "https://example.org:port/",
    "https://example.org/sheet/?q=1",
    "https://example.org/sheet/#top",
    "",
]


@pytest.mark.parametrize("url", BAD)
def test_a_bad_site_url_is_refused_before_any_work(tmp_path: Path, url: str) -> None:
    root = copy_fixture("minimal", tmp_path / "minimal")
    result = run(root, "build", "--site-url", url)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("error: --site-url: expected an absolute http(s) URL with a host"), line
    assert "Traceback" not in result.output
    assert not (root / "site").exists() and not (root / "build").exists()


def test_a_bad_site_url_in_mkdocs_yml_is_refused_too(tmp_path: Path) -> None:
    root = copy_fixture("minimal", tmp_path / "minimal")
    replace_in(
        root / "mkdocs.yml", "docs_dir:", "site_url: 'javascript://x.org/%0aalert(1)'\ndocs_dir:"
    )
    result = run(root, "build")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: mkdocs.yml: site_url: expected an absolute http(s) URL with a host, e.g. "
        "https://example.org/sheet/; got 'javascript://x.org/%0aalert(1)'"
    ]
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://example.org/sheet", "https://example.org/sheet/"),
        ("http://localhost:8000/", "http://localhost:8000/"),
        ("https://owner.github.io/repo/", "https://owner.github.io/repo/"),
        ("https://example.org/a%20b", "https://example.org/a%20b/"),
    ],
)
def test_an_absolute_http_url_is_kept_with_a_trailing_slash(given: str, kept: str) -> None:
    from generator.site_url import site_url

    assert site_url(given, "--site-url") == kept


def test_the_refusal_quotes_the_url_on_one_line() -> None:
    from generator.errors import UsageError
    from generator.site_url import site_url

    with pytest.raises(UsageError) as raised:
        site_url("https://example.org/\n" + "x" * 100, "--site-url")
    assert str(raised.value) == (
        "--site-url: expected an absolute http(s) URL with a host, e.g. "
        "https://example.org/sheet/, and no spaces, quotes or control characters; got "
        "'https://example.org/\\nxxxxxxxxxxxxxxxxxxx'… (121 characters)"
    )
