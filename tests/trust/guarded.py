"""Running infrac under a time limit that tells a hang from a busy machine."""
import os
import signal
import subprocess
import time


class Run:
    """`result` is the CompletedProcess, or None for a hang; `slow` is True when the first
    try ran out of time and a second, with ten times as long, finished."""

    def __init__(self, result, seconds, slow):
        self.result, self.seconds, self.slow = result, seconds, slow


def attempt(cmd, timeout):
    """The CompletedProcess, or None when `cmd` outlives `timeout`; then it is killed with
    whatever it started (it runs in a process group of its own)."""
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as p:
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None
        return subprocess.CompletedProcess(cmd, p.returncode, out, err)


def run(cmd, timeout):
    start = time.monotonic()
    r = attempt(cmd, timeout)
    if r is not None:
        return Run(r, time.monotonic() - start, False)
    # A second try: on a loaded machine a build of milliseconds can miss its limit.
    start = time.monotonic()
    r = attempt(cmd, timeout * 10)
    return Run(r, time.monotonic() - start, True)
