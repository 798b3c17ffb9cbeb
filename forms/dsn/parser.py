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
CHUNK = 1 << 20
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
        self.bad: dict[int, str] = {}
        self.line_count = 0
        self.bytes_read = 0
        self._lines_before = 0

    def _chunks(self) -> Iterator[str]:
        """Decoded text of the source, in pieces that end on a line break.

        Decoding a megabyte at a time keeps the per-line cost down. A piece whose bytes are
        not ASCII is tried as UTF-8 first: a real UTF-8 file is read as meant (and reported),
        Latin-1 text (which is almost never valid UTF-8) is read as Latin-1.
        """
        source = self._source
        read = getattr(source, "read", None)
        pieces: Iterable[bytes] = iter(lambda: read(CHUNK), b"") if read else source
        rest = b""
        first = True
        for piece in pieces:
            if first:
                first = False
                if piece.startswith(UTF8_BOM):
                    piece = piece[len(UTF8_BOM) :]
                    self.utf8_line = 1
            data = rest + piece
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            rest = data[cut:]
            yield self._decode_piece(data[:cut])
        if rest:
            yield self._decode_piece(rest)

    def _decode_piece(self, raw: bytes) -> str:
        self.bytes_read += len(raw)
        if raw.isascii():
            return raw.decode("ascii")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
        if self.utf8_line is None:
            # Line of the first non-ASCII character, counted from what was read before.
            head = raw[: next(i for i, b in enumerate(raw) if b >= 0x80)]
            self.utf8_line = self._lines_before + head.count(b"\n") + 1
        return text

    def line_lists(self) -> Iterator[list[str]]:
        """The lines of the source (without their line breaks), a decoded piece at a time.

        Line numbers run on from one list to the next; a validator that handles lines itself
        (see `forms.validator`) reads these rather than one tuple per line."""
        for text in self._chunks():
            lines = text.replace("\r\n", "\n").split("\n")
            if lines[-1] == "":
                lines.pop()  # the piece ends on a line break
            self._lines_before += len(lines)
            yield lines

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        number = 0
        pending: list[int] = []
        bad = self.bad
        for lines in self.line_lists():
            for line in lines:
                number += 1
                if line[14:16] == ",'" and line[-1:] == "'" and len(line) > 16:
                    if pending:
                        yield from self._empty(pending)
                    # The code's shape is checked by whoever does not know it (a known
                    # rubrique needs no regex): see `is_code`.
                    yield number, line[:14], line[16:-1]
                    continue
                elif not line.strip():
                    # Reported only if something follows (blank lines at the end are harmless).
                    pending.append(number)
                    continue
                elif pending:
                    yield from self._empty(pending)
                bad[number] = MALFORMED
                yield number, "", line
        self.line_count = number - len(pending)

    def _empty(self, pending: list[int]) -> Iterator[tuple[int, str, str]]:
        for n in pending:
            self.bad[n] = EMPTY
            yield n, "", ""
        pending.clear()


def is_code(code: str) -> bool:
    return CODE_RE.fullmatch(code) is not None


def iter_lines(source: BinaryIO | bytes | Iterable[bytes]) -> Iterator[Line | BadLine]:
    """Convenience iterator of `Line` / `BadLine` objects (slower; for tools and tests)."""
    reader = LineReader(source)
    for number, code, value in reader:
        if code and is_code(code):
            yield Line(number, code, value)
        elif code:
            reader.bad[number] = MALFORMED
            yield BadLine(number, MALFORMED, f"{code},'{value}'")
        else:
            yield BadLine(number, reader.bad[number], value)
