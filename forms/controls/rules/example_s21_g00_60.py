"""Example rules (S21.G00.60 Arrêt de travail) — the module C helper will absorb these."""

from forms.controls.dsl import Eq, Nature, Not, RequiredChild, RequiredIff, ValueNotIn

RULES = {
    "S21.G00.60.012/CCH-11": RequiredIff(
        "S21.G00.60.012", Eq("S21.G00.60.001", "04", "05", "06")
    ),
    "S21.G00.60.001/CCH-12": ValueNotIn("S21.G00.60.001", ["99"], when=Not(Nature("01", "07"))),
    "S21.G00.60.001/SIG-13": RequiredChild(
        "S21.G00.66", when=Eq("S21.G00.60.001", "15", "16", "17", "18")
    ),
}
