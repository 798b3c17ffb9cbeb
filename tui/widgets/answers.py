"""The inputs of the wizard's answers, and the code field: an input that offers, right under
it, the codes matching what is typed.

The code field follows the combobox pattern: the focus stays in the field while the list is
open, so typing goes on filtering it (by code prefix, or by words of the label, accents and
case ignored — `forms.codelists.search`).

- typing opens the list of matches (only the person's own edits open it, not a value the
  program sets);
- Down opens it (the whole list when the field is empty or holds a code) and moves the
  highlight down; Up moves it up, and from the first line back to the text;
- Enter on a highlighted line puts its code into the field, closes the list and keeps the
  focus there: the field is then checked and saved as any typed answer. With no line
  highlighted, Enter is the field's own: the text as typed is the answer (typing an exact
  code and Enter simply accepts it);
- Escape closes the list and keeps what was typed; with the list closed, Escape does what it
  does elsewhere on the screen (back).

The highlighted line starts with "▶", so the choice is not shown by colour alone. The list
never takes the focus (a click on a line still picks it); its border title says what it is
and which keys work.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.actions import SkipAction
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from forms import codelists
from forms.i18n import _

Choice = tuple[str, str]  # (code, label)

MARK = "▶ "  # the highlighted line
BLANK = "  "
LIMIT = 200  # lines in the list at most (it scrolls; about six are visible)


class CodeChoices(OptionList):
    """The codes matching a code field's text. Never focused: the field keeps the focus."""

    can_focus = False

    def __init__(self, field: CodeInput, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="field-choices", markup=False)
        self.field = field

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a line picks it (the keyboard picks through the field's Enter)."""
        if event.option_list is self:
            event.stop()
            self.field.pick(event.option_index)


class AnswerInput(Input):
    """The input of one answer. `resume_typing()` before a focus keeps the caret at the end
    on that focus instead of selecting the text (the step was redrawn while typing)."""

    _resume = False

    def resume_typing(self) -> None:
        self._resume = True

    def _on_focus(self, event) -> None:  # type: ignore[no-untyped-def,override]
        # Textual calls Input's own focus handler after this one (handlers of every class of
        # the MRO run): say "no select-all" for it, and put it back once this focus is handled.
        if self._resume:
            self._resume = False
            self.select_on_focus = False
            self.call_later(self._resumed)

    def _resumed(self) -> None:
        self.select_on_focus = True
        self.cursor_position = len(self.value)


class CodeInput(AnswerInput):
    """An input for a question of `Kind.CODE` whose list is known (`choices`)."""

    BINDINGS = [
        Binding("down", "choice_down", show=False),
        Binding("up", "choice_up", show=False),
        Binding("escape", "close_choices", show=False),
    ]

    def __init__(self, choices: Sequence[Choice], *, value: str = "", id: str | None = None) -> None:
        super().__init__(value=value, id=id)
        self.offered = list(choices)
        self.hits: list[Choice] = []
        self.choices = CodeChoices(self, id=f"{id}-choices" if id else None)
        self.choices.display = False
        self.choices.border_title = _("Matching codes — ↓ ↑ choose, Enter picks, Escape closes")

    # ------------------------------------------------------------------ the list
    @property
    def choices_open(self) -> bool:
        return bool(self.choices.display)

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of the person (typing, deleting, pasting) goes through here."""
        before = self.value
        super().replace(text, start, end)
        if self.value != before:
            self.show_choices(self.value)

    def show_choices(self, text: str, everything: bool = False) -> None:
        """Open the list on the codes matching `text` (all of them with `everything`);
        close it when nothing matches or nothing is typed."""
        query = "" if everything else text
        if not query.strip() and not everything:
            self.close_choices_now()
            return
        self.hits = codelists.search(self.offered, query, limit=LIMIT)
        if not self.hits:
            self.close_choices_now()
            return
        self.choices.set_options(Option(Content(BLANK + self._line(c, label))) for c, label in self.hits)
        self.choices.display = True
        self.choices.call_after_refresh(self.choices.scroll_visible, animate=False)

    @staticmethod
    def _line(code: str, label: str) -> str:
        return f"{code} — {label}" if label else code

    def _highlight(self, index: int | None) -> None:
        """Move the highlight, and the "▶" mark with it."""
        lst = self.choices
        old = lst.highlighted
        if old is not None and old < len(self.hits):
            lst.replace_option_prompt_at_index(old, Content(BLANK + self._line(*self.hits[old])))
        if index is not None:
            lst.replace_option_prompt_at_index(index, Content(MARK + self._line(*self.hits[index])))
        lst.highlighted = index
        if index is None:
            lst.scroll_to(y=0, animate=False)

    def close_choices_now(self) -> None:
        self.choices.display = False
        self.choices.highlighted = None
        self.hits = []

    def pick(self, index: int) -> None:
        """Put the code of line `index` into the field; the list closes, the focus stays."""
        if not 0 <= index < len(self.hits):
            return
        code = self.hits[index][0]
        self.close_choices_now()
        self.value = code  # a value set, not typed: the list stays closed
        self.cursor_position = len(code)

    # ------------------------------------------------------------------ keys
    def action_choice_down(self) -> None:
        if not self.offered:
            raise SkipAction()
        if not self.choices_open:
            current = self.value.strip()
            whole = not current or any(c == current for c, _label in self.offered)
            self.show_choices(current, everything=whole)
            if not self.choices_open:
                return
            found = next((i for i, (c, _label) in enumerate(self.hits) if c == current), 0) if whole else 0
            self._highlight(found)
            return
        now = self.choices.highlighted
        self._highlight(0 if now is None else min(now + 1, len(self.hits) - 1))

    def action_choice_up(self) -> None:
        if not self.choices_open:
            raise SkipAction()  # the screen scrolls, as in any other field
        now = self.choices.highlighted
        if now is None:
            return
        self._highlight(None if now == 0 else now - 1)

    def action_close_choices(self) -> None:
        if not self.choices_open:
            raise SkipAction()  # Escape then goes back, as on the rest of the screen
        self.close_choices_now()

    async def action_submit(self) -> None:
        highlighted = self.choices.highlighted if self.choices_open else None
        if highlighted is not None:
            self.pick(highlighted)
            return
        self.close_choices_now()
        await super().action_submit()

    def _on_blur(self, event) -> None:  # type: ignore[no-untyped-def,override]
        self.close_choices_now()  # Input's own blur handler runs too
