"""How the home opens a declaration: a new draft (prefilled from what is known) or a resumed
one, in the wizard. The only entry point the rest of the app calls."""

from __future__ import annotations

from typing import Any


def starting_answers(store: Any, kind: str, etab_id: int | None) -> dict[str, str]:
    """What a new draft starts with: the establishment's record, and for a monthly DSN the
    last month's declaration carried over (forms.history.prefill)."""
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


def open_wizard(app: Any, kind: str, draft_id: int | None = None, etab_id: int | None = None) -> Any:
    """Push the wizard for `kind`: resume `draft_id`, or create a draft first."""
    from tui.screens.wizard import WizardScreen

    store = getattr(app, "store", None)
    if draft_id is None and store is not None:
        draft_id = store.create_draft(etab_id, kind, "", starting_answers(store, kind, etab_id))
    screen = WizardScreen(kind, draft_id, store, etab_id)
    app.push_screen(screen)
    return screen
