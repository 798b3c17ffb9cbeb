"""The five declarations by kind, and their titles: cheap to import (the command line needs
them before anything else is loaded)."""

from __future__ import annotations

from forms.i18n import N_

KINDS = ("dpae", "mensuelle", "arret", "reprise", "fctu")
TITLES = {
    "dpae": N_("DPAE (pre-hiring declaration)"),
    "mensuelle": N_("Monthly DSN"),
    "arret": N_("Sick leave or accident (DSN event 04)"),
    "reprise": N_("Early return to work (DSN event 05)"),
    "fctu": N_("End of contract (DSN event 07, FCTU)"),
}
