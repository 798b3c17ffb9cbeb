"""The DPAE (déclaration préalable à l'embauche) as the XML message `FR_DUE_Upload`.

    from forms.dpae import build_dpae, DpaeError
    data = build_dpae(etab, [(individu, contrat)], test=True)   # ISO-8859-1 bytes

`forms.dpae.checks` holds our rules for every value (`check_dpae` and the per-record checks,
`transliterate` for names); `forms.dpae.xml` builds and writes the message. See
`docs/dpae.md` for the evidence behind each element and the open questions.
"""

from forms.dpae.checks import MAX_HIRES, DpaeError, FieldError, check_dpae, transliterate
from forms.dpae.xml import REAL_INDICATOR, TEST_INDICATOR, build_dpae, nir_key, write_dpae

__all__ = [
    "MAX_HIRES",
    "REAL_INDICATOR",
    "TEST_INDICATOR",
    "DpaeError",
    "FieldError",
    "build_dpae",
    "check_dpae",
    "nir_key",
    "transliterate",
    "write_dpae",
]
