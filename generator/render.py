"""Render `site_src/` Jinja templates to Markdown pages.

Content is data: every value a template prints is escaped for HTML *and* Markdown (as
character references, which read the same in both), so no YAML text can become markup, a
link, a script or a template. Fields declared as inline Markdown go through `inline_md`,
which allows emphasis and safe links only.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup

from . import deprecated
from .cache import store
from .errors import TemplateProblem
from .language import Language
from .numbers import Writer
from .page import SLOT_BRACKETS, Link, Page, split_front_matter
from .template_cache import COMPILED
from .typography import Kind, excerpt, in_text, separators

_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]#|~!^=+:$" + SLOT_BRACKETS}
_MD_SPECIAL_TABLE = str.maketrans(_MD_SPECIAL)
_BRACKETS_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in SLOT_BRACKETS})
"""Link-slot brackets as character references: no text can pass for a slot."""


_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Runs of white space, but the no-break spaces a locale writes inside numbers, before a
percent sign or a French colon ('2 065', '92,5 %'): those keep their meaning."""


def escape_text(value: Any) -> Markup:
    """Plain text safe in HTML and Markdown alike: one line, every special character inert."""
    text = _SPACES.sub(" ", str(value))
    return Markup(text.translate(_MD_SPECIAL_TABLE))


_CLOSED = re.compile(r"[.!?…][\"'’”»“«)\]]*\s*$")
"""A text's last mark when it ends its sentence itself ('Bulletin erschienen?', '… (2024).')."""


def closed(text: object) -> bool:
    """True when a text ends its own sentence with a stop, '?', '!' or '…' (a closing quote or
    bracket after it): a message that would add a stop after it (`typography.titled` in German,
    'Titel. Zusammenfassung') chooses by it, as a title may ask or exclaim."""
    return bool(_CLOSED.search(str(text)))


_CODE_SPAN = re.compile(r"&#96;(.+?)&#96;")
"""A span in backticks as `escape_text` leaves it: its backticks character references."""


def code_spans(escaped: str) -> Markup:
    """An escaped message with each span in backticks as code, as Markdown would show it
    ('(`site_url`)' → '(<code>site_url</code>)') where the message stands in raw HTML, which
    Markdown leaves alone: a setting's name the reader must type, set apart from the words
    around it. What the span holds stays escaped."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escaped)))


_escape_str = functools.lru_cache(maxsize=1 << 16)(escape_text)
"""escape_text for strings, remembered: pages print the same names and titles many times."""


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    if type(value) is str:
        return _escape_str(value)
    return escape_text(value)


_INLINE_TAGS = {"a", "em", "strong", "code"}
_PARSERS = threading.local()


def _markdown() -> markdown.Markdown:
    """A parser for this thread, reset for the next text: setting one up costs more than
    converting a sentence, and `inline_md` runs for every note on every page."""
    parser = getattr(_PARSERS, "markdown", None)
    if parser is None:
        parser = _PARSERS.markdown = markdown.Markdown()
    return parser.reset()


_DEAD_LINK = re.compile(r'<a rel="noopener">(.*?)</a>')


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """Relative links ('/x', '//host/x') would break under a sub-path or leave the site
    unannounced; content links go to sources, so only absolute http(s) and mailto stay."""
    if attribute == "href" and not value.lower().startswith(("http://", "https://", "mailto:")):
        return None
    return value


_CONVERTED: dict[str, str] = {}
"""inline_md's HTML by text: Markdown is the slowest step of rendering, a page meets the
same notes many times, and a rebuild after an edit meets them all again. Kept between
processes in the compiled-templates folder (see `render_pages`), which is named by the code."""
_USED: set[str] = set()
"""The texts converted or looked up since `render_pages` began: what it keeps."""
_KEPT_NAME = "inline-md.json"


def inline_md(text: str | None) -> Markup:
    """Inline Markdown (emphasis, code, http/https/mailto links) to sanitised HTML."""
    if not text:
        return Markup("")
    key = str(text)
    html = _CONVERTED.get(key)
    if html is None:
        html = _CONVERTED[key] = _inline_html(key)
    _USED.add(key)
    return Markup(html)


_PLAIN = re.compile(r"(?![#>+-]|\d+\.(?: |$))[^*_`\[\]<>&\\]*")
"""A text in which Markdown finds nothing to do: no emphasis, code, link, escape, entity or
HTML character, and no start that may read as a heading, quote, list or rule. Most notes and
labels are such sentences; their HTML is the text itself (tests/test_render.py holds the two
ways to the same result), which spares the Markdown parser and the sanitiser: a clean build
of 700 pages converted 9,800 texts."""


def _inline_html(text: str) -> str:
    # Folded YAML and Markdown's output break lines with ASCII whitespace only: a typed
    # no-break space ("20\u202f%", "«\u202fplus\u202f»") is the writer's and stays.
    plain = _SPACES.sub(" ", str(text)).strip()
    if _PLAIN.fullmatch(plain):
        return plain.translate(_BRACKETS_TABLE)
    return _marked_up(plain)


def _marked_up(plain: str) -> str:
    escaped = plain.replace("&", "&amp;").replace("<", "&lt;")
    html = _markdown().convert(escaped.replace(">", "&gt;"))
    clean = nh3.clean(
        html,
        tags=_INLINE_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_absolute_links_only,
        link_rel="noopener",
    )
    # The block wrapper is dropped: this is for text inside our own elements. Newlines would
    # let Markdown see a new block, so none survive.
    clean = re.sub(r"</?p>", " ", clean).strip()
    clean = _DEAD_LINK.sub(r"\1", clean)  # a link whose target was refused stays as its text
    # After nh3, which turns character references back into characters.
    return _SPACES.sub(" ", clean).strip().translate(_BRACKETS_TABLE)


def _load_converted(folder: Path) -> None:
    """Add the conversions an earlier process kept in `folder`; an unreadable file adds none."""
    try:
        kept = json.loads(store.read(folder / _KEPT_NAME) or b"")
    except ValueError:
        return  # missing or damaged (cache/store.py): converted again
    if isinstance(kept, dict) and all(isinstance(v, str) for v in kept.values()):
        for text, html in kept.items():
            _CONVERTED.setdefault(text, html)


def _keep_converted(folder: Path) -> None:
    """Keep the conversions this render used (only those: removed notes are not kept)."""
    used = {text: _CONVERTED[text] for text in sorted(_USED)}
    data = json.dumps(used, ensure_ascii=False).encode("utf-8", "surrogatepass")
    store.write(folder / _KEPT_NAME, data)  # if not kept, the next process converts again


def yaml_string(value: Any) -> Markup:
    """A front-matter string: HTML-escaped (themes print it unescaped) and JSON-quoted."""
    text = _SPACES.sub(" ", str(value)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").translate(_BRACKETS_TABLE)
    return Markup(json.dumps(text, ensure_ascii=False))


THEME = Path(__file__).parent / "theme"
"""The generator's own partials and assets; a fact sheet's `site_src/` overrides any of them."""


def environment(
    site_src: Path, globals_: dict[str, Any], write: Writer, edition: Path | None = None
) -> jinja2.Environment:
    """The templates' environment; with `edition` (`site_src/editions/<tag>/`), that edition's
    templates stand above the sheet's, so a page it has not translated is the source's."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*([edition] if edition else []), site_src, THEME]),
        bytecode_cache=COMPILED,
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=inline_md,
        yaml=yaml_string,
        number=write.number,
        date=lambda value: unbroken(write.date(value)),
        date_words=write.running.date_words,  # a date in a sentence: no-break spaces
        period=write.period,
        shown=write.shown,
        said=write.said,
        when=write.when,
        said_when=write.running.said_when,
        claim=write.running.claim,  # a headline card's line: its date unbroken, as b.claim
        claim_words=write.claim_words,
        formula=write.formula,
        working=write.working,
        paragraphs=lambda text: [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()],
        excerpt=excerpt,
        # Text after a colon, as the language writes it there: French lowers its first letter
        # ('Ce que dit la source : l’OMS juge…'), English and German keep it.
        after_colon=lambda text: in_text(write.language, str(text), "after_colon"),
        # A record's later change notes, after a semicolon: 'Clarified …; updated …'.
        after_semicolon=lambda text: in_text(write.language, str(text), "after_semicolon"),
    )
    env.tests.update(deprecated.template_tests())  # each warned of at its use (deprecated.py)
    env.tests["closed"] = closed
    env.globals.update(
        t=translator(write.language),
        list_separator=list_separator(write.language),
        overridden=write.language.overridden.__contains__,
    )
    env.globals.update(globals_)
    return env


def unbroken(date: str) -> str:
    """A date as a page prints it: its day, month and year joined by no-break spaces, so
    « 14 novembre 2024 » or '16. Dezember 2022' never parts at the end of a line (the
    French review, round 3, T3); tables and downloads keep the writer's plain spaces."""
    return date.replace(" ", "\u00a0")


def translator(language: Language) -> Callable[..., Markup]:
    """The templates' `t(key, **params)`: the sheet's message `key` as page text.

    The message, the generator's or the sheet's own, is text: every character that means
    something in HTML or Markdown is escaped, as is each parameter that is not already markup
    (a link or a block the template made), so no message can add markup or forge a link."""

    def t(key: str, /, **params: object) -> Markup:
        return language.markup(key, escape_text, params)

    return t


def list_separator(language: Language) -> Callable[..., Markup]:
    """The templates' `list_separator(index, length, kind="and")`: what follows item `index`
    (from 0) of a list of `length` items in the sheet's language, so a loop can join items
    that are markup: names by CLDR's list pattern ('A, B and C', 'A, B und C'); "series" for
    references, which hold commas ('A; B and C'); "items" for entries that stand alone ('A;
    B'). See `typography`."""

    def separator(index: int, length: int, kind: Kind = "and") -> Markup:
        return escape_text(separators(language, length, kind)[index])

    return separator


def page_templates(site_src: Path) -> list[Path]:
    """Every `site_src/pages/**/*.md.j2`, as a path relative to `site_src/pages`."""
    pages = site_src / "pages"
    return sorted(p.relative_to(pages) for p in pages.rglob("*.md.j2"))


class _Recorder:
    """What the page being rendered declares: its anchors, its links, the notes it has shown.

    Its methods are the templates' `anchor`, `link`, `url` and `once`, so a page's anchors
    and links are known from the calls that print them, never from its text."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        """Begin a new page."""
        self.anchors: dict[str, None] = {}
        self.links: list[Link] = []
        self.shown: set[str] = set()

    def anchor(self, item: object) -> Markup:
        """Declare this page the home of `item`'s permalink; its id, for an `id` attribute."""
        item_id = str(getattr(item, "id", item))
        self.anchors.setdefault(item_id, None)
        return escape_text(item_id)

    def link(self, item: object) -> Markup:
        """A relative link to `item` (anything with an `id`, or an id), filled in once every
        page is rendered and the page that shows it is known."""
        return self._slot(Link("link", str(getattr(item, "id", item))))

    def url(self, item: object) -> Markup:
        """The absolute URL of `item`, for citations."""
        return self._slot(Link("url", str(getattr(item, "id", item))))

    def once(self, key: str) -> bool:
        """True the first time a page asks for `key`: an editor's note about three figures is
        printed beside the first of them only."""
        first = key not in self.shown
        self.shown.add(key)
        return first

    def _slot(self, link: Link) -> Markup:
        self.links.append(link)
        return Markup(f"{SLOT_BRACKETS[0]}{len(self.links) - 1}{SLOT_BRACKETS[1]}")


def render_pages(
    site_src: Path,
    globals_: dict[str, Any],
    display: Callable[[Path], str],
    write: Writer,
    compiled: Path | None = None,
    edition: Path | None = None,
) -> list[Page]:
    """Every page template rendered, as a `Page`; TemplateProblem on any failure.

    Templates get `anchor`, `link`, `url` and `once`, which record into the page being
    rendered; a global given a Jinja context can reach them there (see generate's `chart`).
    `compiled`: a folder that keeps inline Markdown's HTML for later processes (templates
    are compiled once per process and kept in the user's cache folder, never the sheet's: see
    template_cache.py). `edition`: an
    edition's templates (`site_src/editions/<tag>/`), each page taken from there when it has
    one."""
    _USED.clear()
    if compiled is not None:
        _load_converted(compiled)
    page = _Recorder()
    recorded = {"anchor": page.anchor, "link": page.link, "url": page.url, "once": page.once}
    env = environment(site_src, {**globals_, **recorded}, write, edition)
    out: list[Page] = []
    for rel in page_templates(site_src):
        name = (Path("pages") / rel).as_posix()
        own = edition / name if edition else None
        shown_as = display(own if own and own.is_file() else site_src / name)
        page.start()
        try:
            text = env.get_template(name).render()
        except jinja2.TemplateSyntaxError as exc:
            template_at = display(Path(exc.filename)) if exc.filename else shown_as
            raise TemplateProblem(
                template_at, exc.lineno, f"template syntax: {exc.message}"
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateProblem(
                *_template_line(exc, display, shown_as), str(exc.message)
            ) from None
        except (LookupError, TypeError, ValueError) as exc:
            raise TemplateProblem(*_template_line(exc, display, shown_as), str(exc)) from None
        meta, body = split_front_matter(text)
        path = rel.as_posix().removesuffix(".j2")
        out.append(Page(path, meta, body, list(page.anchors), page.links))
    if compiled is not None:
        _keep_converted(compiled)
    return out


def _template_line(
    exc: BaseException, display: Callable[[Path], str], fallback: str
) -> tuple[str, int]:
    """The innermost template frame of a traceback: ('site_src/x.md.j2', 12)."""
    tb = exc.__traceback__
    found = (fallback, 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (display(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return found
