"""The template a rejected program mutant stands for, so that cfn-lint can say whether it
would have rejected it too.

infrac writes nothing for a program it rejects, so the mutation is replayed on the
unmutated program's template instead: the resource's top-level property is set to the
mutated value (or removed, for a dropped line). Only mutations that can be replayed
exactly get a twin: in the host file itself, on a top-level property of a resource
declared once (not in a loop or a module), with a new value that is a literal or a
reference to another such resource. The rest are counted as "no twin".
"""
import json
import re

import infra_mutations

LITERAL_STRING = re.compile(r'^"([^"\\$]*)"$')


def logical_id(name):
    return "".join(p[:1].upper() + p[1:] for p in name.split("_") if p)


def value_json(v, resources, template):
    """The JSON of a .infra value, or raises ValueError when it cannot be said exactly."""
    v = v.strip()
    m = LITERAL_STRING.match(v)
    if m:
        return m.group(1)
    if infra_mutations.NUMBER.match(v):
        return json.loads(v)
    if v in ("true", "false"):
        return v == "true"
    ref = infra_mutations.REFERENCE.match(v)
    if ref and not ref.group(2) and ref.group(1) in resources:
        lid = logical_id(ref.group(1))
        if template["Resources"].get(lid, {}).get("Type") != resources[ref.group(1)]:
            raise ValueError(v)
        return {"Ref": lid} if ref.group(3) == "id" else {"Fn::GetAtt": [lid, ref.group(3)]}
    if v.startswith("[") and v.endswith("]"):
        inner = v[1:-1].strip()
        if not inner:
            return []
        if "[" in inner or "{" in inner or '"' in inner and "," in inner:
            raise ValueError(v)
        return [value_json(x, resources, template) for x in inner.split(",")]
    obj = re.match(r'^\{\s*(\w+)\s*=\s*(.+?)\s*\}$', v)
    if obj:
        return {obj.group(1): value_json(obj.group(2), resources, template)}
    raise ValueError(v)


def twin(candidate, site, resources, template):
    """The mutated template (a dict), or None when the mutation cannot be replayed."""
    if candidate.target != candidate.host.path or site is None:
        return None
    if site.kind != "resource" or site.path or site.owner not in resources:
        return None
    lid = logical_id(site.owner)
    res = template.get("Resources", {}).get(lid)
    if not res or res.get("Type") != site.owner_type or site.key not in res.get("Properties", {}):
        return None
    out = json.loads(json.dumps(template))
    props = out["Resources"][lid]["Properties"]
    if candidate.mutation.new_line is None or candidate.mutation.kind == "iam" and "without" in candidate.mutation.what:
        del props[site.key]
        if not props:
            del out["Resources"][lid]["Properties"]
        return out
    new = candidate.mutation.new_line[site.vstart:]
    rest = candidate.old_line[site.vend:]
    if rest and not new.endswith(rest):
        return None
    new_value = new[:len(new) - len(rest)] if rest else new
    try:
        props[site.key] = value_json(new_value, resources, template)
    except ValueError:
        return None
    return out
