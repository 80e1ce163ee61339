"""cfn-lint as the oracle: one run over many files, findings grouped by file."""
import shutil
import subprocess
import time

# cfn-lint's exit status is a bit set: 2 errors, 4 warnings, 8 informational; 1 or
# anything from 16 up means cfn-lint itself failed.
ERRORS_BIT = 2


class LintError(Exception):
    pass


def available(command="cfn-lint"):
    if not shutil.which(command):
        return False
    try:
        return subprocess.run([command, "--version"], capture_output=True, timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def lint(paths, command="cfn-lint", timeout=3600, chunk=1500):
    """Lints `paths` (absolute) and returns ({path: [(rule, line, message)]}, seconds).
    Runs cfn-lint once per `chunk` files (once for any batch this harness makes)."""
    findings = {p: [] for p in paths}
    seconds = 0.0
    for i in range(0, len(paths), chunk):
        part = paths[i:i + chunk]
        start = time.monotonic()
        try:
            r = subprocess.run([command, "--format", "parseable", "--"] + part,
                               capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LintError("cfn-lint gave no answer in %d s" % timeout)
        seconds += time.monotonic() - start
        if r.returncode == 1 or r.returncode >= 16:
            raise LintError("cfn-lint failed (exit %d): %s" % (r.returncode, r.stderr[-2000:]))
        errors_seen = False
        for row in r.stdout.splitlines():
            # FILE:LINE:COL:ENDLINE:ENDCOL:RULE:MESSAGE
            parts = row.split(":", 6)
            if len(parts) < 7 or parts[0] not in findings:
                continue
            findings[parts[0]].append((parts[5], int(parts[1]) if parts[1].isdigit() else 0, parts[6]))
            errors_seen |= parts[5].startswith("E")
        if (r.returncode & ERRORS_BIT) and not errors_seen:
            raise LintError("cfn-lint reported errors (exit %d) that name no file: %s"
                            % (r.returncode, r.stdout[-2000:]))
    return findings, seconds


def errors(found):
    return [f for f in found if f[0].startswith("E")]
