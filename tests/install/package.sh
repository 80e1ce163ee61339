#!/usr/bin/env bash
# The installed infrac works away from the source tree: `cmake --install` into a prefix,
# and the Debian package made by CPack installed with `dpkg -i` into a scratch root; each
# installed binary builds the lab from a directory of its own, finds the stdlib beside
# itself (share/infrac/stdlib), gives the template the build tree's binary gives, and
# lists the stdlib's modules.
#   package.sh BUILD_DIR SOURCE_DIR
# Exit 77 (skipped) without cpack or dpkg, unless CI is set.
set -euo pipefail
build="$1"
src="$2"
skip() {
  if [ -n "${CI:-}" ]; then echo "FAIL: $1 (required when CI is set)"; exit 1; fi
  echo "SKIP: $1"; exit 77
}
command -v cpack >/dev/null || skip "cpack is not installed"
command -v dpkg >/dev/null || skip "dpkg is not installed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src/examples/lab.infra" "$work/lab.infra"
"$build/compiler/infrac" build "$src/examples/lab.infra" -o "$work/expected.yaml"
modules=$(cd "$src/stdlib" && find . -name '*.infra' | wc -l)

check_installed() {  # NAME BINARY
  local name="$1" bin="$2"
  [ -x "$bin" ] || { echo "not ok - $name: no binary at $bin"; exit 1; }
  (cd "$work" && "$bin" build lab.infra -o "$name.yaml")
  cmp -s "$work/$name.yaml" "$work/expected.yaml" || { echo "not ok - $name: the lab's template differs"; exit 1; }
  echo "ok - $name: builds the lab from $work as the build tree does"
  # The stdlib it reads is its own, not the source tree's: a module only the installed
  # copy has is found.
  local lib
  lib="$(dirname "$bin")/../share/infrac/stdlib"
  mkdir -p "$lib/std/installed_only"
  printf 'resource marker: AWS::SNS::Topic {}\n' > "$lib/std/installed_only/marker.infra"
  printf 'import std.installed_only.marker\nmodule m = marker {}\n' > "$work/marker.infra"
  (cd "$work" && "$bin" build marker.infra) | grep -q 'MMarker:' ||
    { echo "not ok - $name: does not read the stdlib installed beside it"; exit 1; }
  rm -r "$lib/std/installed_only"
  echo "ok - $name: reads the stdlib installed beside it"
  local listed
  listed=$(cd "$work" && "$bin" doc --list | grep -c '^std\.')
  [ "$listed" -eq "$modules" ] || { echo "not ok - $name: doc --list lists $listed modules, the stdlib has $modules"; exit 1; }
  echo "ok - $name: doc --list lists the $modules stdlib modules"
}

# cmake --install into a prefix.
cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in share/infrac/stdlib/std/access/ssm_private_access.infra share/infrac/docs/language.md share/infrac/docs/README.md; do
  [ -f "$work/prefix/$f" ] || { echo "not ok - cmake --install did not install $f"; exit 1; }
done
check_installed "cmake --install" "$work/prefix/bin/infrac"

# The .deb, installed with dpkg into a scratch root (a dpkg database of its own).
(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null)
deb=$(ls "$work"/pkg/infrac_*.deb)
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-script-chrootless --force-not-root --log=/dev/null -i "$deb" >/dev/null
dpkg --root="$root" -s infrac | grep -q '^Status: install ok installed' || { echo "not ok - dpkg does not list infrac as installed"; exit 1; }
echo "ok - dpkg -i $(basename "$deb") into a scratch root"
check_installed "the .deb" "$root/usr/bin/infrac"
