"""Ask the norm: blocks, rubriques, code lists, controls and usages per nature."""

from forms.norm.dictionary import (
    DEFAULT_VERSION,
    KNOWN_VERSIONS,
    NATURES,
    Block,
    Control,
    Norm,
    Rubrique,
    Usage,
    load_norm,
)

__all__ = [
    "DEFAULT_VERSION",
    "KNOWN_VERSIONS",
    "NATURES",
    "Block",
    "Control",
    "Norm",
    "Rubrique",
    "Usage",
    "load_norm",
]
