"""Content is data: what YAML text becomes when a template prints it."""

from __future__ import annotations

import re

import pytest

from generator.render import escape_text, inline_md


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("*emphasis* and **strong**", "<em>emphasis</em> and <strong>strong</strong>"),
        (
            "[CSIS](https://www.csis.org/)",
            '<a href="https://www.csis.org/" rel="noopener">CSIS</a>',
        ),
        (
            "[mail](mailto:desk@example.org)",
            '<a href="mailto:desk@example.org" rel="noopener">mail</a>',
        ),
        ("[x](javascript:alert(1))", "x"),
        ("[x](//elsewhere.example/page)", "x"),  # no scheme: off-site, unannounced
        ("[x](/root/page)", "x"),  # breaks under a GitHub Pages sub-path
        ("<b onmouseover=alert(1)>hi</b>", "&lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt;"),
        ("![img](https://tracker.example/pixel.png)", ""),
    ],
)
def test_inline_markdown_keeps_emphasis_and_absolute_links_only(text: str, html: str):
    assert str(inline_md(text)) == html


def test_plain_text_is_inert_in_html_and_markdown_alike():
    out = str(escape_text("<script>x</script> **b** [l](u) {{ 7*7 }} # h\n- item"))
    bare = re.sub(r"&#\d+;", "", out)  # what is left outside character references
    for raw in ("<", ">", "*", "[", "]", "{", "}", "#", "\n"):
        assert raw not in bare
    assert "&#60;script&#62;" in out and "7&#42;7" in out
