"""The app's two themes: "comptoir" (default) and "comptoir-contrast" (high contrast).

The high-contrast theme sets every colour pair text is drawn with explicitly, so that
`tests/tui/test_accessibility.py` can compute their WCAG contrast ratio (≥ 4.5:1) from
`CONTRAST_PAIRS` and the theme's generated colour variables. Nothing is signalled by colour
alone anywhere in the app: every state is also a word.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT = "comptoir"
HIGH_CONTRAST = "comptoir-contrast"

COMPTOIR = Theme(
    name=DEFAULT,
    primary="#1F6FB2",
    secondary="#3C5A78",
    accent="#F2A900",
    warning="#F2A900",
    error="#E0445A",
    success="#3FAE6A",
    foreground="#E6E6E6",
    background="#15191E",
    surface="#1D232A",
    panel="#26303A",
    dark=True,
)

_BLACK = "#000000"
_WHITE = "#FFFFFF"
_YELLOW = "#FFE14D"
_CYAN = "#7FE9FF"

CONTRAST = Theme(
    name=HIGH_CONTRAST,
    primary=_YELLOW,
    secondary=_CYAN,
    accent=_YELLOW,
    warning=_YELLOW,
    error="#FF8A8A",
    success="#7CFF9B",
    foreground=_WHITE,
    background=_BLACK,
    surface=_BLACK,
    panel="#1A1A1A",
    boost="#1A1A1A",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text": _WHITE,
        "text-muted": "#DDDDDD",
        "text-primary": _YELLOW,
        "text-secondary": _CYAN,
        "text-accent": _YELLOW,
        "text-warning": _YELLOW,
        "text-error": "#FF8A8A",
        "text-success": "#7CFF9B",
        "border": _YELLOW,
        "border-blurred": "#BBBBBB",
        "block-cursor-foreground": _BLACK,
        "block-cursor-background": _YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": _WHITE,
        "block-cursor-blurred-background": "#333333",
        "block-hover-background": "#333333",
        "input-cursor-foreground": _BLACK,
        "input-cursor-background": _WHITE,
        "input-selection-background": _CYAN,
        "input-selection-foreground": _BLACK,
        "footer-foreground": _WHITE,
        "footer-background": _BLACK,
        "footer-key-foreground": _YELLOW,
        "footer-key-background": _BLACK,
        "footer-description-foreground": _WHITE,
        "footer-description-background": _BLACK,
        "footer-item-background": _BLACK,
        "scrollbar": "#BBBBBB",
        "scrollbar-background": "#333333",
        "scrollbar-hover": _WHITE,
        "scrollbar-active": _YELLOW,
        "link-color": _CYAN,
        "link-background": _BLACK,
        "link-color-hover": _BLACK,
        "link-background-hover": _CYAN,
        "primary-background": _BLACK,
        "secondary-background": _BLACK,
    },
)

THEMES = (COMPTOIR, CONTRAST)

# (foreground variable, background variable): every pair text is drawn with in our screens.
CONTRAST_PAIRS = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "panel"),
    ("text-muted", "background"),
    ("text-muted", "surface"),
    ("text-primary", "background"),
    ("text-error", "background"),
    ("text-success", "background"),
    ("text-warning", "background"),
    ("foreground", "background"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("input-cursor-foreground", "input-cursor-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("footer-key-foreground", "footer-key-background"),
    ("footer-description-foreground", "footer-description-background"),
    ("footer-foreground", "footer-background"),
    ("link-color", "link-background"),
    ("link-color-hover", "link-background-hover"),
    ("border", "background"),
)
