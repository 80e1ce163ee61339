"""Running infrac under a time limit that tells a hang from a busy machine."""
import subprocess
import time


class Run:
    """`result` is the CompletedProcess, or None for a hang; `slow` is True when the first
    try ran out of time and a second, with ten times as long, finished."""

    def __init__(self, result, seconds, slow):
        self.result, self.seconds, self.slow = result, seconds, slow


def run(cmd, timeout):
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return Run(r, time.monotonic() - start, False)
    except subprocess.TimeoutExpired:
        pass
    # A second try, alone: on a loaded machine a build of milliseconds can miss its limit.
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout * 10)
        return Run(r, time.monotonic() - start, True)
    except subprocess.TimeoutExpired:
        return Run(None, time.monotonic() - start, True)
