"""The plain line mode: the same forms as the app, one question per line, for screen readers.

No cursor movement, no colour, no box drawing: lines written to standard output in reading
order, answers read from standard input. Each question says where it is ("Question 2 sur 5,
étape Contrat."), its label, the format expected and the current or proposed answer; an
error is a full sentence followed by the same question again. Every accepted answer is
saved at once in the draft (autosave), as in the app.

Typed instead of an answer:

- `?`        the help of the question and the commands;
- `<`        back one question;
- `!liste`   the question's code list, page by page, with search (a code chooses it);
- `!sauver`  save the draft and say how to resume it;
- `!quitter` save and quit.

At the end: the review (every answer with its label), the validation report, then the file
written atomically (mode 0600) into `exports/` under the data directory or where the user
says, recorded in the history, with its path and sha256.

This module never imports Textual (`tests/test_plain.py` checks it in a subprocess).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from forms.i18n import N_, _, get_language, set_language

PAGE_SIZE = 10
EXPORTS_DIR = "exports"
# Nature of the DSN of each kind, for its numéro d'ordre (the DPAE is XML: none).
NATURES = {"mensuelle": "01", "arret": "04", "reprise": "05", "fctu": "07"}

# Commands: the English name and its translation are both understood.
CMD_LIST = N_("!list")
CMD_SAVE = N_("!save")
CMD_QUIT = N_("!quit")
ALIASES = {
    "list": ("!list", "!liste"),
    "save": ("!save", "!sauver", "!sauve"),
    "quit": ("!quit", "!quitter", "!q"),
}

# Exit statuses of the plain mode.
DONE = 0          # file written, or the user quit with !quitter
NOT_WRITTEN = 1   # blocking findings or a storage error: the draft is kept
UNREADABLE = 2    # no such draft, or the database cannot be opened
INPUT_ENDED = 3   # standard input ended before the end of the form: the draft is kept


# ============================================================================= choosing the mode
def plain_wanted(explicit: bool | None = None, *, stdout: TextIO | None = None,
                 env: dict[str, str] | None = None, settings: dict[str, Any] | None = None) -> bool:
    """--plain; else standard output is not a terminal or TERM=dumb; else the setting."""
    if explicit:
        return True
    env = dict(os.environ) if env is None else env
    stream = stdout if stdout is not None else sys.stdout
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    if not tty or env.get("TERM", "") == "dumb":
        return True
    if settings is None:
        from tui.settings import load_settings

        settings = load_settings()
    return bool(settings.get("plain"))


def apply_language(explicit: str | None) -> None:
    """--lang, else COMPTOIR_LANG, else the setting, else French."""
    if explicit:
        set_language(explicit)
        return
    if os.environ.get("COMPTOIR_LANG"):
        set_language(os.environ["COMPTOIR_LANG"])
        return
    from tui.settings import load_settings

    set_language(load_settings().get("lang") or "fr")


# ============================================================================= lines in and out
class EndOfInput(Exception):
    """Standard input ended."""


class Console:
    """Lines out, lines in. When the input is not a terminal, the answer read is written back
    after its prompt, so that the transcript reads as a dialogue."""

    def __init__(self, inp: TextIO | None = None, out: TextIO | None = None, echo: bool | None = None) -> None:
        self.inp = inp if inp is not None else sys.stdin
        self.out = out if out is not None else sys.stdout
        if echo is None:
            try:
                echo = not self.inp.isatty()
            except (AttributeError, ValueError):
                echo = True
        self.echo = echo

    def say(self, text: str = "") -> None:
        for line in text.split("\n"):
            self.out.write(line.rstrip() + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        self.out.write(prompt + " ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            self.out.flush()
            raise EndOfInput
        line = line.rstrip("\r\n")
        if self.echo:
            self.out.write(line + "\n")
            self.out.flush()
        return line


def command_of(text: str) -> tuple[str, str]:
    """("list" | "save" | "quit" | "", rest of the line) for a typed line."""
    stripped = text.strip()
    if not stripped.startswith("!"):
        return "", stripped
    word, _sep, rest = stripped.partition(" ")
    word = word.lower()
    for name, words in ALIASES.items():
        translated = {"list": _(CMD_LIST), "save": _(CMD_SAVE), "quit": _(CMD_QUIT)}[name]
        if word in words or word == translated.lower():
            return name, rest.strip()
    return "?" + word, rest.strip()


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!:…" else text + "."


# ============================================================================= describing a question
def format_hint(question: Any) -> str:
    """What the answer looks like, as a sentence fragment ("a date such as 15/03/2026")."""
    from forms.answer_check import choices_of
    from forms.questions import Kind

    kind = question.kind
    if question.pattern_hint:
        return _(question.pattern_hint)
    if kind is Kind.DATE:
        return _("a date such as 15/03/2026")
    if kind is Kind.MONTH:
        return _("a month such as 03/2026")
    if kind is Kind.TIME:
        return _("a time such as 09:00")
    if kind is Kind.AMOUNT:
        return _("an amount in euros such as 1 234,56")
    if kind is Kind.DECIMAL:
        return _("a number with at most {n} decimal places, such as 151,67").format(n=question.decimals)
    if kind in (Kind.INTEGER, Kind.COUNT):
        if question.high is not None:
            return _("a whole number between {low} and {high}").format(low=question.low, high=question.high)
        return _("a whole number")
    if kind is Kind.YESNO:
        return _("oui or non")
    if kind is Kind.CODE:
        offered = choices_of(question)
        if not offered:
            return _("a code (this list is not available offline: the code is accepted on its format)")
        if len(offered) <= 6:
            listed = ", ".join(f"{code} ({label})" for code, label in offered)
            return _("one of these codes: {codes}; or words of its label").format(codes=listed)
        return _("a code, or words of its label; type {cmd} to see the {n} codes").format(
            cmd=_(CMD_LIST), n=len(offered))
    if kind is Kind.SIRET:
        return _("a SIRET of 14 digits, spaces allowed")
    if kind is Kind.SIREN:
        return _("a SIREN of 9 digits, spaces allowed")
    if kind is Kind.NIR:
        return _("a social security number of 13 characters, or 15 with the key, spaces allowed")
    if kind is Kind.IBAN:
        return _("an IBAN such as FR76 3000 4008 2800 0109 8765 416")
    if kind is Kind.BIC:
        return _("a BIC of 8 or 11 characters such as BNPAFRPP")
    if kind is Kind.EMAIL:
        return _("an e-mail address such as nom@exemple.fr")
    if kind is Kind.PHONE:
        return _("a telephone number such as 01 42 72 00 00")
    if kind is Kind.POSTCODE:
        return _("a postcode of 5 digits such as 75003")
    if kind is Kind.UPPER:
        return _("text, written in capitals without accents")
    if question.max_length:
        return _("text of at most {n} characters").format(n=question.max_length)
    return _("text")


def show_value(question: Any, value: str) -> str:
    """An answer as the user reads it: dates and amounts French style, codes with their label."""
    from forms import codelists
    from forms.answer_check import choices_of
    from forms.questions import Kind
    from forms.values import show_amount, show_date

    if not value:
        return _("(no answer)")
    kind = question.kind
    if kind is Kind.DATE:
        return show_date(value)
    if kind is Kind.MONTH and len(value) == 7:
        return f"{value[5:7]}/{value[:4]}"
    if kind is Kind.AMOUNT:
        return show_amount(value) + " €"
    if kind is Kind.YESNO:
        return _("yes") if value == "oui" else _("no") if value == "non" else value
    if kind is Kind.CODE:
        label = codelists.label_of(choices_of(question), value)
        return f"{value} ({label})" if label else value
    return value


# ============================================================================= the form loop
@dataclass
class Outcome:
    status: int
    path: Path | None = None
    sha256: str = ""
    file_id: int | None = None


class Stop(Exception):
    """Leave the form: `status` is the exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class PlainForm:
    """One declaration filled line by line, saved in draft `draft_id` of `store`."""

    def __init__(
        self, console: Console, store: Any, draft_id: int, *, today: date | None = None, test: bool = False,
        output: Path | None = None, exports: Path | None = None,
    ) -> None:
        from forms.declarations import get
        from forms.session import FormSession

        self.c = console
        self.store = store
        self.draft = store.load_draft(draft_id)
        self.decl = get(self.draft.kind)
        self.today = today or date.today()
        self.test = test
        self.output = output
        self.exports = exports
        self.session = FormSession(self.decl.form, self.draft.answers, on_save=self._autosave,
                                   step=self.draft.step, position=self.draft.position)
        self._saved_position = self.draft.position
        self._announced_step = ""

    # ------------------------------------------------------------------ saving
    def _autosave(self, key: str, value: str | None, step: int, position: str) -> None:
        from storage.errors import StorageError

        try:
            if key:
                self.store.save_answer(self.draft.id, key, value, valid=True, step=step, position=key)
                self._saved_position = key
            else:
                self.store.save_position(self.draft.id, step, position)
                self._saved_position = position
        except StorageError as err:
            self.c.say(err.message)

    def _save_position(self, slot: Any) -> None:
        from storage.errors import StorageError

        if slot.key == self._saved_position:
            return
        try:
            self.store.save_position(self.draft.id, slot.step_index, slot.key)
            self._saved_position = slot.key
        except StorageError as err:
            self.c.say(err.message)

    def _saved_message(self) -> str:
        return _("Draft no. {id} saved. To go on later: comptoir --plain resume {id}").format(id=self.draft.id)

    # ------------------------------------------------------------------ where to start
    def _start_index(self) -> int:
        slots = self.session.slots()
        keys = [s.key for s in slots]
        if self.draft.position in keys:
            return keys.index(self.draft.position)
        for i, slot in enumerate(slots):  # a draft made elsewhere: the first unanswered question
            if slot.key not in self.session.answers:
                return i
        return len(slots)

    # ------------------------------------------------------------------ run
    def run(self) -> Outcome:
        c = self.c
        c.say(_("{title}: draft no. {id}.").format(title=self.decl.title, id=self.draft.id))
        c.say(_("Type ? for help, < to go back one question, {list} for a list of codes, {save} to save, "
                "{quit} to quit. Every answer is saved at once.").format(
                    list=_(CMD_LIST), save=_(CMD_SAVE), quit=_(CMD_QUIT)))
        index = self._start_index()
        try:
            while True:
                slots = self.session.slots()
                if index >= len(slots):
                    done = self._finish()
                    if isinstance(done, Outcome):
                        return done
                    index = done
                    continue
                index = self._ask(slots, max(0, index))
        except Stop as stop:
            return Outcome(stop.status)
        except EndOfInput:
            c.say(_("The input ended before the end of the declaration."))
            c.say(self._saved_message())
            return Outcome(INPUT_ENDED)

    # ------------------------------------------------------------------ one question
    def _announce_step(self, slots: list[Any], slot: Any) -> None:
        step = slot.step
        if step.id == self._announced_step:
            return
        self._announced_step = step.id
        steps = self.session.steps()
        ids = [s.id for s in steps]
        number = ids.index(step.id) + 1 if step.id in ids else slot.step_index + 1
        self.c.say("")
        self.c.say(_("Step {n} of {total}: {title}.").format(n=number, total=len(steps), title=step.title()))
        if step.step.help:
            self.c.say(_sentence(_(step.step.help)))

    def _proposal(self, slot: Any) -> str:
        """The question's default for an unanswered question, when it passes its own checks."""
        proposed = self.session.shown_value(slot.key, slot.question)
        if proposed and not self.session.check(slot.key, proposed).ok:
            return ""
        return proposed

    def _print_question(self, slots: list[Any], slot: Any) -> None:
        q = slot.question
        in_step = [s for s in slots if s.step.id == slot.step.id]
        rank = next((i for i, s in enumerate(in_step) if s.key == slot.key), 0) + 1
        c = self.c
        c.say(_("Question {n} of {total}, step {step}.").format(n=rank, total=len(in_step), step=slot.step.title()))
        label = _sentence(_(q.label))
        c.say(label if q.required else _("{label} (optional)").format(label=label))
        c.say(_("Expected format: {hint}.").format(hint=format_hint(q)))
        current = self.session.answers.get(slot.key, "")
        if current:
            c.say(_("Current answer: {value}. An empty line keeps it.").format(value=show_value(q, current)))
        else:
            proposed = self._proposal(slot)
            if proposed:
                c.say(_("Proposed answer: {value}. An empty line accepts it.").format(value=show_value(q, proposed)))
            elif not q.required:
                c.say(_("An empty line leaves it unanswered."))

    def _ask(self, slots: list[Any], index: int) -> int:
        """Ask the question at `index`; the index of the next question to ask."""
        slot = slots[index]
        self.session.step_index = slot.step_index
        self._save_position(slot)
        self._announce_step(slots, slot)
        self._print_question(slots, slot)
        while True:
            raw = self.c.ask(_("Answer:"))
            text = raw.strip()
            command, rest = command_of(text)
            if text == "?":
                self._help(slot)
                continue
            if text == "<":
                if index == 0:
                    self.c.say(_("This is the first question: there is none before it."))
                    continue
                return index - 1
            if command == "save":
                self._save_position(slot)
                self.c.say(self._saved_message())
                continue
            if command == "quit":
                self._save_position(slot)
                self.c.say(self._saved_message())
                raise Stop(DONE)
            if command == "list":
                chosen = self._code_list(slot, rest)
                if chosen is None:
                    self._print_question(slots, slot)
                    continue
                raw = chosen
            elif command:
                self.c.say(_("Unknown command « {cmd} ». Type ? for the commands.").format(cmd=text))
                continue
            accepted = self._take(slot, raw)
            if accepted:
                return self._after(slot)
            self._print_question(self.session.slots(), slot)

    def _take(self, slot: Any, raw: str) -> bool:
        """Check and keep an answer (an empty line keeps, accepts the proposal or leaves empty)."""
        q, key = slot.question, slot.key
        if not raw.strip():
            current = self.session.answers.get(key, "")
            if current:
                result = self.session.check(key, current)
                if result.ok:
                    return True
                self._refused(result.errors)
                return False
            raw = self._proposal(slot)
        result = self.session.answer(key, raw)
        if not result.ok:
            self._refused(result.errors)
            return False
        for note in result.notes:
            self.c.say(_sentence(note))
        if result.value and q.kind.value == "code":
            self.c.say(_("Kept: {value}.").format(value=show_value(q, result.value)))
        return True

    def _refused(self, errors: list[str]) -> None:
        for message in errors:
            self.c.say(_("Answer refused: {message}").format(message=_sentence(message)))

    def _after(self, slot: Any) -> int:
        """The next question after `slot` was answered; a step left with errors sends back."""
        slots = self.session.slots()
        keys = [s.key for s in slots]
        here = keys.index(slot.key) if slot.key in keys else 0
        step = slots[here].step
        nxt = here + 1
        if nxt < len(slots) and slots[nxt].step.id == step.id:
            return nxt
        # Errors on questions still to come (a rule may read a later step) wait for them.
        later = {s.key for s in slots[nxt:]}
        errors = [e for e in self.session.step_errors(step) if e.key not in later]
        if not errors:
            return nxt
        self._summary(errors, _("This step has {n} error(s) to correct:").format(n=len(errors)))
        return self._first_faulty(errors, here)

    def _summary(self, errors: list[Any], head: str) -> None:
        self.c.say("")
        self.c.say(head)
        questions = {s.key: s.question for s in self.session.slots()}
        for e in errors:
            question = questions.get(e.key, e.question)
            self.c.say("- " + _("{label}: {message}").format(label=_sentence(_(question.label)).rstrip("."),
                                                             message=_sentence(e.message)))

    def _first_faulty(self, errors: list[Any], fallback: int) -> int:
        keys = [s.key for s in self.session.slots()]
        for e in errors:
            if e.key in keys:
                slot = self.session.slots()[keys.index(e.key)]
                self.c.say(_("Back to the question: {label}").format(label=_sentence(_(slot.question.label))))
                self._announced_step = ""
                return keys.index(e.key)
        return fallback

    # ------------------------------------------------------------------ help and lists
    def _help(self, slot: Any) -> None:
        q = slot.question
        c = self.c
        c.say(_("Help: {label}").format(label=_sentence(_(q.label))))
        if q.help:
            c.say(_sentence(_(q.help)))
        if slot.step.step.help:
            c.say(_sentence(_(slot.step.step.help)))
        c.say(_("Expected format: {hint}.").format(hint=format_hint(q)))
        if q.rubriques:
            c.say(_("Written in the rubriques {codes}.").format(codes=", ".join(q.rubriques)))
        c.say(_("Commands: ? this help; < the previous question; {list} the list of codes, page by page, "
                "with search; {save} save the draft; {quit} save and quit.").format(
                    list=_(CMD_LIST), save=_(CMD_SAVE), quit=_(CMD_QUIT)))
        c.say(_("An empty line keeps the current answer or accepts the proposed one."))

    def _code_list(self, slot: Any, search: str) -> str | None:
        """Page through the question's codes; the code chosen, or None to go back."""
        from forms import codelists
        from forms.answer_check import choices_of

        q = slot.question
        offered = choices_of(q)
        c = self.c
        if q.kind.value != "code" or not offered:
            if q.external:
                c.say(_("This list is not available offline; type the code, it is accepted on its format."))
            else:
                c.say(_("This question has no list of codes."))
            return None
        query = search
        page = 0
        while True:
            shown = codelists.search(offered, query) if query else list(offered)
            pages = max(1, -(-len(shown) // PAGE_SIZE))
            if not shown:
                c.say(_("No code matches « {query} ».").format(query=query))
            else:
                if page >= pages:
                    page = 0
                head = (_("{n} code(s) match « {query} », page {page} of {pages}:").format(
                    n=len(shown), query=query, page=page + 1, pages=pages) if query else
                    _("{n} codes, page {page} of {pages}:").format(n=len(shown), page=page + 1, pages=pages))
                c.say(head)
                for code, label in shown[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]:
                    c.say(f"  {code} : {label}" if get_language() == "fr" else f"  {code}: {label}")
            c.say(_("Empty line: next page. Words: search. A code: choose it. < : back to the question."))
            line = c.ask(_("List:")).strip()
            command, _rest = command_of(line)
            if line == "<":
                return None
            if command == "save":
                self.c.say(self._saved_message())
                continue
            if command == "quit":
                self.c.say(self._saved_message())
                raise Stop(DONE)
            if not line:
                if page + 1 >= pages:
                    c.say(_("End of the list: back to the question."))
                    return None
                page += 1
                continue
            codes = {code for code, _label in offered}
            if line in codes or line.upper() in codes:
                return line if line in codes else line.upper()
            query, page = line, 0

    # ------------------------------------------------------------------ the end
    def _finish(self) -> Outcome | int:
        """Review, build, check, write. An int: the question to go back to."""
        from forms.declarations import AnswerErrors, BuildContext, build

        errors = self.session.errors()
        if errors:
            self._summary(errors, _("The declaration still has {n} error(s) to correct:").format(n=len(errors)))
            return self._first_faulty(errors, 0)
        etab_id = self._etab_id()
        numero = self._sequence(etab_id)
        try:
            built = build(self.draft.kind, dict(self.session.answers),
                          BuildContext(today=self.today, numero_ordre=numero, test=self.test))
        except AnswerErrors as exc:
            self._summary(exc.errors, _("The declaration still has {n} error(s) to correct:").format(n=len(exc.errors)))
            return self._first_faulty(exc.errors, 0)
        self._review(built)
        c = self.c
        c.say("")
        c.say(_("Validation report"))
        if built.report is not None:
            from tui.report import render_report

            c.say(render_report(built.report))  # type: ignore[arg-type]
        else:
            c.say(_("The DPAE message passed its own rules."))
        history = self._history_findings(etab_id, built)
        if built.blocking or any(f.blocking for f in history):
            c.say(_("The file has blocking findings: nothing was written."))
            c.say(self._saved_message())
            return Outcome(NOT_WRITTEN)
        path = self._where(built.filename)
        if path is None:
            return len(self.session.slots()) - 1
        return self._write(built, path, etab_id)

    def _review(self, built: Any) -> None:
        """Every answer with its label, then the file as it is written, block by block."""
        c = self.c
        c.say("")
        c.say(_("Review of the declaration: {title}.").format(title=self.decl.title))
        last = ""
        for slot in self.session.slots():
            if slot.step.id != last:
                last = slot.step.id
                c.say(_("Step: {title}.").format(title=slot.step.title()))
            value = self.session.answers.get(slot.key, "")
            c.say("  " + _("{label}: {value}").format(label=_sentence(_(slot.question.label)).rstrip("."),
                                                      value=show_value(slot.question, value)))
        c.say(_("File: {mode}.").format(mode=_("test") if self.test else _("real")))
        if built.media == "dsn":
            from tui.report import render_tree

            c.say("")
            c.say(_("The file, block by block"))
            c.say(render_tree(built.data))

    def _etab_id(self) -> int | None:
        if self.draft.etab_id is not None:
            return self.draft.etab_id  # type: ignore[no-any-return]
        siret = self.session.answers.get("etablissement.siret", "")
        if not siret:
            return None
        from storage.errors import StorageError

        try:
            return self.store.find_etablissement(siret)  # type: ignore[no-any-return]
        except StorageError:
            return None

    def _sequence(self, etab_id: int | None) -> int:
        """The numéro d'ordre the app gives (S20.G00.05.004): the next one the history accepts."""
        nature = NATURES.get(self.draft.kind)
        if not nature:
            return 1
        from forms.history.controls import in_force, next_numero_ordre
        from storage.errors import StorageError
        from storage.history import declared

        try:
            history, _notes = declared(self.store, etab_id)
        except StorageError as err:
            self.c.say(err.message)
            return 1
        return next_numero_ordre(in_force(history), nature, self.today)

    def _history_findings(self, etab_id: int | None, built: Any) -> list[Any]:
        if built.media != "dsn":
            return []
        from storage.errors import StorageError
        from storage.history import check_before_export

        try:
            findings = check_before_export(self.store, etab_id, built.data)
        except StorageError as err:
            self.c.say(err.message)
            return []
        if findings:
            self.c.say(_("Checks across the declarations already produced:"))
            for f in findings:
                kind = _("blocking") if f.blocking else _("note")
                self.c.say(f"  [{f.control}, {kind}] {f.message}")
        return findings

    def _default_path(self, filename: str) -> Path:
        from storage.paths import data_dir, ensure_private_dir

        folder = self.exports or (data_dir() / EXPORTS_DIR)
        ensure_private_dir(folder)
        filename = ("essai-" if self.test else "") + filename  # as the app names a test file
        path = folder / filename
        n = 2
        while path.exists():  # never overwrite a file the history may point to
            path = folder / f"{Path(filename).stem}-{n}{Path(filename).suffix}"
            n += 1
        return path

    def _where(self, filename: str) -> Path | None:
        """The file to write: --output, else asked (an empty line takes the exports folder)."""
        from storage.errors import StorageError

        if self.output is not None:
            path = Path(self.output).expanduser()
            return path / filename if path.is_dir() else path
        try:
            default = self._default_path(filename)
        except StorageError as err:
            self.c.say(err.message)
            raise Stop(NOT_WRITTEN) from None
        c = self.c
        c.say("")
        c.say(_("Where to write the file? An empty line writes {path}. A folder or a file name writes there. "
                "< goes back to the questions; {quit} quits without writing.").format(path=default, quit=_(CMD_QUIT)))
        while True:
            line = c.ask(_("File:")).strip()
            command, _rest = command_of(line)
            if line == "<":
                return None
            if command == "quit":
                c.say(self._saved_message())
                raise Stop(DONE)
            if command == "save":
                c.say(self._saved_message())
                continue
            if not line:
                return default
            path = Path(line).expanduser()
            if path.is_dir():
                path = path / filename
            if not path.parent.is_dir():
                c.say(_("The folder {folder} does not exist; type another path.").format(folder=path.parent))
                continue
            return path

    def _write(self, built: Any, path: Path, etab_id: int | None) -> Outcome:
        from storage.errors import StorageError
        from storage.files import write_export
        from storage.history import replaced_file

        c = self.c
        try:
            digest = write_export(path, built.data)
        except StorageError as err:
            c.say(err.message)
            c.say(self._saved_message())
            return Outcome(NOT_WRITTEN)
        file_id = None
        try:
            file_id = self.store.record_file(
                etab_id=etab_id, draft_id=self.draft.id, path=str(path.resolve()), data=built.data,
                nature=built.nature, type=built.type, test=self.test, period=built.period, people=built.people,
                replaces=replaced_file(self.session.answers),
            )
            self.store.set_draft_state(self.draft.id, "termine")
        except StorageError as err:
            c.say(err.message)
        c.say("")
        c.say(_("File written: {path}").format(path=path.resolve()))
        c.say(_("Size: {size} bytes. sha256: {sha}").format(size=len(built.data), sha=digest))
        if file_id is not None:
            c.say(_("Recorded in the history as file no. {id}.").format(id=file_id))
        for note in built.notes:
            c.say(_sentence(note))
        return Outcome(DONE, path, digest, file_id)


# ============================================================================= entry points
def _open_store(console: Console) -> Any:
    from storage.errors import StorageError
    from storage.store import open_store

    try:
        return open_store()
    except StorageError as err:
        console.say(err.message)
        raise Stop(UNREADABLE) from None


def start_answers(store: Any, kind: str) -> tuple[int | None, dict[str, str]]:
    """The establishment and the answers a new draft starts with: the only establishment's
    answers when there is exactly one (and the last monthly's for a monthly DSN)."""
    from forms.model import Etablissement
    from storage.errors import StorageError

    try:
        etabs = store.list_etablissements()
    except StorageError:
        return None, {}
    if len(etabs) != 1:
        return None, {}
    etab_id, etab = etabs[0]
    answers: dict[str, str] = {}
    if kind == "mensuelle":
        try:
            from storage.history import next_month_answers

            answers = next_month_answers(store, etab_id)
        except (StorageError, ValueError, OSError):
            answers = {}
    if not answers:
        answers = etab.to_answers(Etablissement.SECTION + ".")
    return etab_id, answers


def run_new(kind: str, *, console: Console | None = None, **options: Any) -> int:
    console = console or Console()
    try:
        store = _open_store(console)
    except Stop as stop:
        return stop.status
    try:
        etab_id, answers = start_answers(store, kind)
        from tui.journey import known_for

        known = known_for(store, kind, etab_id)
        if known:
            try:
                picked = pick_employee(console, known)
            except EndOfInput:
                return INPUT_ENDED
            if picked is None:
                return DONE
            answers.update(picked)
        draft_id = store.create_draft(etab_id, kind, "", answers)
        return PlainForm(console, store, draft_id, **options).run().status
    finally:
        store.close()


def pick_employee(console: Console, known: list[Any]) -> dict[str, str] | None:
    """Before a signal: which known employee (their answers), someone else ({}), or None
    when the user quits."""
    from forms.history.known import employee_answers

    console.say(_("Which employee?") + " " + _("Type the number, or {quit} to quit.").format(quit=_(CMD_QUIT)))
    for i, employee in enumerate(known, 1):
        console.say(f"{i}. {employee.label()}")
    console.say(f"{len(known) + 1}. " + _("Someone else: type their identity and contract"))
    while True:
        line = console.ask(_("Choice:")).strip()
        if command_of(line)[0] == "quit":
            return None
        if line.isdigit() and 1 <= int(line) <= len(known) + 1:
            return employee_answers(known[int(line) - 1]) if int(line) <= len(known) else {}
        console.say(_("Expected a number between 1 and {n}; found « {found} ».").format(n=len(known) + 1, found=line))


def run_resume(draft_id: int, *, console: Console | None = None, **options: Any) -> int:
    from storage.errors import StorageError

    console = console or Console()
    try:
        store = _open_store(console)
    except Stop as stop:
        return stop.status
    try:
        try:
            draft = store.load_draft(draft_id)
        except StorageError as err:
            console.say(err.message)
            return UNREADABLE
        if draft.state == "termine":
            console.say(_("Draft no. {id} is finished: its file was written. It is opened again to change it; "
                          "the new file will be written beside the first.").format(id=draft_id))
        return PlainForm(console, store, draft_id, **options).run().status
    finally:
        store.close()


def run_menu(*, console: Console | None = None, **options: Any) -> int:
    """`comptoir --plain`: choose a new declaration or a draft to resume."""
    from forms.kinds import TITLES
    from storage.errors import StorageError

    console = console or Console()
    try:
        store = _open_store(console)
    except Stop as stop:
        return stop.status
    try:
        from forms.declarations import available

        kinds = available()
        try:
            drafts = store.list_drafts(state="en_cours")
        except StorageError as err:
            console.say(err.message)
            drafts = []
        entries: list[tuple[str, Callable[[], int]]] = []
        for kind in kinds:
            entries.append((_("New declaration: {title}").format(title=_(TITLES[kind])),
                            lambda kind=kind: run_new(kind, console=console, **options)))
        for draft in drafts:
            title = _(TITLES[draft.kind]) if draft.kind in TITLES else draft.kind
            entries.append((_("Resume draft no. {id}: {title} {period}").format(
                id=draft.id, title=title, period=draft.period).strip(),
                lambda draft_id=draft.id: run_resume(draft_id, console=console, **options)))
    finally:
        store.close()
    console.say(_("Comptoir, plain line mode."))
    console.say(_("What do you want to do? Type the number, or {quit} to quit.").format(quit=_(CMD_QUIT)))
    for i, (text, _run) in enumerate(entries, 1):
        console.say(f"{i}. {text}")
    while True:
        try:
            line = console.ask(_("Choice:")).strip()
        except EndOfInput:
            return INPUT_ENDED
        command, _rest = command_of(line)
        if command == "quit":
            return DONE
        if line == "?":
            console.say(_("Type the number of a line above, then press Enter."))
            continue
        if line.isdigit() and 1 <= int(line) <= len(entries):
            return entries[int(line) - 1][1]()
        console.say(_("Expected a number between 1 and {n}; found « {found} ».").format(n=len(entries), found=line))
