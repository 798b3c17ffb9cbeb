"""How the home opens a declaration: a new draft (prefilled from what is known) or a resumed
one, in the wizard. The only entry point the rest of the app calls.

An arrêt, a reprise or a FCTU is about one employee: when the establishment's people are
known (storage.world), the user picks one first (tui/screens/employees.py) and the draft
starts with their identity and contract."""

from __future__ import annotations

from typing import Any

SIGNALS = ("arret", "reprise", "fctu")  # the declarations about one employee


def starting_answers(store: Any, kind: str, etab_id: int | None) -> dict[str, str]:
    """What a new draft starts with: the establishment's record, and for a monthly DSN the
    last month's declaration carried over (forms.history.prefill) with the hires since."""
    answers: dict[str, str] = {}
    if store is None or etab_id is None:
        return answers
    if kind == "mensuelle":
        from storage.history import next_month_answers

        answers.update(next_month_answers(store, etab_id))
    etab = store.get_etablissement(etab_id)
    if etab is not None:
        answers.update(etab.to_answers("etablissement."))
    return answers


def known_for(store: Any, kind: str, etab_id: int | None) -> list[Any]:
    """The employees to offer before a signal, one entry per running contract (a signal is
    about one contract); empty when there is nothing to pick from."""
    if kind not in SIGNALS or store is None or etab_id is None:
        return []
    from storage.world import known_employees

    return known_employees(store, etab_id, each_contract=True)


def open_wizard(app: Any, kind: str, draft_id: int | None = None, etab_id: int | None = None,
                employee: Any = None) -> Any:
    """Push the wizard for `kind`: resume `draft_id`, or create a draft first — after asking
    which employee when it is a signal and people are known (`employee`: the one picked)."""
    from tui.screens.wizard import WizardScreen

    store = getattr(app, "store", None)
    if draft_id is None and employee is None:
        known = known_for(store, kind, etab_id)
        if known:
            return _ask_employee(app, kind, etab_id, known)
    if draft_id is None and store is not None:
        answers = starting_answers(store, kind, etab_id)
        if employee is not None and not isinstance(employee, str):
            from forms.history.known import employee_answers

            answers.update(employee_answers(employee))
        draft_id = store.create_draft(etab_id, kind, "", answers)
    screen = WizardScreen(kind, draft_id, store, etab_id)
    app.push_screen(screen)
    return screen


def _ask_employee(app: Any, kind: str, etab_id: int | None, known: list[Any]) -> Any:
    from forms.i18n import _
    from forms.kinds import TITLES
    from tui.screens.employees import EmployeeScreen

    def picked(choice: Any) -> None:
        if choice is not None:  # None: Escape, back to the home with nothing created
            open_wizard(app, kind, etab_id=etab_id, employee=choice)

    screen = EmployeeScreen(known, _(TITLES[kind]))
    app.push_screen(screen, picked)
    return screen
