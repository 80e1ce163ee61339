#!/usr/bin/env bash
# Where the compiler spends its instructions: runs one case under callgrind and prints
# the inclusive instruction count of each phase and of the known hot spots.
#
#   bench/profile.sh [N | FILE.infra] [--mixed] [--build] [--infrac PATH]
#
#   N          generate a program of N resources (default 1000) with gen_program.py
#   FILE       or profile this source instead
#   --mixed    generate the 14-type program (gen_program.py --mixed)
#   --build    profile `build -o` (with YAML emission) instead of `check`
#   --infrac   the compiler to profile (default: the Release one bench/run.sh builds
#              into build-bench/, else build/'s)
#
# Instruction counts, not time: stable on a noisy machine, but they weigh a cache miss
# like an add. Needs valgrind. The callgrind output is left in a temporary directory
# (printed) for callgrind_annotate or kcachegrind.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
INFRAC=""
WHAT=1000
MIXED=""
CMD=check
while [[ $# -gt 0 ]]; do
  case "$1" in
    --mixed) MIXED=--mixed; shift ;;
    --build) CMD=build; shift ;;
    --infrac) INFRAC="${2:?--infrac needs a path}"; shift 2 ;;
    -h|--help) bench_help "$0"; exit 0 ;;
    -*) echo "profile.sh: unknown option \`$1\`" >&2; exit 2 ;;
    *) WHAT="$1"; shift ;;
  esac
done
command -v valgrind >/dev/null || { echo "profile.sh: valgrind is required" >&2; exit 2; }
INFRAC="$(bench_compiler "$ROOT" "$INFRAC")"
[[ -x "$INFRAC" ]] || { echo "profile.sh: no compiler at $INFRAC (run bench/run.sh or build first)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/infrac-profile.XXXXXX")"
if [[ "$WHAT" =~ ^[0-9]+$ ]]; then
  SRC="$WORK/program-$WHAT.infra"
  python3 "$BENCH_DIR/gen_program.py" "$WHAT" $MIXED -o "$SRC"
else
  SRC="$WHAT"
fi
ARGS=("$CMD" "$SRC")
[[ $CMD == build ]] && ARGS+=(-o "$WORK/out.yaml")

echo "== callgrind: $INFRAC ${ARGS[*]}"
rc=0
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$INFRAC" "${ARGS[@]}" \
  >/dev/null 2>"$WORK/valgrind.log" || rc=$?
if [[ $rc -eq 1 ]]; then
  echo "   exit status 1: expected beyond 500 resources (E0601, the template limit)"
else
  echo "   exit status $rc"
fi

callgrind_annotate --inclusive=yes --threshold=100 "$WORK/callgrind.out" 2>/dev/null | python3 -c '
import re, sys

# (label, pattern on the demangled name); the first match of each wins.
ROWS = [
    ("total", r"^PROGRAM TOTALS$"),
    ("  dynamic loading (before main)", r"rtld\.c:_dl_start$"),
    ("  compile (driver)", r"infrac::driver::compile\("),
    ("    parse (lex + parse + AST)", r"infrac::syntax::parse\("),
    ("      ANTLR lexer", r"antlr4::Lexer::nextToken\(\)"),
    ("      ANTLR parser (SLL)", r"InfraParser::program\(\)"),
    ("      AST builder", r"infrac::syntax::build_ast\("),
    ("      parse tree freed", r"InfraParser::~InfraParser\(\)"),
    ("    check (sema)", r"infrac::sema::check\("),
    ("      declare", r"Checker::declare\(\)"),
    ("      resources", r"Checker::check_resource\("),
    ("    load imports and modules", r"sema::Loader::load_root\("),
    ("    lower (IR + passes)", r"infrac::ir::lower\("),
    ("    IR checks (warnings)", r"infrac::checks::run_checks\("),
    ("    emit YAML", r"infrac::emit::to_yaml"),
    ("      yaml-cpp Emitter::Write(string)", r"YAML::Emitter::Write\(std::"),
    ("  across phases: std::regex compile", r"basic_regex<char, std::__cxx11::regex_traits<char> >::_M_compile"),
    ("  across phases: std::regex_match", r"__regex_algo_impl"),
    ("  across phases: __dynamic_cast", r"^__dynamic_cast$"),
    ("  across phases: RuleContext::getText", r"antlr4::RuleContext::getText"),
    ("  across phases: malloc", r"malloc\.c:malloc$"),
    ("  across phases: free", r"malloc\.c:free$"),
]
found = {}
for line in sys.stdin:
    m = re.match(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*?)(?:\s+\[[^\]]*\])?\s*$", line)
    if not m or "\x272" in m.group(2):  # skip recursive cycle entries (name\x272)
        continue
    name = m.group(2).split(":", 1)[1] if m.group(2).startswith("???:") else m.group(2)
    ir = int(m.group(1).replace(",", ""))
    for label, pat in ROWS:
        if label not in found and re.search(pat, name):
            found[label] = ir
total = found.get("total") or 1
for label, _ in ROWS:
    if label in found:
        print(f"{label:<48} {found[label]:>15,} {100 * found[label] / total:6.1f}%")
'
echo "   (inclusive counts: a row includes the rows indented under it)"
echo "== callgrind output: $WORK/callgrind.out"
