"""Start-up of the app: from process start to the first interactive home screen.

Runs the real `comptoir` (no command) in a pseudo-terminal, on a data directory holding one
establishment, with COMPTOIR_READY_STAMP (the app writes the time of its first home paint
there) and COMPTOIR_EXIT_WHEN_READY=1 (it quits right after). The same is measured for a bare
Textual app showing one label, in the same run. Median of RUNS each, after one warm-up.

Merges into bench/results.json: startup_ratio (comptoir / bare; target <= 1.3),
startup_comptoir_ms, startup_bare_ms, startup_runs.
"""

from __future__ import annotations

import json
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
RUNS = int(os.environ.get("STARTUP_RUNS", "20"))  # one start varies by ±20 % on a shared machine
COMPTOIR = Path(sys.executable).parent / "comptoir"

BARE = """
import os, time
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hello")
    def on_mount(self):
        self.call_after_refresh(self.ready)
    def ready(self):
        with open(os.environ["COMPTOIR_READY_STAMP"], "w") as out:
            out.write(repr(time.time()))
        self.exit()

Bare().run()
"""


def time_to_ready(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` in a pty to the stamp it writes when ready."""
    with tempfile.TemporaryDirectory() as tmp:
        stamp = Path(tmp) / "ready"
        env = dict(env, COMPTOIR_READY_STAMP=str(stamp), COMPTOIR_EXIT_WHEN_READY="1", TERM="xterm-256color",
                   COLUMNS="120", LINES="40")
        master, slave = pty.openpty()
        start = time.time()
        proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
        os.close(slave)
        try:
            while proc.poll() is None:  # drain the terminal so the app never blocks on output
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        os.read(master, 65536)
                    except OSError:
                        break
                if time.time() - start > 60:
                    proc.kill()
                    raise RuntimeError(f"{cmd} did not get ready in 60 s")
            proc.wait(timeout=30)
        finally:
            os.close(master)
        if not stamp.exists():
            raise RuntimeError(f"{cmd} exited ({proc.returncode}) without writing its ready stamp")
        return float(stamp.read_text()) - start


def seeded_home(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from forms.model import Etablissement
    from storage import open_store

    store = open_store("sqlite:///" + str(path / "comptoir.db"))
    store.save_etablissement(Etablissement(siret="73282932000017", raison_sociale="BOULANGERIE MARTIN", ape="1071C"))
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        seeded_home(home)
        env = dict(os.environ, COMPTOIR_HOME=str(home))
        env.pop("COMPTOIR_DATABASE_URL", None)
        # As on a user's machine: our modules' bytecode cached like the installed packages'
        # (a PYTHONDONTWRITEBYTECODE=1 shell would recompile ours, never Textual's, each run).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        comptoir_cmd = [str(COMPTOIR)]
        bare_cmd = [sys.executable, "-c", BARE]
        time_to_ready(comptoir_cmd, env)  # warm-up: bytecode and page cache
        time_to_ready(bare_cmd, env)
        comptoir, bare = [], []
        for _ in range(RUNS):  # interleaved, so a slow moment of the machine hits both
            comptoir.append(time_to_ready(comptoir_cmd, env))
            bare.append(time_to_ready(bare_cmd, env))
    c, b = statistics.median(comptoir), statistics.median(bare)
    result = {
        "startup_ratio": round(c / b, 2),
        "startup_comptoir_ms": round(c * 1000, 1),
        "startup_bare_ms": round(b * 1000, 1),
        "startup_runs": RUNS,
    }
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    data.update(result)
    RESULTS.write_text(json.dumps(data, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
