"""Controls of DSN files: syntax of values, declarative CCH/SIG/CSL rules, usage and envelope."""
