"""IAM policy documents for the infrac catalog.

CloudFormation takes a policy document as free JSON, so the registry schemas leave
it unconstrained.  cfn-lint checks each one against IAM policy schemas of its own
(cfnlint/data/schemas/other/iam): an identity schema for the policies of users,
groups and roles, a trust schema for a role's AssumeRolePolicyDocument, a resource
schema for bucket, queue, topic, key and domain policies, and an ECR variant.  Its
rules under cfnlint/rules/resources/iam name the properties each schema applies to.

attach_policies() reads those rules and schemas and writes the policy schema into
the raw resource schemas before they are converted, as definitions named `Iam...`
and as constraints of each policy-document property.  The converter then turns them
into catalog shapes like any other part of a schema.

Rewrites keep what cfn-lint accepts unchanged:
- cross-file `$ref`s ("policy#/definitions/Action") become local definitions, or
  copies where the reference has keywords beside it;
- `if: {type: string}` with `then: {const: "*"}` (a principal given as a string must
  be "*") becomes a pattern, which JSON Schema also applies to strings only;
- an `anyOf` of string patterns and constants (an AWS principal) becomes one pattern
  with the alternatives, which a value matches exactly when it matches one of them;
- an enum with a boolean member (the values of a `Null` condition) is dropped: cfn-lint
  compares a string with a boolean by its truth, so it accepts every string;
- the ARN check of rule E3514 on the `Resource` of resource policies, which lives in
  Python code rather than in a schema, is added as the pattern it uses.
"""

from __future__ import annotations

import copy
import importlib
import importlib.resources
import json
import re
import sys

PACKAGE = "cfnlint.data.schemas.other.iam"

# cfn-lint rule class (module of the same name under cfnlint.rules.resources.iam)
# -> the name its definitions get in the catalog.
POLICY_RULES = (
    ("IdentityPolicy", "Identity"),
    ("TrustPolicy", "Trust"),
    ("ResourcePolicy", "Resource"),
    ("ResourceEcrPolicy", "ResourceEcr"),
)

# Rule E3514 (ResourcePolicyResourceArn) runs on the schema nodes that carry this
# `cfnLint` keyword and checks strings against these patterns: an ARN or "*", and
# for a bucket policy an ARN only.
ARN_KEYWORD = "AWS::IAM::Policy/Properties/PolicyDocument/Statement/Resource"
RESOURCE_ARN = "^(arn:aws[A-Za-z\\-]*?:[^:]+:[^:]*(:(?:\\d{12}|\\*|aws)?:.+|)|\\*)$"
RESOURCE_ARN_BY_TYPE = {
    "AWS::S3::BucketPolicy": "^arn:aws[A-Za-z\\-]*?:[^:]+:[^:]*(:(?:\\d{12}|\\*|aws)?:.+|)$",
}

PREFIX = "Iam"

# What the patterns of policy documents stand for, in words, for messages (the
# catalog's `pd`).  Keyed by the definition of policy.json a pattern comes from, or by
# the pattern itself for those that are not in a schema.
DEFINITION_WORDS = {
    "AwsArn": "an ARN or `*`",
    "AwsPrincipalArn": "`*`, a 12-digit account ID, or the ARN of an account's root, an IAM user, group or role, an STS assumed role or a CloudFront user",
    "Principal": "`*`, or an object that names the principals, such as `{ AWS = \"arn:...\" }` or `{ Service = \"...\" }`",
}
PATTERN_WORDS = {
    RESOURCE_ARN: "an ARN or `*`",
    RESOURCE_ARN_BY_TYPE["AWS::S3::BucketPolicy"]: "the ARN of the bucket or of its objects (`*` is not accepted here)",
    "^[A-Za-z0-9]+$": "made of letters and digits only",
}


def load_json(name):
    return json.loads(importlib.resources.files(PACKAGE).joinpath(name).read_text())


def load_rules():
    """[(catalog name, schema, [(type, property path parts)])] for each rule."""
    out = []
    for cls, name in POLICY_RULES:
        module = importlib.import_module("cfnlint.rules.resources.iam." + cls)
        rule = getattr(module, cls)()
        targets = []
        for keyword in rule.keywords:
            parts = keyword.split("/")
            if len(parts) < 4 or parts[0] != "Resources" or parts[2] != "Properties":
                raise SystemExit("catalog_iam: cannot read the keyword %r of %s" % (keyword, cls))
            targets.append((parts[1], parts[3:]))
        out.append((name, rule.identity_schema, targets))
    return out


def lookup(doc, pointer):
    node = doc
    for part in pointer.strip("/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


class Translator:
    """Copies policy schema nodes into one resource schema's namespace."""

    def __init__(self, type_name, docs):
        self.type_name = type_name
        self.docs = docs  # doc name ("policy", "Identity", ...) -> schema
        self.defs = {}  # catalog definition name -> translated node
        self.pending = []

    def def_name(self, doc, name):
        return PREFIX + ("" if doc == "policy" else doc) + name

    def use(self, doc, name):
        full = self.def_name(doc, name)
        if full not in self.defs:
            self.defs[full] = None
            self.pending.append((full, doc, name))
        return full

    def run(self, doc, node):
        out = self.node(doc, node)
        while self.pending:
            full, d, name = self.pending.pop(0)
            self.defs[full] = self.node(d, self.docs[d]["definitions"][name], DEFINITION_WORDS.get(name))
        return out

    def node(self, doc, node, words=None):
        """The translated copy of `node`; `words` describe its pattern, if it has one."""
        if isinstance(node, list):
            return [self.node(doc, x) for x in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "$ref":
                continue
            if key in ("properties", "patternProperties", "definitions"):
                out[key] = {k: self.node(doc, v) for k, v in value.items()}
            else:
                out[key] = self.node(doc, value)
        ref = node.get("$ref")
        if isinstance(ref, str):
            target_doc, _, pointer = ref.partition("#")
            target_doc = target_doc or doc
            if target_doc not in self.docs:
                raise SystemExit("catalog_iam: unknown schema in $ref %r" % ref)
            parts = pointer.strip("/").split("/")
            if len(parts) == 2 and parts[0] == "definitions" and not out:
                out["$ref"] = "#/definitions/" + self.use(target_doc, parts[1])
            else:
                # A pointer into a definition, or a reference with keywords beside it:
                # a copy, with this node's keywords applied (the policy schemas are
                # not recursive).
                target = lookup(self.docs[target_doc], pointer)
                if not isinstance(target, dict):
                    raise SystemExit("catalog_iam: cannot resolve $ref %r" % ref)
                words = words or (DEFINITION_WORDS.get(parts[1]) if len(parts) == 2 else None)
                merged = self.node(target_doc, target, words)
                merged.update(out)
                out = merged
        if any(isinstance(v, bool) for v in out.get("enum") or []):
            # cfn-lint compares a string with a boolean by its truth ("yes" equals
            # false), so such an enum takes every string and every boolean.
            del out["enum"]
        self.fold_string_condition(out)
        self.fold_pattern_alternatives(out)
        if ARN_KEYWORD in (node.get("cfnLint") or []) and "pattern" not in out:
            out["pattern"] = RESOURCE_ARN_BY_TYPE.get(self.type_name, RESOURCE_ARN)
        out.pop("cfnLint", None)
        words = PATTERN_WORDS.get(out.get("pattern")) or words
        if "pattern" in out and words and "patternDescription" not in out:
            out["patternDescription"] = words
        return out

    def resolve(self, node):
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            name = node["$ref"].rpartition("/")[2]
            node = self.defs.get(name) or self.find_def(name)
        return node

    def find_def(self, full):
        for doc, schema in self.docs.items():
            for name, body in (schema.get("definitions") or {}).items():
                if self.def_name(doc, name) == full:
                    return body
        return None

    def fold_string_condition(self, out):
        """if {type: string} then {const: s}  ->  pattern ^s$ (strings only)."""
        cond, then = out.get("if"), out.get("then")
        if not (isinstance(cond, dict) and set(cond) == {"type"} and cond["type"] in ("string", ["string"])):
            return
        then = self.resolve(then)
        if not (isinstance(then, dict) and set(then) == {"const"} and isinstance(then["const"], str)):
            return
        if "pattern" in out:
            return
        out["pattern"] = "^" + re.escape(then["const"]) + "$"
        del out["if"]
        del out["then"]

    def fold_pattern_alternatives(self, out):
        """anyOf [{pattern: p}, {const: s}, ...]  ->  pattern (?:p)|(?:^s$)|..."""
        alts = out.get("anyOf")
        if not isinstance(alts, list) or not alts or "pattern" in out:
            return
        parts = []
        for alt in alts:
            if isinstance(alt, dict) and set(alt) == {"pattern"} and isinstance(alt["pattern"], str):
                parts.append("(?:" + alt["pattern"] + ")")
            elif isinstance(alt, dict) and set(alt) == {"const"} and isinstance(alt["const"], str):
                parts.append("(?:^" + re.escape(alt["const"]) + "$)")
            else:
                return
        # A pattern passes every value that is not a string, so with one among the
        # alternatives only strings are constrained; constants alone would also
        # reject the other kinds.
        if any("pattern" in a for a in alts) or out.get("type") in ("string", ["string"]):
            out["pattern"] = "|".join(parts)
            del out["anyOf"]


def property_node(schema, parts):
    """The raw node of a property path ("Policies", "*", "PolicyDocument"), with
    every shared definition on the way replaced by a copy so that changes stay
    local to this path.  None if the path is not in the schema."""
    node = schema
    for part in parts:
        key = "items" if part == "*" else None
        holder = node if key else node.get("properties")
        key = key or part
        if not isinstance(holder, dict) or not isinstance(holder.get(key), dict):
            return None
        child = holder[key]
        depth = 0
        while isinstance(child.get("$ref"), str) and depth < 16:
            ref = child["$ref"]
            target = lookup(schema, ref[1:]) if ref.startswith("#/") else None
            if not isinstance(target, dict):
                return None
            merged = copy.deepcopy(target)
            merged.update({k: v for k, v in child.items() if k != "$ref"})
            child = merged
            depth += 1
        holder[key] = child
        node = child
    return node


def attach_policies(schemas):
    """Adds the IAM policy schemas to the policy-document properties of `schemas`
    (type name -> raw resource schema, changed in place)."""
    docs = {"policy": load_json("policy.json")}
    rules = load_rules()
    for name, schema, _ in rules:
        docs[name] = schema
    for name, _, targets in rules:
        for type_name, parts in targets:
            schema = schemas.get(type_name)
            leaf = property_node(schema, parts) if schema is not None else None
            if leaf is None:
                print("catalog_iam: %s has no property %s; left unchecked" % (type_name, "/".join(parts)),
                      file=sys.stderr)
                continue
            if any(k in leaf for k in ("properties", "patternProperties", "required")) or \
                    leaf.get("additionalProperties", True) is not True:
                print("catalog_iam: %s %s already has a structure; left as it is" % (type_name, "/".join(parts)),
                      file=sys.stderr)
                continue
            tr = Translator(type_name, docs)
            root = tr.run(name, {k: v for k, v in docs[name].items() if k in ("properties", "required")})
            defs = schema.setdefault("definitions", {})
            for def_name, body in tr.defs.items():
                if def_name in defs and defs[def_name] != body:
                    raise SystemExit("catalog_iam: %s already has a definition %s" % (type_name, def_name))
                defs[def_name] = body
            leaf.update(root)
            leaf["additionalProperties"] = docs[name].get("additionalProperties", True)
            # Given as text, a policy is JSON that CloudFormation parses; as a value,
            # an object.  Nothing else is a policy (cfn-lint checks other kinds against
            # the policy schema's "type": "object").
            leaf.setdefault("type", ["object", "string"])
