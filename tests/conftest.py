"""Shared test settings."""

import os

from forms.i18n import set_language

# The fuzz tests run 10 000 examples in CI (CI=true), fewer on a developer's machine.
FUZZ_EXAMPLES = 10_000 if os.environ.get("CI") else 300


def pytest_runtest_setup(item):  # type: ignore[no-untyped-def]
    set_language("fr")
