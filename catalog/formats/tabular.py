"""Delimited text files of unknown origin, as numbered rows.

Shops export from Shopify, Excel, Google Sheets and their own scripts: UTF-8 with or without
a BOM, UTF-16 from Excel's "Unicode text", Windows-1252 from older tools, sometimes mixed in
one file; commas, tabs or semicolons; quoted fields holding commas and line breaks. Each
physical line is decoded on its own (UTF-8, else cp1252, else Latin-1) so one bad line does
not garble the rest, and the lines that needed a fallback are reported.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from catalog.formats.common import IngestError, strip_controls

MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_FIELD_CHARS = 16 * 1024 * 1024
DELIMITERS = (",", "\t", ";")
ERROR = "__error__"


@dataclass
class Decoding:
    """How the file's bytes became text: the main encoding and lines that needed a fallback."""

    encoding: str = "utf-8"
    fallback: Counter = field(default_factory=Counter)
    fallback_lines: list[int] = field(default_factory=list)

    def describe(self) -> str:
        if not self.fallback:
            return self.encoding
        lines = ", ".join(map(str, self.fallback_lines[:8])) + (" ..." if len(self.fallback_lines) > 8 else "")
        used = " and ".join(f"{n} line{'s' * (n != 1)} read as {enc}" for enc, n in self.fallback.items())
        return f"{self.encoding}, except {used} (not valid UTF-8: lines {lines}); check accented text"


class TextLines:
    """The physical lines of a text file, each decoded on its own, with bounded memory.

    Lines end at \\n, \\r\\n or a lone \\r (old Mac exports, stray carriage returns), as
    editors number them; a quoted field spanning lines is the CSV reader's business.
    """

    def __init__(self, path: Path):
        self.path = path
        with path.open("rb") as handle:
            head = handle.read(4)
        self._utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        self.decoding = Decoding("utf-16" if self._utf16 else "utf-8")

    def __iter__(self) -> Iterator[str]:
        with self.path.open("rb") as handle:
            if self._utf16:
                text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
                while line := text.readline(MAX_LINE_BYTES):
                    yield line
                return
            number = 0
            while raw := handle.readline(MAX_LINE_BYTES + 1):
                if len(raw) > MAX_LINE_BYTES:
                    raise IngestError(f"line {number + 1} of {self.path} is longer than {MAX_LINE_BYTES // 2**20} MB; "
                                      "this is not a product export")
                for piece in raw.splitlines(keepends=True) if b"\r" in raw[:-2] else (raw,):
                    number += 1
                    yield self._decode(piece, number)

    def first(self) -> str:
        """The first line, without counting it towards the decoding report."""
        lines = iter(self)
        try:
            return next(lines, "")
        finally:
            lines.close()
            self.decoding = Decoding(self.decoding.encoding)

    def _decode(self, raw: bytes, number: int) -> str:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "latin-1"
            self.decoding.fallback[encoding] += 1
            self.decoding.fallback_lines.append(number)
        return text.removeprefix("\ufeff") if number == 1 else text


class DelimitedFile:
    """A header and its rows; `rows()` yields (first line number, {column: text})."""

    def __init__(self, path: Path):
        self.path = path
        self.lines = TextLines(path)
        first = self.lines.first()
        self.delimiter = _sniff_delimiter(first)
        try:
            header = next(csv.reader([first], delimiter=self.delimiter), [])
        except csv.Error as error:
            raise IngestError(f"the header row of {path} cannot be read ({error})") from error
        self.header, self.duplicate_columns = _unique([strip_controls(h).strip() for h in header])

    @property
    def decoding(self) -> Decoding:
        return self.lines.decoding

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Every data row with the line it starts on; blank rows are passed over.

        A badly quoted row becomes an error record and reading goes on at the next line; a
        quote never closed swallows the rest of the file, which is reported, not read as
        one giant cell. A field past MAX_FIELD_CHARS means the quoting is beyond repair.
        """
        previous = csv.field_size_limit(MAX_FIELD_CHARS)
        try:
            reader = csv.reader(self.lines, delimiter=self.delimiter, strict=True)
            start = 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    if "field larger" in str(error):
                        raise IngestError(f"line {start} of {self.path}: a field is over {MAX_FIELD_CHARS // 2**20} MB "
                                          "(broken quoting?); nothing was written") from error
                    if "end of data" in str(error):
                        yield start, {ERROR: f"a quote opened in this row is never closed; lines {start}-{reader.line_num} "
                                             "were not read"}
                        return
                    yield start, {ERROR: f"badly quoted field ({error})"}
                    start = reader.line_num + 1
                    continue
                if start > 1 and any(c.strip() for c in cells):
                    yield start, self._record(cells)
                start = reader.line_num + 1
        finally:
            csv.field_size_limit(previous)

    def _record(self, cells: list[str]) -> dict[str, str]:
        record = dict(zip(self.header, cells))
        for column in self.header[len(cells):]:
            record[column] = ""
        if len(cells) > len(self.header):
            record[ERROR] = f"{len(cells)} fields, header has {len(self.header)}"
        return record


def _sniff_delimiter(header_line: str) -> str:
    """The separator used most in the header line, outside quotes (comma when none is)."""
    counts: Counter = Counter()
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in DELIMITERS:
            counts[char] += 1
    return max(DELIMITERS, key=lambda d: (counts[d], d == ",")) if counts else ","


def _unique(header: list[str]) -> tuple[list[str], list[str]]:
    """Column names made unique ("Title", "Title (2)"), and the names that repeated."""
    seen: Counter = Counter()
    out, repeated = [], []
    for name in header:
        seen[name] += 1
        if seen[name] > 1:
            repeated.append(name)
            name = f"{name} ({seen[name]})"
        out.append(name)
    return out, repeated
