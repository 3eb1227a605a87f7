"""Items of an RSS 2.0 or Atom product feed (Google Merchant Center's XML), streamed safely.

Feeds come from shop servers and plugins, so they are parsed as a stream with expat and no
DTD at all (no entity expansion, no external entities). Each <item>/<entry> becomes a flat
{attribute: text} record with the line it starts on; nested groups (g:shipping, g:tax) are
passed over so their g:price never overrides the item's own.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from catalog.formats.common import IngestError

GOOGLE_NS = "http://base.google.com/ns/1.0"
ITEM_TAGS = ("item", "entry")
REPEATED = ("additional_image_link",)
MAX_TEXT_CHARS = 4 * 1024 * 1024
CHUNK = 1024 * 1024

Record = dict[str, "str | list[str]"]


class _ItemCollector:
    """expat callbacks that turn item elements into records as they close."""

    def __init__(self, parser: expat.XMLParserType):
        self.parser = parser
        self.depth = 0
        self.item_depth = 0
        self.item: Record | None = None
        self.line = 0
        self.google: set[str] = set()
        self.key: str | None = None
        self.key_is_google = False
        self.text: list[str] = []
        self.size = 0
        self.done: list[tuple[int, Record]] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        namespace, _, local = name.rpartition(" ")
        local = local.lower()
        if self.item is None:
            if local in ITEM_TAGS:
                self.item, self.item_depth, self.line = {}, self.depth, self.parser.CurrentLineNumber
                self.google = set()
            return
        if self.depth == self.item_depth + 1:
            self.key, self.key_is_google, self.text, self.size = local, namespace == GOOGLE_NS, [], 0
            href = attrs.get("href")
            if local == "link" and href and attrs.get("rel", "alternate") == "alternate":
                self.text, self.size = [href], len(href)

    def data(self, text: str) -> None:
        if self.key is not None and self.depth == self.item_depth + 1 and self.size < MAX_TEXT_CHARS:
            self.text.append(text)
            self.size += len(text)

    def end(self, name: str) -> None:
        if self.item is not None and self.depth == self.item_depth + 1 and self.key is not None:
            self._store(self.item, self.key, "".join(self.text).strip(), self.key_is_google)
            self.key = None
        elif self.item is not None and self.depth == self.item_depth:
            self.done.append((self.line, self.item))
            self.item = None
        self.depth -= 1

    def _store(self, item: Record, key: str, value: str, google: bool) -> None:
        """Repeated attributes collect; otherwise the first value wins, a g: one over a plain one."""
        if key in REPEATED:
            existing = item.setdefault(key, [])
            if isinstance(existing, list) and value:
                existing.append(value)
        elif key not in item or (google and key not in self.google):
            item[key] = value
            if google:
                self.google.add(key)


def _refuse_dtd(*_: object) -> None:
    raise IngestError("the feed declares a DOCTYPE or entities; product feeds have none, so it was not read")


class XmlFeed:
    """A feed file; `encoding` says how its bytes were read, `items()` streams its items.

    A feed that declares no encoding (or UTF-8) but is not valid UTF-8 was written by a
    Windows tool; it is read as cp1252 rather than rejected, and the summary says so.
    """

    def __init__(self, path: Path):
        self.path = path
        with path.open("rb") as handle:
            head = handle.read(512)
        declared = re.search(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""", head)
        self.declared = declared.group(1).decode().lower() if declared else None
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        self.override = "cp1252" if not utf16 and self.declared in (None, "utf-8", "utf8") and not _is_utf8(path) else None
        self.encoding = (f"cp1252 (the feed is not valid UTF-8{' although it says it is' if self.declared else ''})"
                         if self.override else self.declared or "utf-8")

    def items(self) -> Iterator[tuple[int, Record]]:
        """(line, record) for every item, in order; malformed XML is an IngestError."""
        parser = expat.ParserCreate(self.override, namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        collector = _ItemCollector(parser)
        parser.StartElementHandler = collector.start
        parser.EndElementHandler = collector.end
        parser.CharacterDataHandler = collector.data
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.ExternalEntityRefHandler = _refuse_dtd
        with self.path.open("rb") as handle:
            try:
                while chunk := handle.read(CHUNK):
                    parser.Parse(chunk, False)
                    yield from collector.done
                    collector.done.clear()
                parser.Parse(b"", True)
            except expat.ExpatError as error:
                raise IngestError(f"{self.path} is not well-formed XML (line {error.lineno}, column {error.offset}: "
                                  f"{expat.ErrorString(error.code)}); nothing was written") from error
        yield from collector.done


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True
