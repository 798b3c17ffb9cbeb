"""Child for the SIGKILL test: a small fork server that autosaves answers.

    python autosave_child.py URL DRAFT_ID

Imports the storage once (so 200 runs stay fast), prints `ready`, then for each stdin line
`go START COUNT` forks a worker and prints `pid PID`. The worker opens the store like any
Comptoir process and saves answers START, START+1, … (answer i: key `k{i % 40}`, value
`v{i}`, step i), printing `ack i` on stdout (unbuffered) once `save_answer` has returned.
When the worker is gone the server prints `exit PID STATUS`. The test kills workers with
SIGKILL at random points (while opening the store or between and during answers).
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from storage.store import open_store  # noqa: E402


def key(i: int) -> str:
    return f"k{i % 40}"


def worker(url: str, draft: int, start: int, count: int) -> None:
    store = open_store(url)
    for i in range(start, start + count):
        store.save_answer(draft, key(i), f"v{i}", step=i, position=key(i))
        os.write(1, f"ack {i}\n".encode())
    store.close()


def main() -> None:
    url, draft = sys.argv[1], int(sys.argv[2])
    os.write(1, b"ready\n")
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "go":
            break
        start, count = int(parts[1]), int(parts[2])
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                worker(url, draft, start, count)
            except BaseException as exc:  # noqa: BLE001
                os.write(2, f"worker error: {exc!r}\n".encode())
                code = 3
            os._exit(code)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {pid} {status}\n".encode())


if __name__ == "__main__":
    main()
