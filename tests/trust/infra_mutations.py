"""One-line mutations of a .infra program: for every site the scanner finds, the wrong
values a user could plausibly write there, each tagged with the kind of mistake.

Kinds (the `kind` of a Mutation):
  kind-swap        a value of another kind (a number, a bool, a list, a string)
  id-format        a string where a resource ID belongs ("main-vpc", "abc", an image ID
                   that is not ami-...)
  cidr             a malformed CIDR (prefix /33, host bits set, a trailing space)
  wrong-attribute  another resource's ID or attribute, of a different kind
  arn              a name or an ID where an ARN belongs (role.id for a role's ARN)
  iam              a policy statement gone wrong (Effect "Permit", a Resource that is not
                   an ARN, a statement without Principal or Action)
  plausible        a value of the right kind but out of its range or enum
  drop-line        a property line removed
  condition        a value chosen by a comparison on a resource's attribute (which a
                   CloudFormation Condition cannot read)
  allowed          one more `@allowed` value for a parameter (that lookups keyed by it may
                   not cover)
"""
import re

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
REFERENCE = re.compile(r"^([a-z_]\w*)(\[[^\]]*\])?\.(\w+)$")


def value_class(v):
    if v.startswith('"'):
        return "string"
    if NUMBER.match(v):
        return "number"
    if v in ("true", "false"):
        return "bool"
    if v.startswith("["):
        return "list"
    if v.startswith("{"):
        return "object"
    if REFERENCE.match(v):
        return "reference"
    return "expression"


KIND_SWAPS = {
    "string": ["42", "true", '["abc"]', "{ Name = \"abc\" }"],
    "number": ['"abc"', "true", "[1]", "-1", "3.5", "99999999999"],
    "bool": ['"yes"', "7", "[true]"],
    "list": ['"abc"', "42", "[]", "[42]"],
    "object": ['"abc"', "[]", "42"],
    "reference": ["42", "true", '["abc"]'],
    "expression": ["42", "true", '"abc"'],
}

BAD_CIDRS = ['"10.0.0.0/33"', '"10.0.0.1/16"', '"10.0.0.0/16 "', '"10.0.0.256/24"',
             '"10.0.0.0"', '"fd00::/129"']
# Well-formed, but outside any VPC range the sources use, or as wide as a whole VPC.
OUTSIDE_CIDRS = ['"192.168.7.0/24"', '"10.0.0.0/8"']


class Mutation:
    def __init__(self, kind, what, new_line):
        self.kind, self.what, self.new_line = kind, what, new_line


def lower_key(site):
    return site.key.lower()


def is_id_key(k):
    return (k.endswith("id") or k.endswith("ids")) and not k.endswith("valid") and k not in ("id",)


def is_arn_key(k, site):
    return k.endswith("arn") or k.endswith("arns") or (k == "role" and "lambda" in site.owner_type.lower())


def replace(line, site, new):
    return line.text[:site.vstart] + new + line.text[site.vend:]


def shortest_attributes(attributes, typ, count):
    """The first `count` attributes of `typ`, shortest names first: those a user would
    reach for (Arn, Id, Name)."""
    return sorted(attributes.get(typ, []), key=lambda n: (len(n), n))[:count]


def other_references(resources, referred, attributes, count):
    """(name, attribute) of what could wrongly stand for a reference to `referred`: each
    resource of another type, with attribute None (its Ref) and its first `count`
    attributes."""
    out = []
    for name, typ in sorted(resources.items()):
        if name == referred or typ == resources.get(referred):
            continue
        out.append((name, None))
        out += [(name, attr) for attr in shortest_attributes(attributes, typ, count)]
    return out


def drop_pair(line, site):
    """The line without the pair `Key = value` and the comma that separates it."""
    t, start, end = line.text, site.kstart, site.vend
    after = re.match(r"\s*,\s*", t[end:])
    if after:
        end += after.end()
    else:
        before = re.search(r",\s*$", t[:start])
        if before:
            start = before.start()
    return t[:start] + t[end:]


def mutations_for(site, line, resources, attributes):
    """All the mutations of one site. `resources` maps the file's resource names to their
    types; `attributes` maps a type to the attributes the catalog lists for it."""
    v = line.text[site.vstart:site.vend]
    cls = value_class(v)
    k = lower_key(site)
    out = []

    def add(kind, new):
        # A value equal to the old one is kept: the run counts such mutants apart.
        out.append(Mutation(kind, "%s = %s (was %s)" % (site.key, new, v), replace(line, site, new)))

    if site.kind == "allowed":
        if cls == "list" and v.rstrip("]").strip() != "[":
            add("allowed", v[:-1].rstrip() + ', "staging"]')
        return out
    for new in KIND_SWAPS[cls]:
        add("kind-swap", new)
    if "cidr" in k and cls in ("string", "reference", "expression"):
        for new in BAD_CIDRS:
            add("cidr", new)
        if site.owner_type == "AWS::EC2::Subnet" or site.kind == "module":
            for new in OUTSIDE_CIDRS:
                add("cidr", new)
    if is_id_key(k):
        if k.endswith("ids") and cls == "list":
            add("id-format", '["abc"]')
            add("id-format", '["main-vpc"]')
        elif cls in ("string", "reference", "expression"):
            for new in ('"main-vpc"', '"abc"', '"vpc-"'):
                add("id-format", new)
            if k.endswith("imageid"):
                add("id-format", '"ubuntu-22.04"')
                add("id-format", '"ami-123"')
    if is_arn_key(k, site) and cls in ("string", "reference", "expression"):
        add("arn", '"my-role"')
        add("arn", '"arn:aws:nothing"')
        for name, typ in sorted(resources.items()):
            if typ == "AWS::IAM::Role":
                add("arn", "%s.id" % name)
    # Policy statements.
    in_policy = any(p in ("Statement", "PolicyDocument", "AssumeRolePolicyDocument")
                    for p in site.path) or site.key in ("Effect", "Action", "Principal")
    if in_policy:
        if site.key == "Effect":
            add("iam", '"Permit"')
            add("iam", '"allow"')
        if site.key in ("Resource", "NotResource"):
            add("iam", '"my-bucket"')
            add("iam", '["orders"]')
        if site.key in ("Action", "NotAction"):
            add("iam", '"GetObject"')
            add("iam", '"s3 GetObject"')
        if site.key == "Version":
            add("iam", '"2013-01-01"')
        if site.key == "Principal":
            add("iam", '"ec2.amazonaws.com"')
            add("iam", '{ Service = "ec2" }')
        if site.key in ("Principal", "Action", "Effect", "Resource"):
            out.append(Mutation("iam", "statement without %s" % site.key,
                                None if site.whole_line else drop_pair(line, site)))
    # Another resource's reference, of another type: VpcId = queue.QueueName.
    if cls == "reference" or is_id_key(k) or is_arn_key(k, site):
        m = REFERENCE.match(v)
        referred = m.group(1) if m else None
        for name, attr in other_references(resources, referred, attributes, 3):
            add("wrong-attribute", "%s.%s" % (name, attr or "id"))
    # Right kind, wrong value.
    if cls == "number":
        for new in ("0", "65536", "100000000"):
            add("plausible", new)
    if cls == "string" and "${" not in v:
        add("plausible", '""')
        add("plausible", '"%s"' % ("x" * 300))
        if not v.startswith('"' + v[1:-1].upper()):
            add("plausible", '"%s"' % v[1:-1].upper())
        add("plausible", '"%s-x"' % v[1:-1])
    if site.kind == "resource" and cls in ("string", "number", "bool", "reference"):
        others = [n for n in sorted(resources) if n != site.owner]
        if others:
            o = others[0]
            attrs = shortest_attributes(attributes, resources[o], 1)
            add("condition", '%s.id == "x" ? %s : %s' % (o, v, v))
            if attrs:
                add("condition", '%s.%s == "x" ? %s : %s' % (o, attrs[0], v, v))
    if site.whole_line and site.kind == "resource" and not in_policy:
        out.append(Mutation("drop-line", "line dropped: %s" % line.text.strip(), None))
    return out
