"""Bytes → rubrique lines, streaming: one line in memory at a time.

A DSN file is ISO-8859-1 text, one rubrique per line: `S21.G00.30.002,'DUPONT'`. The
value runs from the first `,'` to the last `'` of the line, so an apostrophe inside a value
(`L'HERMITE`) is data. LF and CRLF line ends are both read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

CODE_RE = re.compile(r"S\d{2}\.G\d{2}\.\d{2}\.\d{3}")
SEPARATOR = b",'"
CODE_LENGTH = 14  # len("S21.G00.30.002")
UTF8_BOM = b"\xef\xbb\xbf"

# Kinds of lines that are not `CODE,'value'`.
EMPTY = "empty"
MALFORMED = "malformed"


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    code: str
    value: str


@dataclass(frozen=True, slots=True)
class BadLine:
    number: int
    kind: str  # EMPTY | MALFORMED
    text: str


class LineReader:
    """Iterate over a DSN byte stream as `(number, code, value)` tuples.

    A line that is not `CODE,'value'` comes out as `(number, "", text)` with its kind in
    `self.bad[number]`; tuples keep the hot loop cheap on million-line files. After (or
    during) iteration, `utf8_line` is the first line showing the file is really UTF-8
    (None if not): such lines are decoded as UTF-8 so that names are not garbled.
    """

    def __init__(self, source: BinaryIO | bytes | Iterable[bytes]) -> None:
        if isinstance(source, (bytes, bytearray)):
            source = io.BytesIO(bytes(source))
        self._source = source
        self.utf8_line: int | None = None
        self.latin1_line: int | None = None
        self.bad: dict[int, str] = {}
        self.line_count = 0
        self.bytes_read = 0

    def _decode(self, raw: bytes, number: int) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        if self.latin1_line is None:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.latin1_line = number
            else:
                if self.utf8_line is None:
                    self.utf8_line = number
                return text
        return raw.decode("latin-1")

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        number = 0
        trailing_empty = 0
        pending: list[int] = []
        for raw in self._source:
            number += 1
            self.bytes_read += len(raw)
            if number == 1 and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM) :]
                self.utf8_line = 1
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                # Empty lines are reported only if something follows them (a final
                # newline, or blank lines at the very end, are harmless).
                pending.append(number)
                trailing_empty += 1
                continue
            if pending:
                for n in pending:
                    self.bad[n] = EMPTY
                    yield n, "", ""
                pending.clear()
            cut = raw.find(SEPARATOR)
            end = raw.rfind(b"'")
            if cut == CODE_LENGTH and end > cut + 1 and end == len(raw) - 1:
                code = raw[:CODE_LENGTH].decode("latin-1")
                if CODE_RE.fullmatch(code):
                    yield number, code, self._decode(raw[CODE_LENGTH + 2 : end], number)
                    continue
            self.bad[number] = MALFORMED
            yield number, "", self._decode(raw, number)
        self.line_count = number - len(pending)


def iter_lines(source: BinaryIO | bytes | Iterable[bytes]) -> Iterator[Line | BadLine]:
    """Convenience iterator of `Line` / `BadLine` objects (slower; for tools and tests)."""
    reader = LineReader(source)
    for number, code, value in reader:
        if code:
            yield Line(number, code, value)
        else:
            yield BadLine(number, reader.bad[number], value)
