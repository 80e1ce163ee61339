#!/usr/bin/env bash
# `infrac graph` of the lab, drawn by Graphviz: `--format svg` must give an SVG that
# parses as XML and has a box for each part of the article's diagram, and the DOT must
# render as PNG too. Without Graphviz the test is skipped (77), unless CI is set: the CI
# image installs it (tools/install-deps.sh), so its absence there is a failure.
#   render_lab.sh INFRAC REPO
set -euo pipefail
infrac=$1
repo=$2
if ! command -v dot >/dev/null; then
  if [[ -n "${CI:-}" ]]; then
    echo "FAIL: Graphviz's dot is not installed (tools/install-deps.sh installs it)"
    exit 1
  fi
  echo "skipped: Graphviz's dot is not installed (Debian package graphviz)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$infrac" graph "$repo/examples/lab.infra" --format svg -o "$tmp/lab.svg"
"$infrac" graph "$repo/examples/lab.infra" | dot -Tpng -o "$tmp/lab.png"
head -c 8 "$tmp/lab.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || { echo "FAIL: lab.png is not a PNG"; exit 1; }

# Graphviz names each node and cluster in a <title>.
python3 - "$tmp/lab.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
titles = {t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}
expected = [
    "cluster_NetVpc", "cluster_Pattern1PublicSubnet", "cluster_Pattern2PrivateSubnet",  # the network
    "Pattern1Instance", "NetIgw",  # the SSH host, and the internet gateway outside the VPC
    "Pattern2Instance", "Pattern2EndpointsEndpointSsm", "Pattern2EndpointsEndpointEc2messages",
    "Pattern2EndpointsEndpointSsmmessages", "Pattern2EndpointsSecurityGroup",
    "Pattern2RoleProfile", "Pattern2RoleRole",
]
missing = sorted(set(expected) - titles)
if missing:
    print("FAIL: the lab's SVG has no", ", ".join(missing))
    sys.exit(1)
print("ok: the lab's SVG parses and names", len(expected), "expected nodes and clusters")
PY
