"""Single-property mutants of cfn-lint-clean CloudFormation templates (YAML), made on the
text so that the rest of the file, its tags and its layout stay as they were.

A site is a line `Key: value` inside a resource's `Properties`, at any depth, whose value
is a scalar on that line (a plain or quoted scalar, a one-line tag such as `!Ref X`, or a
flow list). A property whose value is a block below it can only be dropped (with the
block).
"""
import re

import guarded
import infra_mutations

KEY_LINE = re.compile(r"^(\s*)(- )?([A-Za-z0-9_.:-]+):(\s+(.*?))?\s*$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

SLOW = []  # templates whose check missed the time limit once, then finished

BAD_CIDRS = ["10.0.0.0/33", "10.0.0.1/16", "'10.0.0.0/16 '", "10.0.0.256/24", "10.0.0.0"]


def indent(s):
    return len(s) - len(s.lstrip(" "))


class Site:
    def __init__(self, lineno, key, value, end, resource, rtype, path):
        self.lineno, self.key, self.value, self.end = lineno, key, value, end
        self.resource, self.rtype, self.path = resource, rtype, path


def find_sites(text):
    """The property sites of a template and its resources (logical ID -> type)."""
    lines = text.split("\n")
    sites, resources = [], {}
    in_resources, res_indent, resource, props_indent = False, None, None, None
    stack = []  # (indent, key) of the keys above the current line inside Properties
    for no, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ind = indent(line)
        if ind == 0:
            in_resources = line.startswith("Resources:")
            res_indent, resource, props_indent = None, None, None
            continue
        if not in_resources:
            continue
        m = KEY_LINE.match(line)
        if res_indent is None:
            res_indent = ind
        if ind == res_indent and m:
            resource, props_indent, stack = m.group(3), None, []
            continue
        if resource is None:
            continue
        if props_indent is None or ind <= props_indent:
            props_indent = None
            if m and m.group(3) == "Type" and m.group(5):
                resources[resource] = m.group(5).strip("'\"")
            if m and m.group(3) == "Properties" and not m.group(5):
                props_indent = ind
            continue
        key_ind = ind + (2 if m and m.group(2) else 0)
        stack = [s for s in stack if s[0] < key_ind]
        if not m:
            continue
        # The end of the property: the last line more indented than its key.
        end = no + 1
        inline = bool(m.group(5))
        while end < len(lines) and (not lines[end].strip() or indent(lines[end]) > key_ind
                                    or (not inline and indent(lines[end]) == key_ind
                                        and lines[end].lstrip().startswith("- "))):
            end += 1
        while end > no + 1 and not lines[end - 1].strip():
            end -= 1
        value = m.group(5) or ""
        if value in ("|", ">", "|-", ">-") or value.startswith(("|", ">")):
            value = None  # a block scalar: it can only be dropped
        sites.append(Site(no, m.group(3), value or None, end, resource,
                          resources.get(resource, ""), [s[1] for s in stack]))
        stack.append((key_ind, m.group(3)))
    # Types may come after properties in a resource: fill them in.
    for s in sites:
        s.rtype = resources.get(s.resource, s.rtype)
    return lines, sites, resources


class Mutation:
    def __init__(self, kind, what, apply):
        self.kind, self.what, self.apply = kind, what, apply


def mutations_for(site, lines, resources, attributes):
    out = []
    line = lines[site.lineno]
    m = KEY_LINE.match(line)
    head = line[:m.start(5)] if m.group(5) else line.rstrip() + " "
    v = site.value
    k = site.key.lower()

    def add(kind, new):
        if v is not None and site.end == site.lineno + 1:
            text = head + new
            out.append(Mutation(kind, "%s: %s (was %s)" % (site.key, new, v),
                                lambda ls, t=text: ls[:site.lineno] + [t] + ls[site.lineno + 1:]))

    def drop(kind, what):
        # A list item `- Key: v` keeps its dash on the next key, if any: drop only plain keys.
        if not m.group(2):
            out.append(Mutation(kind, what, lambda ls: ls[:site.lineno] + ls[site.end:]))

    if v is not None:
        if NUMBER.match(v):
            for new in ("abc", "true", "[1]", "-1", "99999999999"):
                add("kind-swap", new)
        elif v in ("true", "false", "'true'", "'false'", '"true"', '"false"'):
            for new in ("yes-please", "7", "[true]"):
                add("kind-swap", new)
        elif v.startswith("["):
            for new in ("abc", "42", "[]"):
                add("kind-swap", new)
        else:
            for new in ("42", "true", "[abc]", "{Name: abc}"):
                add("kind-swap", new)
        if "cidr" in k:
            for new in BAD_CIDRS:
                add("cidr", new)
            if site.rtype == "AWS::EC2::Subnet":
                for new in ("192.168.7.0/24", "10.0.0.0/8"):  # outside the VPC, or all of it
                    add("cidr", new)
        if (k.endswith("id") or k.endswith("ids")) and not v.startswith("["):
            for new in ("main-vpc", "abc"):
                add("id-format", new)
            if k.endswith("imageid"):
                add("id-format", "ubuntu-22.04")
        if k.endswith("arn") or (k == "role" and "Lambda" in site.rtype):
            add("arn", "my-role")
            for name, typ in sorted(resources.items()):
                if typ == "AWS::IAM::Role":
                    add("arn", "!Ref %s" % name)
        if site.key == "Effect":
            add("iam", "Permit")
        if site.key == "Resource":
            add("iam", "my-bucket")
        if site.key == "Action":
            add("iam", "GetObject")
        if v.startswith(("!Ref", "!GetAtt")) or k.endswith("id") or k.endswith("arn"):
            ref = re.match(r"!(?:Ref|GetAtt)\s+([A-Za-z0-9]+)", v)
            referred = ref.group(1) if ref else None
            for name, attr in infra_mutations.other_references(resources, referred, attributes, 2):
                add("wrong-attribute", "!GetAtt %s.%s" % (name, attr) if attr else "!Ref %s" % name)
        if NUMBER.match(v):
            for new in ("0", "65536", "100000000"):
                add("plausible", new)
        elif not v.startswith(("!", "[", "{", "'", '"')):
            add("plausible", "'%s'" % ("x" * 300))
            add("plausible", v.upper() if v.upper() != v else v.lower())
    if site.key in ("Principal", "Action", "Effect", "Resource") and "Statement" in site.path:
        drop("iam", "statement without %s" % site.key)
    elif not site.path:
        drop("drop-line", "property %s dropped" % site.key)
    return out


def check(infrac, path, timeout):
    """(status, seconds, first diagnostic): status is "accepted", "rejected", "crash" or
    "hang" (no answer in ten times `timeout`, after a first try of `timeout`)."""
    run = guarded.run([infrac, "check-template", "--color", "never", path], timeout)
    r, seconds = run.result, run.seconds
    if r is None:
        return "hang", seconds, "no answer in %g s, nor in %g s" % (timeout, timeout * 10)
    if run.slow:
        SLOW.append(path)
    first = next((l for l in (r.stderr + r.stdout).splitlines() if "error[" in l), "")
    if r.returncode == 0:
        return "accepted", seconds, ""
    if r.returncode == 1:
        return "rejected", seconds, first
    return "crash", seconds, "exit %d: %s" % (r.returncode, r.stderr[-300:])
