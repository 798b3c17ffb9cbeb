"""Every action of the app in one list: the command palette shows them all (ctrl+p), and
bindings read their descriptions from here translated at run time.

`comptoir_commands()` gives the palette provider; `textual.command` (≈ 25 ms to import) is
loaded only when the palette first opens, not before the home's first paint. The provider asks
the app for `palette_commands()`: (title, help, callback) triples that depend on what is
loaded (the kinds of declaration, the drafts, the establishments).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.dom import DOMNode

Command = tuple[str, str, Callable[[], Any]]


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding's description (an English msgid) by its translation."""
    from forms.i18n import _

    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            dataclasses.replace(b, description=_(b.description)) if b.description else b for b in bindings
        ]


@cache
def comptoir_commands() -> type:
    """The provider class of the app's own actions (built on first use)."""
    from textual.command import DiscoveryHit, Hit, Hits, Provider

    class ComptoirCommands(Provider):
        """The app's own actions, listed before anything is typed and found by fuzzy search."""

        def _commands(self) -> list[Command]:
            getter = getattr(self.app, "palette_commands", None)
            return list(getter()) if getter else []

        async def discover(self) -> Hits:
            for title, help_text, callback in self._commands():
                yield DiscoveryHit(title, callback, help=help_text)

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for title, help_text, callback in self._commands():
                score = matcher.match(title)
                if score > 0:
                    yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)

    return ComptoirCommands
