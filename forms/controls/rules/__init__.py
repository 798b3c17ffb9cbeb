"""The CT controls, one module per group of blocks. Each module exposes
`RULES: dict[str, Rule | NotDecidable]` keyed by control id (`S21.G00.60.012/CCH-11`)."""
