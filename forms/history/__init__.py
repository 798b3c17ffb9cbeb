"""What Comptoir declared before, and what follows from it (issue 8).

- `prefill(previous)`: the next monthly DSN's answers from the last one's, with what was
  declared under `salaries.N.avant.…` (`forms.history.prefill`).
- `changes`: the change blocks S21.G00.31 / S21.G00.41 / S21.G00.16 derived from the
  differences; `form`: the questions the monthly form asks about them.
- `controls`: the controls across declarations (`HIST-…`), over `DeclaredFile` summaries.
- `corrections`: "annule et remplace" / "annule" answers from a file of the history.

Pure: no storage. See docs/history.md.
"""

from forms.history.prefill import answers_from_file, next_month, prefill

__all__ = ["answers_from_file", "next_month", "prefill"]
