#!/usr/bin/env python3
"""Differential test against cfn-lint: whatever infrac accepts, cfn-lint must accept.

    run.py INFRAC --work DIR [--programs N] [--templates N] [--count N] [--seed S]

Program mutants: one-line mutations of valid .infra programs (the golden build cases,
the examples and projects, the stdlib modules they import, tests/trust/seeds), each built
with `infrac build`; every template infrac writes (exit 0) is linted by cfn-lint, in one
run over all of them. An *escape* is a mutant infrac builds while cfn-lint reports an
error (E....) in its template. Template mutants: single-property mutations of the
cfn-lint-clean templates of the corpus (MANIFEST.tsv), checked with `infrac
check-template`; an escape is a mutant check-template accepts and cfn-lint rejects. The
unmutated clean corpus templates must all pass check-template (--corpus-check).

Mutants that are not different from their source, that do not parse, or whose template
is the unmutated program's are counted apart, never as successes. A crash or a build
slower than --timeout fails the run. Everything needed to reproduce a failure stays under
--work (report.md lists the escapes).

Exit status: 0 no escape and no failure; 1 otherwise; 77 when cfn-lint or the corpus is
missing (a failure instead when the environment variable CI is set).
"""
import argparse
import collections
import json
import os
import random
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cfnlint_batch  # noqa: E402
import programs  # noqa: E402
import templates  # noqa: E402
import twins  # noqa: E402


def sample(items, count, rnd, key):
    """`count` items, round-robin over the kinds (each kind shuffled), so that rare kinds
    of mistake are not drowned by common ones."""
    groups = collections.defaultdict(list)
    for it in items:
        groups[key(it)].append(it)
    order = sorted(groups)
    for k in order:
        rnd.shuffle(groups[k])
    out, i = [], 0
    while len(out) < count and any(groups.values()):
        k = order[i % len(order)]
        if groups[k]:
            out.append(groups[k].pop())
        i += 1
    return out


def short(text, width=160):
    return text if len(text) <= width else text[:width] + "... (%d characters)" % len(text)


def groups_table(rows):
    """Markdown table of escapes grouped by (mutation kind, cfn-lint rule): rows are
    (id, kind, errors, what)."""
    groups = collections.OrderedDict()
    for ident, kind, errs, what in rows:
        for rule in sorted(set(e[0] for e in errs)):
            groups.setdefault((kind, rule), []).append((ident, what, next(e for e in errs if e[0] == rule)))
    out = ["| mutation kind | cfn-lint rule | escapes | example |", "|---|---|---|---|"]
    for (kind, rule), items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ident, what, err = items[0]
        out.append("| %s | %s | %d | %s: %s; cfn-lint: %s |" % (
            kind, rule, len(items), ident, short(what, 90).replace("|", "\\|"),
            short(err[2], 110).replace("|", "\\|")))
    return out + [""]


def first_error(found):
    errs = cfnlint_batch.errors(found)
    return "%s line %d: %s" % errs[0] if errs else ""


# ---------------------------------------------------------------- programs

def run_programs(a, work, report):
    attrs = programs.load_attributes(os.path.join(a.root, "compiler/catalog/data/cfn-catalog.jsonl"))
    cands = programs.candidates(a.root, attrs, a.only)
    counts = collections.Counter()
    unique, seen = [], set()
    originals = {}
    for c in cands:
        text = programs.mutated_text(c)
        original = originals.setdefault(c.target, open(c.target).read())
        ident = (c.target, text)
        if text == original:
            counts["not different"] += 1
            continue
        if ident in seen:
            continue
        seen.add(ident)
        unique.append((c, text))
    picked = sample(unique, a.programs, random.Random(a.seed), key=lambda ct: ct[0].mutation.kind)
    print("programs: %d mutation sites x values -> %d distinct mutants (%d not different "
          "from their source, left out); %d picked with seed %d"
          % (len(cands), len(unique), counts["not different"], len(picked), a.seed))

    if os.path.exists(os.path.join(work, "programs")):
        shutil.rmtree(os.path.join(work, "programs"))
    base_dir = os.path.join(work, "programs", "unmutated")
    baselines, base_json, failures = {}, {}, []
    for h in programs.hosts(a.root, a.only):
        d = os.path.join(base_dir, h.name.replace("/", "_")[:-6])
        prog = programs.lay_out(d, h)
        b = programs.build(a.infrac, prog, d, h, a.timeout * 4)
        baselines[h.path] = b
        if a.twins and b.status == "built":
            j = programs.build(a.infrac, prog, d, h, a.timeout * 4, fmt="json")
            if j.status == "built":
                base_json[h.path] = json.load(open(j.output))
        if b.status != "built":
            failures.append("unmutated program %s: %s %s" % (h.name, b.status, b.message))

    results = []
    infrac_seconds = 0.0
    for i, (c, text) in enumerate(picked):
        d = os.path.join(work, "programs", "m%04d" % i)
        target_rel = None if c.target == c.host.path else c.target_rel
        prog = programs.lay_out(d, c.host, target_rel, text)
        if target_rel is None:
            with open(prog, "w") as f:
                f.write(text)
        b = programs.build(a.infrac, prog, d, c.host, a.timeout)
        infrac_seconds += b.seconds
        if b.status == "built":
            base = baselines[c.host.path]
            if base.output and open(base.output).read() == open(b.output).read():
                b.status = "no effect"
        results.append((i, c, b, os.path.join(d, target_rel or os.path.basename(prog))))

    # Rejected mutants replayed on the unmutated template, where that can be done exactly.
    twin_paths = {}
    if a.twins:
        for i, c, b, path in results:
            if b.status == "rejected" and c.host.path in base_json:
                t = twins.twin(c, c.site, c.resources, base_json[c.host.path])
                if t is not None:
                    twin_paths[i] = os.path.join(work, "programs", "m%04d" % i, "twin.json")
                    with open(twin_paths[i], "w") as f:
                        json.dump(t, f, indent=1)
    to_lint = [r[2].output for r in results if r[2].status == "built"] + sorted(twin_paths.values())
    base_lint = [b.output for b in baselines.values() if b.status == "built"]
    found, lint_seconds = cfnlint_batch.lint(base_lint + to_lint, a.cfn_lint)
    for h, b in sorted(baselines.items()):
        if b.status == "built" and cfnlint_batch.errors(found[b.output]):
            failures.append("unmutated program %s: cfn-lint: %s" % (h, first_error(found[b.output])))

    status = collections.Counter(r[2].status for r in results)
    escapes = [r for r in results if r[2].status == "built" and cfnlint_batch.errors(found[r[2].output])]
    slow = [r for r in results if r[2].slow]
    if slow:
        print("programs: %d builds took more than %g s once (then finished; a loaded machine?): %s"
              % (len(slow), a.timeout, ", ".join("m%04d" % r[0] for r in slow)))
    for i, c, b, path in results:
        if b.status in ("crash", "hang"):
            failures.append("program mutant m%04d (%s): %s: %s" % (i, path, b.status, b.message))
    built = status["built"]
    twin_rejected = [i for i, p in twin_paths.items() if cfnlint_batch.errors(found[p])]
    over_strict = sorted(set(twin_paths) - set(twin_rejected))
    rejected_codes = collections.Counter(code for r in results if r[2].status == "rejected"
                                         for code in set(r[2].codes))
    by_kind = collections.Counter(r[1].mutation.kind for r in escapes)
    made_by_kind = collections.Counter(r[1].mutation.kind for r in results)
    accepted_by_kind = collections.Counter(r[1].mutation.kind for r in results if r[2].status == "built")

    print("programs: %d mutants: %d built by infrac, %d rejected, %d do not parse, "
          "%d built the unmutated template, %d crashed, %d hung"
          % (len(results), built, status["rejected"], status["syntax"], status["no effect"],
             status["crash"], status["hang"]))
    if a.twins:
        print("programs: of the %d rejected, %d could be replayed on the unmutated template: "
              "cfn-lint rejects %d of those, accepts %d" % (
                  status["rejected"], len(twin_paths), len(twin_rejected), len(over_strict)))
    else:
        print("programs: the %d rejected are not replayed on templates (--no-twins)" % status["rejected"])
    print("programs: ESCAPES (infrac exit 0, cfn-lint error): %d of %d built (%.0f%%)"
          % (len(escapes), built, 100.0 * len(escapes) / built if built else 0))
    print("programs: by kind (made / built / escapes): " + ", ".join(
        "%s %d/%d/%d" % (k, made_by_kind[k], accepted_by_kind[k], by_kind[k]) for k in sorted(made_by_kind)))
    print("programs: time: infrac %.1f s for %d builds (%.0f ms each); cfn-lint %.1f s for "
          "%d templates (%.0f ms each)" % (
              infrac_seconds, len(results), 1000 * infrac_seconds / max(1, len(results)),
              lint_seconds, len(base_lint) + len(to_lint),
              1000 * lint_seconds / max(1, len(base_lint) + len(to_lint))))

    report.append("## Program mutants\n")
    report.append("%d mutants, %d built, %d escapes, %d rejected, %d unparseable, %d no effect\n"
                  % (len(results), built, len(escapes), status["rejected"], status["syntax"],
                     status["no effect"]))
    report.append("Rejections by code: %s\n" % ", ".join("%s %d" % kv for kv in sorted(rejected_codes.items())))
    report.append("Escapes grouped (a mutant counts once per cfn-lint rule it breaks):\n")
    report += groups_table([("m%04d" % i, c.mutation.kind, cfnlint_batch.errors(found[b.output]),
                             "%s:%d %s" % (os.path.relpath(c.target, a.root), c.lineno + 1, c.mutation.what))
                            for i, c, b, path in escapes])
    if over_strict:
        report.append("### Rejected by infrac, accepted by cfn-lint (replayed on the template)\n")
        for i, c, b, path in results:
            if i in over_strict:
                report.append("- m%04d [%s] %s:%d: %s -> %s (twin %s)" % (
                    i, c.mutation.kind, os.path.relpath(c.target, a.root), c.lineno + 1,
                    short(c.mutation.what), b.message, twin_paths[i]))
        report.append("")
    for i, c, b, path in escapes:
        errs = cfnlint_batch.errors(found[b.output])
        report.append("### m%04d [%s] %s:%d\n" % (i, c.mutation.kind, os.path.relpath(c.target, a.root), c.lineno + 1))
        report.append("- mutation: %s" % short(c.mutation.what))
        report.append("- was: `%s`" % c.old_line.strip())
        report.append("- now: `%s`" % short((c.mutation.new_line or "(line dropped)").strip()))
        report.append("- mutant: %s (template %s)" % (path, b.output))
        for e in errs:
            report.append("- cfn-lint %s (line %d): %s" % (e[0], e[1], short(e[2])))
        report.append("")
    rows = [{"id": "m%04d" % i, "kind": c.mutation.kind, "target": os.path.relpath(c.target, a.root),
             "line": c.lineno + 1, "what": c.mutation.what, "status": b.status, "codes": b.codes,
             "cfn_lint": cfnlint_batch.errors(found.get(b.output, [])) if b.output else []}
            for i, c, b, path in results]
    with open(os.path.join(work, "programs.json"), "w") as f:
        json.dump(rows, f, indent=1)
    return len(escapes), failures


# ---------------------------------------------------------------- templates

def clean_corpus(corpus):
    with open(os.path.join(corpus, "MANIFEST.tsv")) as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    return sorted(os.path.join(corpus, r[0]) for r in rows if len(r) > 1 and r[1] == "-")


def run_templates(a, work, report):
    attrs = programs.load_attributes(os.path.join(a.root, "compiler/catalog/data/cfn-catalog.jsonl"))
    files = clean_corpus(a.corpus)
    failures = []
    if a.corpus_check:
        rejected = []
        for f in files:
            st, _, msg = templates.check(a.infrac, f, a.timeout)
            if st != "accepted":
                rejected.append(f)
                failures.append("corpus %s: check-template %s: %s" % (os.path.relpath(f, a.corpus), st, msg))
        print("corpus: %d of %d cfn-lint-clean templates accepted by check-template"
              % (len(files) - len(rejected), len(files)))
    cands, same = [], 0
    for f in files:
        text = open(f).read()
        lines, sites, resources = templates.find_sites(text)
        for s in sites:
            for m in templates.mutations_for(s, lines, resources, attrs):
                new = "\n".join(m.apply(lines))
                if new != text:
                    cands.append((f, s, m, new))
                else:
                    same += 1
    picked = sample(cands, a.templates, random.Random(a.seed + 1), key=lambda t: t[2].kind)
    print("templates: %d single-property mutants of %d templates (%d not different from "
          "their source, left out); %d picked" % (len(cands), len(files), same, len(picked)))
    tdir = os.path.join(work, "templates")
    if os.path.exists(tdir):
        shutil.rmtree(tdir)
    os.makedirs(tdir)
    results, infrac_seconds = [], 0.0
    for i, (f, s, m, new) in enumerate(picked):
        path = os.path.join(tdir, "t%04d-%s" % (i, os.path.basename(f)))
        with open(path, "w") as out:
            out.write(new)
        st, sec, msg = templates.check(a.infrac, path, a.timeout)
        infrac_seconds += sec
        results.append((i, f, s, m, path, st, msg))
    found, lint_seconds = cfnlint_batch.lint([r[4] for r in results], a.cfn_lint)
    status = collections.Counter(r[5] for r in results)
    not_template = [r for r in results if any(e[0] == "E0000" for e in found[r[4]])]
    lint_err = lambda r: bool(cfnlint_batch.errors(found[r[4]]))
    escapes = [r for r in results if r[5] == "accepted" and lint_err(r) and r not in not_template]
    rejected = [r for r in results if r[5] == "rejected"]
    both = [r for r in rejected if lint_err(r)]
    if templates.SLOW:
        print("templates: %d checks took more than %g s once (then finished; a loaded machine?): %s"
              % (len(templates.SLOW), a.timeout, ", ".join(templates.SLOW)))
    for r in results:
        if r[5] in ("crash", "hang"):
            failures.append("template mutant %s: %s: %s" % (r[4], r[5], r[6]))
    by_kind = collections.Counter(r[3].kind for r in escapes)
    made_by_kind = collections.Counter(r[3].kind for r in results)
    acc_by_kind = collections.Counter(r[3].kind for r in results if r[5] == "accepted")
    linted_bad = [r for r in results if lint_err(r) and r not in not_template]
    print("templates: %d mutants: %d accepted by check-template, %d rejected (cfn-lint "
          "rejects %d of those), %d crashed, %d hung; %d are not templates (cfn-lint E0000)"
          % (len(results), status["accepted"], len(rejected), len(both), status["crash"],
             status["hang"], len(not_template)))
    print("templates: cfn-lint finds an error in %d mutants; check-template catches %d of "
          "them (%.0f%%)" % (len(linted_bad), len(linted_bad) - len(escapes),
                            100.0 * (len(linted_bad) - len(escapes)) / max(1, len(linted_bad))))
    print("templates: ESCAPES (check-template exit 0, cfn-lint error): %d" % len(escapes))
    print("templates: by kind (made / accepted / escapes): " + ", ".join(
        "%s %d/%d/%d" % (k, made_by_kind[k], acc_by_kind[k], by_kind[k]) for k in sorted(made_by_kind)))
    print("templates: time on the same %d files: check-template %.1f s (%.0f ms each), "
          "cfn-lint %.1f s (%.0f ms each)" % (
              len(results), infrac_seconds, 1000 * infrac_seconds / max(1, len(results)),
              lint_seconds, 1000 * lint_seconds / max(1, len(results))))
    report.append("## Template mutants\n")
    report.append("%d mutants, %d accepted, %d escapes; %d rejected, cfn-lint agrees on %d\n"
                  % (len(results), status["accepted"], len(escapes), len(rejected), len(both)))
    report.append("Escapes grouped (a mutant counts once per cfn-lint rule it breaks):\n")
    report += groups_table([("t%04d" % r[0], r[3].kind, cfnlint_batch.errors(found[r[4]]),
                             "%s %s" % (r[2].rtype, r[3].what)) for r in escapes])
    over_strict = [r for r in rejected if not lint_err(r)]
    if over_strict:
        report.append("### Rejected by check-template, accepted by cfn-lint\n")
        for i, f, s, m, path, st, msg in over_strict:
            report.append("- t%04d [%s] %s %s: %s -> %s" % (i, m.kind, path, s.rtype, short(m.what),
                                                           short(msg.split(": ", 1)[-1], 200)))
        report.append("")
    for i, f, s, m, path, st, msg in escapes:
        report.append("### t%04d [%s] %s:%d (%s %s)\n" % (i, m.kind, os.path.relpath(f, a.corpus),
                                                        s.lineno + 1, s.resource, s.rtype))
        report.append("- mutation: %s" % short(m.what))
        report.append("- mutant: %s" % path)
        for e in cfnlint_batch.errors(found[path]):
            report.append("- cfn-lint %s (line %d): %s" % (e[0], e[1], short(e[2])))
        report.append("")
    rows = [{"id": "t%04d" % r[0], "kind": r[3].kind, "source": os.path.relpath(r[1], a.corpus),
             "line": r[2].lineno + 1, "resource_type": r[2].rtype, "what": r[3].what, "status": r[5],
             "diagnostic": r[6], "cfn_lint": cfnlint_batch.errors(found[r[4]])} for r in results]
    with open(os.path.join(work, "templates.json"), "w") as f:
        json.dump(rows, f, indent=1)
    return len(escapes), failures


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("infrac")
    p.add_argument("--work", required=True, help="where mutants, templates and report.md go")
    p.add_argument("--root", default=os.path.dirname(os.path.dirname(HERE)))
    p.add_argument("--corpus", default=None, help="default: ROOT/../shared/corpus/awstut-fa")
    p.add_argument("--programs", type=int, default=300)
    p.add_argument("--templates", type=int, default=200)
    p.add_argument("--count", type=int, help="as many program mutants and template mutants")
    p.add_argument("--seed", type=int, default=9)
    p.add_argument("--timeout", type=float, default=3.0,
                   help="seconds per infrac run; one over it is tried again with ten times as "
                        "long, and fails the run as a hang when it does not finish then")
    p.add_argument("--corpus-check", action="store_true",
                   help="also check the unmutated clean corpus templates")
    p.add_argument("--only", metavar="REGEX",
                   help="mutate only the host programs whose path matches, and what they import")
    p.add_argument("--no-twins", dest="twins", action="store_false",
                   help="do not replay rejected program mutants on templates for cfn-lint")
    p.add_argument("--cfn-lint", default=os.environ.get("CFN_LINT", "cfn-lint"))
    a = p.parse_args()
    if a.count is not None:
        a.programs = a.templates = a.count
    a.infrac = os.path.abspath(a.infrac)
    a.corpus = a.corpus or os.path.join(a.root, "..", "shared", "corpus", "awstut-fa")
    ci = bool(os.environ.get("CI"))
    if not cfnlint_batch.available(a.cfn_lint):
        print("%s: cfn-lint not installed" % ("FAIL" if ci else "SKIP"))
        return 1 if ci else 77
    have_corpus = os.path.isfile(os.path.join(a.corpus, "MANIFEST.tsv"))
    if not have_corpus and ci:
        print("FAIL: the corpus is missing: %s" % a.corpus)
        return 1
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    report = ["# Differential run against cfn-lint (seed %d)\n" % a.seed]
    start = time.monotonic()
    escapes, failures = 0, []
    if a.programs:
        e, f = run_programs(a, work, report)
        escapes += e
        failures += f
    if a.templates or a.corpus_check:
        if have_corpus:
            e, f = run_templates(a, work, report)
            escapes += e
            failures += f
        else:
            print("SKIP: the corpus is not at %s: no template mutants" % a.corpus)
    with open(os.path.join(work, "report.md"), "w") as f:
        f.write("\n".join(report) + "\n")
    for f in failures:
        print("not ok - " + f)
    print("total: %d escapes, %d failures in %.0f s; the escapes are listed in %s"
          % (escapes, len(failures), time.monotonic() - start, os.path.join(work, "report.md")))
    if escapes or failures:
        return 1
    return 0 if have_corpus or not a.templates else 77


if __name__ == "__main__":
    sys.exit(main())
