#!/usr/bin/env python3
"""Compare two CloudFormation templates as data.

    compare_templates.py REFERENCE ACTUAL [--map REF=ACTUAL ...] [--map-file FILE]

Every resource of REFERENCE must exist in ACTUAL with the same Type, and every
property REFERENCE sets must be present in ACTUAL with an equal value. Every
parameter of REFERENCE must exist in ACTUAL with the same Type. Whatever ACTUAL
has in addition (resources, properties, keys inside property objects,
parameters, DependsOn entries) is printed as a note, not a difference, unless
--strict is given.

Values are compared after normalisation, so that spellings CloudFormation treats
alike compare equal:
  * YAML short-form tags (!Ref, !Sub, !GetAtt, ...) become the long form;
  * `!GetAtt A.B` equals `{"Fn::GetAtt": ["A", "B"]}`;
  * `Fn::Sub` and `Fn::Join` with a literal list become one canonical
    concatenation: a Sub string without `${}` equals the plain string,
    `!Sub "${X}"` equals `!Ref X`, `!Sub "${X.Y}"` equals `!GetAtt X.Y`,
    `!Sub "a-${P}"` equals `!Join ["", ["a-", !Ref P]]`;
  * `!GetAtt X.ATTR` equals `!Ref X` where both give the same ID (REF_ATTRIBUTES:
    e.g. a security group's GroupId, a subnet's SubnetId);
  * numbers equal numeric strings (`DeviceIndex: 0` vs `"0"`), booleans equal
    the strings "true"/"false";
  * YAML timestamps are not parsed (`Version: 2012-10-17` stays a string).
Lists are compared in order (DependsOn excepted: a set).

Logical IDs may differ between the two templates: --map REF=ACTUAL (repeatable)
or --map-file FILE (lines `REF=ACTUAL` or `REF: ACTUAL`, `#` comments, or a
JSON/YAML object) say which ACTUAL ID stands for which REFERENCE ID; IDs not
mapped are matched by name, and, failing that, by name ignoring case when that
finds exactly one resource or parameter of the same Type (`VPC` = `Vpc`,
`SSMEndpoint` = `SsmEndpoint`; printed as a note; --exact-ids turns this off).
References inside ACTUAL (Ref, GetAtt, ${} in Sub, DependsOn) are renamed
through the same mapping before comparing.

Exit status: 0 the templates match, 1 differences found (listed), 2 usage or
load error.

The YAML loader here (load_template) is also used by deploy_check.py.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------

# Short-form tag -> long-form key.
SHORT_TAGS = {
    "Ref": "Ref",
    "Condition": "Condition",
    "GetAtt": "Fn::GetAtt",
    "Base64": "Fn::Base64",
    "Cidr": "Fn::Cidr",
    "FindInMap": "Fn::FindInMap",
    "GetAZs": "Fn::GetAZs",
    "ImportValue": "Fn::ImportValue",
    "Join": "Fn::Join",
    "Select": "Fn::Select",
    "Split": "Fn::Split",
    "Sub": "Fn::Sub",
    "Transform": "Fn::Transform",
    "And": "Fn::And",
    "Equals": "Fn::Equals",
    "If": "Fn::If",
    "Not": "Fn::Not",
    "Or": "Fn::Or",
    "ToJsonString": "Fn::ToJsonString",
    "Length": "Fn::Length",
    # Rule-specific functions (Rules section).
    "Contains": "Fn::Contains",
    "EachMemberEquals": "Fn::EachMemberEquals",
    "EachMemberIn": "Fn::EachMemberIn",
    "RefAll": "Fn::RefAll",
    "ValueOf": "Fn::ValueOf",
    "ValueOfAll": "Fn::ValueOfAll",
}


class TemplateError(Exception):
    """A template that cannot be read."""


def _split_getatt(text: str) -> List[str]:
    # "A.B" -> ["A", "B"]; "Stack.Outputs.X" -> ["Stack", "Outputs.X"].
    if "." not in text:
        return [text]
    head, tail = text.split(".", 1)
    return [head, tail]


def _make_loader():
    try:
        import yaml  # PyYAML; cfn-lint depends on it
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise TemplateError("PyYAML is needed to read YAML templates: %s" % exc)

    class CfnLoader(yaml.SafeLoader):
        pass

    # CloudFormation keeps `2010-09-09` / `2012-10-17` as strings: drop the
    # timestamp resolver.
    CfnLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        result: Dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key %r" % (key,), key_node.start_mark)
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    CfnLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)

    def node_value(loader, node):
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return construct_mapping(loader, node)

    def make_constructor(short: str, long_key: str):
        def construct(loader, node):
            value = node_value(loader, node)
            if short == "GetAtt" and isinstance(value, str):
                value = _split_getatt(value)
            return {long_key: value}
        return construct

    for short, long_key in SHORT_TAGS.items():
        CfnLoader.add_constructor("!" + short, make_constructor(short, long_key))

    def unknown_tag(loader, suffix, node):
        raise yaml.constructor.ConstructorError(
            None, None, "unknown tag !%s" % suffix, node.start_mark)

    CfnLoader.add_multi_constructor("!", unknown_tag)
    return yaml, CfnLoader


def _json_no_duplicates(pairs):
    result: Dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise TemplateError("duplicate key %r" % key)
        result[key] = value
    return result


def load_template_text(text: str, name: str = "<template>") -> Dict[str, Any]:
    """Parse JSON or YAML (with CloudFormation short tags) into long-form data."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_json_no_duplicates)
        except ValueError as exc:
            raise TemplateError("%s: invalid JSON: %s" % (name, exc))
    else:
        yaml, loader = _make_loader()
        stream = io.StringIO(text)
        stream.name = name  # shown in YAML error marks
        try:
            data = yaml.load(stream, Loader=loader)  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError as exc:
            raise TemplateError("%s: invalid YAML: %s" % (name, exc))
    if not isinstance(data, dict):
        raise TemplateError("%s: not a template (top level is not an object)" % name)
    return data


def load_template(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise TemplateError("cannot read %s: %s" % (path, exc.strerror or exc))
    return load_template_text(text, path)


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

_INT_RE = re.compile(r"^[+-]?\d+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_SUB_VAR_RE = re.compile(r"\$\{([^}]*)\}")

Rename = Callable[[str], str]

# Resource types whose Ref returns the same value as `Fn::GetAtt [X, ATTR]`.
REF_ATTRIBUTES = {
    "AWS::EC2::SecurityGroup": "GroupId",  # in a VPC, Ref is the group ID
    "AWS::EC2::Subnet": "SubnetId",
    "AWS::EC2::VPC": "VpcId",
    "AWS::EC2::InternetGateway": "InternetGatewayId",
    "AWS::EC2::RouteTable": "RouteTableId",
    "AWS::EC2::Instance": "InstanceId",
    "AWS::EC2::VPCEndpoint": "Id",
    "AWS::EC2::NetworkInterface": "Id",
    "AWS::EC2::LaunchTemplate": "LaunchTemplateId",
}



class Names:
    """How one template's logical IDs read in the comparison.

    rename: the template's ID -> the reference's ID (identity for the reference);
    types: resource Type by renamed ID (for REF_ATTRIBUTES).
    """

    def __init__(self, template: Optional[Dict[str, Any]] = None,
                 rename: Rename = lambda name: name) -> None:
        self.rename = rename
        resources = (template or {}).get("Resources") or {}
        self.types = {rename(str(name)): str(res.get("Type", ""))
                      for name, res in resources.items() if isinstance(res, dict)}


def is_intrinsic(value: Any) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    if key == "Ref" or (isinstance(key, str) and key.startswith("Fn::")):
        return True
    return key == "Condition" and isinstance(value[key], str)


def _canon_number(number: Any) -> str:
    if isinstance(number, float):
        if number != number or number in (float("inf"), float("-inf")):
            return repr(number)
        if number.is_integer():
            return str(int(number))
        return repr(number)
    return str(int(number))


def canon_scalar(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _canon_number(value)
    text = str(value)
    if text.lower() in ("true", "false"):
        return text.lower()
    if _INT_RE.match(text):
        return str(int(text))
    if _FLOAT_RE.match(text):
        try:
            return _canon_number(float(text))
        except ValueError:
            return text
    return text


def _concat(parts: List[Any]) -> Any:
    """Canonical concatenation: merged strings, no empties; one part stands alone."""
    merged: List[Any] = []
    for part in parts:
        if isinstance(part, str):
            if part == "":
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
                continue
        merged.append(part)
    if not merged:
        return ""
    if len(merged) == 1:
        only = merged[0]
        # A lone string is kept unconverted (so "0" stays comparable to 0 by
        # canon_scalar); a lone Ref/GetAtt equals the Sub that wraps it.
        return canon_scalar(only) if isinstance(only, str) else only
    return {"Fn::Join": ["", merged]}


def _concat_parts(value: Any) -> Optional[List[Any]]:
    """The parts of an already-canonical value, if it is a string concatenation."""
    if isinstance(value, str):
        return [value]
    if is_intrinsic(value) and "Fn::Join" in value:
        args = value["Fn::Join"]
        if args[0] == "" and isinstance(args[1], list):
            return list(args[1])
    if is_intrinsic(value) and ("Ref" in value or "Fn::GetAtt" in value):
        return [value]
    return None


def _canon_sub(args: Any, names: "Names") -> Any:
    if isinstance(args, list) and len(args) == 2 and isinstance(args[1], dict):
        template, variables = args[0], args[1]
    elif isinstance(args, list) and len(args) == 1:
        template, variables = args[0], {}
    else:
        template, variables = args, {}
    if not isinstance(template, str):
        return {"Fn::Sub": canon(args, names)}
    parts: List[Any] = []
    pos = 0
    for match in _SUB_VAR_RE.finditer(template):
        parts.append(template[pos:match.start()])
        pos = match.end()
        name = match.group(1)
        if name.startswith("!"):
            parts.append("${" + name[1:] + "}")  # ${!Literal} renders as ${Literal}
            continue
        name = name.strip()
        if name in variables:
            value = canon(variables[name], names)
            sub_parts = _concat_parts(value) if not isinstance(value, str) else [value]
            if sub_parts is None:
                parts.append(value)
            else:
                parts.extend(sub_parts)
        elif "." in name and not name.startswith("AWS::"):
            head, tail = name.split(".", 1)
            parts.append(canon({"Fn::GetAtt": [head, tail]}, names))
        else:
            parts.append({"Ref": names.rename(name)})
    parts.append(template[pos:])
    return _concat(parts)


def _canon_join(args: Any, names: "Names") -> Any:
    if (isinstance(args, list) and len(args) == 2 and isinstance(args[0], str)
            and isinstance(args[1], list)):
        delimiter = args[0]
        parts: List[Any] = []
        for index, item in enumerate(args[1]):
            if index:
                parts.append(delimiter)
            value = canon(item, names)
            if isinstance(value, str):
                parts.append(value)
            else:
                sub_parts = _concat_parts(value)
                parts.extend(sub_parts if sub_parts is not None else [value])
        # Keep numbers as written when the join has a single element.
        return _concat(parts)
    return {"Fn::Join": canon(args, names)}


def canon(value: Any, names: Optional["Names"] = None) -> Any:
    """Canonical form of a template value (see the module docstring)."""
    if names is None:
        names = Names()
    if isinstance(value, dict):
        if is_intrinsic(value):
            key, args = next(iter(value.items()))
            if key == "Ref":
                return {"Ref": names.rename(str(args))}
            if key == "Condition":
                return {"Condition": names.rename(args)}
            if key == "Fn::GetAtt":
                if isinstance(args, str):
                    args = _split_getatt(args)
                if isinstance(args, list) and args:
                    head = names.rename(str(args[0])) if isinstance(args[0], str) else canon(args[0], names)
                    rest = [a if isinstance(a, str) else canon(a, names) for a in args[1:]]
                    if len(rest) > 1 and all(isinstance(a, str) for a in rest):
                        rest = [".".join(rest)]
                    if (len(rest) == 1 and isinstance(head, str)
                            and REF_ATTRIBUTES.get(names.types.get(head, "")) == rest[0]):
                        return {"Ref": head}
                    return {"Fn::GetAtt": [head] + rest}
                return {"Fn::GetAtt": canon(args, names)}
            if key == "Fn::Sub":
                return _canon_sub(args, names)
            if key == "Fn::Join":
                return _canon_join(args, names)
            return {key: canon(args, names)}
        return {str(k): canon(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [canon(item, names) for item in value]
    return canon_scalar(value)


# --------------------------------------------------------------------------
# Rendering values for the report
# --------------------------------------------------------------------------

def show(value: Any) -> str:
    """A short, readable rendering of a canonical value."""
    if value is None:
        return "null"
    if isinstance(value, str):
        if value in ("true", "false") or _FLOAT_RE.match(value):
            return value  # canonical number or boolean: shown bare
        return json.dumps(value, ensure_ascii=False)
    if is_intrinsic(value):
        key, args = next(iter(value.items()))
        if key == "Ref":
            return "!Ref %s" % args
        if key == "Fn::GetAtt" and isinstance(args, list) and all(isinstance(a, str) for a in args):
            return "!GetAtt %s" % ".".join(args)
        parts = _concat_parts(value)
        if key == "Fn::Join" and parts is not None:
            rendered = []
            for part in parts:
                if isinstance(part, str):
                    rendered.append(part.replace("${", "${!"))
                elif "Ref" in part:
                    rendered.append("${%s}" % part["Ref"])
                elif "Fn::GetAtt" in part and all(isinstance(a, str) for a in part["Fn::GetAtt"]):
                    rendered.append("${%s}" % ".".join(part["Fn::GetAtt"]))
                else:
                    return json.dumps(value, ensure_ascii=False)
            return "!Sub %s" % json.dumps("".join(rendered), ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if len(text) > 200:
        text = text[:197] + "..."
    return text


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------

class Report:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.differences: List[str] = []
        self.notes: List[str] = []

    def diff(self, path: str, message: str) -> None:
        self.differences.append("%s: %s" % (path, message))

    def extra(self, path: str, message: str) -> None:
        if self.strict:
            self.diff(path, message)
        else:
            self.notes.append("%s: %s" % (path, message))


def compare_values(expected: Any, actual: Any, path: str, report: Report) -> None:
    if isinstance(expected, dict) and not is_intrinsic(expected):
        if not isinstance(actual, dict) or is_intrinsic(actual):
            report.diff(path, "expected an object %s, got %s" % (show(expected), show(actual)))
            return
        for key, value in expected.items():
            if key not in actual:
                report.diff("%s.%s" % (path, key), "missing (expected %s)" % show(value))
            else:
                compare_values(value, actual[key], "%s.%s" % (path, key), report)
        for key in actual:
            if key not in expected:
                report.extra("%s.%s" % (path, key), "extra in actual: %s" % show(actual[key]))
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            report.diff(path, "expected a list %s, got %s" % (show(expected), show(actual)))
            return
        if len(expected) != len(actual):
            report.diff(path, "expected %d item(s) %s, got %d %s"
                        % (len(expected), show(expected), len(actual), show(actual)))
            return
        for index, (exp_item, act_item) in enumerate(zip(expected, actual)):
            compare_values(exp_item, act_item, "%s[%d]" % (path, index), report)
        return
    if expected != actual:
        report.diff(path, "expected %s, got %s" % (show(expected), show(actual)))


def _depends_on(resource: Dict[str, Any], rename: Rename) -> List[str]:
    value = resource.get("DependsOn")
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    return [rename(str(v)) for v in value]


RESOURCE_ATTRIBUTES = ("Condition", "DeletionPolicy", "UpdateReplacePolicy")


def _match_ignoring_case(reference: Dict[str, Any], actual: Dict[str, Any],
                         mapping: Dict[str, str], report: Report) -> Dict[str, str]:
    """Add REF=ACTUAL for IDs that differ only in case (same section and Type)."""
    mapping = dict(mapping)
    for section in ("Parameters", "Resources"):
        ref_items = reference.get(section) or {}
        act_items = actual.get(section) or {}
        taken = set(mapping.values()) | {n for n in ref_items if n in act_items}
        for name, item in ref_items.items():
            if name in mapping or name in act_items or not isinstance(item, dict):
                continue
            candidates = [n for n, other in act_items.items()
                          if n.lower() == name.lower() and n not in taken and n not in ref_items
                          and isinstance(other, dict) and other.get("Type") == item.get("Type")]
            if len(candidates) == 1:
                mapping[name] = candidates[0]
                taken.add(candidates[0])
                report.notes.append("%s.%s: matched %s in actual (logical IDs differ in case)"
                                    % (section, name, candidates[0]))
    return mapping


def compare_templates(reference: Dict[str, Any], actual: Dict[str, Any],
                      mapping: Dict[str, str], strict: bool = False,
                      ignore_case: bool = True) -> Report:
    report = Report(strict)
    if ignore_case:
        mapping = _match_ignoring_case(reference, actual, mapping, report)
    inverse: Dict[str, str] = {}
    for ref_id, act_id in mapping.items():
        if act_id in inverse:
            raise TemplateError("mapping: %s and %s both map to %s" % (inverse[act_id], ref_id, act_id))
        inverse[act_id] = ref_id

    def rename_actual(name: str) -> str:
        return inverse.get(name, name)

    ref_names = Names(reference)
    act_names = Names(actual, rename_actual)

    def act_id(ref_id: str) -> str:
        return mapping.get(ref_id, ref_id)

    def label(ref_id: str) -> str:
        other = act_id(ref_id)
        return ref_id if other == ref_id else "%s (actual: %s)" % (ref_id, other)

    for section in ("Resources", "Parameters"):
        for name, template in (("reference", reference), ("actual", actual)):
            if section in template and not isinstance(template[section], dict):
                raise TemplateError("%s: %s is not an object" % (name, section))

    # Parameters --------------------------------------------------------------
    ref_params = reference.get("Parameters") or {}
    act_params = actual.get("Parameters") or {}
    for name, ref_param in ref_params.items():
        path = "Parameters.%s" % label(name)
        act_param = act_params.get(act_id(name))
        if act_param is None:
            report.diff(path, "missing in actual (Type %s)" % ref_param.get("Type"))
            continue
        if ref_param.get("Type") != act_param.get("Type"):
            report.diff(path + ".Type", "expected %s, got %s"
                        % (ref_param.get("Type"), act_param.get("Type")))
        ref_default = canon(ref_param.get("Default"))
        act_default = canon(act_param.get("Default"))
        if ref_default != act_default:
            report.notes.append("%s.Default: reference %s, actual %s"
                                % (path, show(ref_default), show(act_default)))
    mapped_params = {act_id(name) for name in ref_params}
    for name in act_params:
        if name not in mapped_params:
            report.notes.append("Parameters.%s: extra parameter in actual (Type %s)"
                                % (name, act_params[name].get("Type")))

    # Resources ---------------------------------------------------------------
    ref_resources = reference.get("Resources") or {}
    act_resources = actual.get("Resources") or {}
    if not ref_resources:
        report.diff("Resources", "reference template has no resources")
    mapped_resources = {act_id(name) for name in ref_resources}
    unmatched_actual = [n for n in act_resources if n not in mapped_resources]

    for name, ref_res in ref_resources.items():
        path = "Resources.%s" % label(name)
        ref_type = ref_res.get("Type")
        act_res = act_resources.get(act_id(name))
        if act_res is None:
            candidates = [n for n in unmatched_actual
                          if (act_resources[n] or {}).get("Type") == ref_type]
            hint = ""
            if candidates:
                hint = "; unmatched %s in actual: %s (use --map %s=ID)" % (
                    ref_type, ", ".join(candidates), name)
            report.diff(path, "missing in actual (Type %s)%s" % (ref_type, hint))
            continue
        if not isinstance(act_res, dict):
            report.diff(path, "actual resource is not an object")
            continue
        if ref_type != act_res.get("Type"):
            report.diff(path + ".Type", "expected %s, got %s" % (ref_type, act_res.get("Type")))
            continue
        ref_props = canon(ref_res.get("Properties") or {}, ref_names)
        act_props = canon(act_res.get("Properties") or {}, act_names)
        for prop, value in ref_props.items():
            prop_path = "%s.Properties.%s" % (path, prop)
            if prop not in act_props:
                report.diff(prop_path, "missing in actual (expected %s)" % show(value))
            else:
                compare_values(value, act_props[prop], prop_path, report)
        for prop in act_props:
            if prop not in ref_props:
                report.extra("%s.Properties.%s" % (path, prop),
                             "extra property in actual: %s" % show(act_props[prop]))
        ref_deps = _depends_on(ref_res, lambda n: n)
        act_deps = _depends_on(act_res, rename_actual)
        for dep in ref_deps:
            if dep not in act_deps:
                report.diff(path + ".DependsOn", "missing %s (actual DependsOn: %s)"
                            % (label(dep), ", ".join(act_deps) or "none"))
        for dep in act_deps:
            if dep not in ref_deps:
                report.extra(path + ".DependsOn", "extra dependency in actual: %s" % dep)
        for attribute in RESOURCE_ATTRIBUTES:
            if attribute in ref_res:
                expected = canon(ref_res[attribute], ref_names)
                got = canon(act_res.get(attribute), act_names)
                if expected != got:
                    report.diff("%s.%s" % (path, attribute),
                                "expected %s, got %s" % (show(expected), show(got)))
    for name in unmatched_actual:
        report.notes.append("Resources.%s: extra resource in actual (Type %s)"
                            % (name, (act_resources[name] or {}).get("Type")))
    return report


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def _parse_pair(text: str, where: str) -> Tuple[str, str]:
    for separator in ("=", ":"):
        if separator in text:
            left, right = text.split(separator, 1)
            left, right = left.strip(), right.strip()
            if left and right:
                return left, right
    raise TemplateError("%s: expected REF=ACTUAL, got %r" % (where, text))


def load_mapping_file(path: str) -> Dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise TemplateError("cannot read mapping file %s: %s" % (path, exc.strerror or exc))
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise TemplateError("%s: invalid JSON: %s" % (path, exc))
        return {str(k): str(v) for k, v in data.items()}
    mapping: Dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, right = _parse_pair(line, "%s:%d" % (path, number))
        mapping[left] = right
    return mapping


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare a CloudFormation template against a reference template.")
    parser.add_argument("reference", help="the reference template (YAML or JSON)")
    parser.add_argument("actual", help="the template to check (YAML or JSON)")
    parser.add_argument("--map", action="append", default=[], metavar="REF=ACTUAL",
                        help="the logical ID in ACTUAL that stands for REF (repeatable)")
    parser.add_argument("--map-file", metavar="FILE",
                        help="file of REF=ACTUAL lines (or a JSON object)")
    parser.add_argument("--strict", action="store_true",
                        help="treat anything extra in ACTUAL as a difference")
    parser.add_argument("--exact-ids", action="store_true",
                        help="do not match logical IDs that differ only in case")
    parser.add_argument("--no-notes", action="store_true", help="do not print notes")
    args = parser.parse_args(argv)

    try:
        mapping: Dict[str, str] = {}
        if args.map_file:
            mapping.update(load_mapping_file(args.map_file))
        for item in args.map:
            left, right = _parse_pair(item, "--map")
            mapping[left] = right
        reference = load_template(args.reference)
        actual = load_template(args.actual)
        report = compare_templates(reference, actual, mapping, strict=args.strict,
                                   ignore_case=not args.exact_ids)
    except TemplateError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2

    print("reference: %s" % args.reference)
    print("actual:    %s" % args.actual)
    if mapping:
        print("mapping:   %s" % ", ".join("%s=%s" % kv for kv in sorted(mapping.items())))
    if report.notes and not args.no_notes:
        print("\nnotes (%d):" % len(report.notes))
        for note in report.notes:
            print("  note: %s" % note)
    n_res = len(reference.get("Resources") or {})
    n_par = len(reference.get("Parameters") or {})
    if report.differences:
        print("\ndifferences (%d):" % len(report.differences))
        for difference in report.differences:
            print("  - %s" % difference)
        print("\nMISMATCH: %d difference(s) against the reference (%d resources, %d parameters)"
              % (len(report.differences), n_res, n_par))
        return 1
    print("\nMATCH: all %d resources and %d parameters of the reference are in the actual template"
          % (n_res, n_par))
    return 0


if __name__ == "__main__":
    sys.exit(main())
