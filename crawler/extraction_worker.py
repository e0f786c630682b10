"""One extraction worker process, started by crawler/extraction_pool.py: forked from the crawl process
(`crawler/worker_fork.py`, the stages already imported and warm) or, where it cannot fork, executed as
`python -m crawler.extraction_worker`.

Reads jobs from stdin and writes results to stdout, each a frame: 4-byte big-endian length + pickle.
A job is (job_id, args of `extract_page`); a result is (job_id, True, (PageResult, links)) or
(job_id, False, "ExceptionName: message"). It exits when stdin closes (the crawl ended, however it ended) and,
on Linux, when the crawl process dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import pickle
import signal
import struct
import sys
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")
PR_SET_PDEATHSIG = 1
# A page's objects are nearly all freed by reference counting as soon as it is done, so the collector's default
# pace (a young-generation pass every 700 net allocations) finds next to nothing: ≈ 1.5 % of a worker's CPU
# (gc callbacks over benchmarks/extraction_cpu.py's pages). A pass every 10,000 keeps what a cycle can hold small.
GC_THRESHOLD = (10_000, 10, 10)


def read_frame(stream: BinaryIO) -> Any | None:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    (size,) = HEADER.unpack(header)
    return pickle.loads(stream.read(size))


def frame(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def die_with_parent() -> None:
    """On Linux, the kernel kills this process when its parent dies (without it, the closed stdin still ends us)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """Answer jobs until stdin closes."""
    from crawler.extraction_pool import extract_page

    gc.set_threshold(*GC_THRESHOLD)
    while (job := read_frame(stdin)) is not None:
        job_id, args = job
        try:
            reply = (job_id, True, extract_page(*args))
        except Exception as exc:  # process_page never raises; link extraction might, on a hostile page
            reply = (job_id, False, f"{type(exc).__name__}: {exc}".splitlines()[0])
        stdout.write(frame(reply))
        stdout.flush()


def main() -> int:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle, not the workers'
    serve(sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
