#!/usr/bin/env python3
"""Protocol-level tests of `infrac lsp`: a client of our own (lsp_client.py) drives the
server through each feature and checks the answers.

Usage: protocol_test.py INFRAC REPO_ROOT
Each check prints `ok - ...` or `not ok - ...`; the exit status is 1 when any failed.
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

failures = 0


def check(cond, what, detail=""):
    global failures
    if cond:
        print(f"ok - {what}")
    else:
        failures += 1
        print(f"not ok - {what}" + (f": {detail}" if detail else ""))


def position(text, needle, nth=0, offset=0):
    """The protocol position of the nth occurrence of needle (plus offset characters)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    return {"line": line, "character": col}


PROGRAM = '''import std.network.vpc

/// The prefix of every name.
param prefix: string = "demo"

module net = vpc {
  name = prefix
  cidr = "10.0.0.0/16"
}

let bucket_name = "${prefix}-logs"

resource logs: AWS::S3::Bucket {
  BucketName = bucket_name
}

resource subnet: AWS::EC2::Subnet {
  VpcId     = net.vpc_id
  CidrBlock = "10.0.1.0/24"
}

resource web: AWS::EC2::Instance {
  ImageId      = "ami-12345678"
  InstanceType = "t3.micro"
  SubnetId     = subnet.id

  MetadataOptions     = { HttpTokens = "required" }
  BlockDeviceMappings = [{ DeviceName = "/dev/xvda", Ebs = { Encrypted = true } }]
}

output vpc_id = net.vpc_id
output bucket = logs.Arn
'''


def main():
    infrac, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="infrac-lsp-")
    try:
        run(infrac, repo, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"protocol: {'all passed' if failures == 0 else str(failures) + ' failed'}")
    sys.exit(1 if failures else 0)


def run(infrac, repo, work):
    path = os.path.join(work, "main.infra")
    with open(path, "w") as f:
        f.write(PROGRAM)
    uri = "file://" + path
    doc = {"uri": uri}
    c = Client([infrac, "lsp", "--debounce-ms", "50"], cwd=work)
    init = c.initialize(work)["result"]
    caps = init["capabilities"]
    for cap in ["completionProvider", "hoverProvider", "definitionProvider", "referencesProvider", "renameProvider",
                "documentSymbolProvider", "documentFormattingProvider", "codeActionProvider"]:
        check(cap in caps, f"initialize announces {cap}")

    # A request before the document is opened gets null, not an error.
    r = c.request("textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 0}})
    check("result" in r and r["result"] is None, "hover on a document not open is null", r)

    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "infra", "version": 1, "text": PROGRAM}})
    diags = c.diagnostics(uri, 1)
    check(diags == [], "a correct program has no diagnostics", diags)

    # Diagnostics after an edit: a misspelt name, with its code and a did-you-mean.
    broken = PROGRAM.replace("BucketName = bucket_name", "BucketName = bucket_nam")
    edit_at = position(PROGRAM, "bucket_name", 1)
    end = dict(edit_at, character=edit_at["character"] + len("bucket_name"))
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"range": {"start": edit_at, "end": end}, "text": "bucket_nam"}]})
    diags = c.diagnostics(uri, 2)
    codes = [d.get("code") for d in diags]
    check(codes == ["E0401"], "an unknown name after an incremental edit is E0401", codes)
    if diags:
        d = diags[0]
        check(d["range"]["start"] == edit_at, "its range starts at the name", d["range"])
        check("did you mean `bucket_name`" in d["message"], "its message has the suggestion", d["message"])
        check(d.get("codeDescription", {}).get("href", "").endswith("#e0401-unknown-name"),
              "it links to the code's explanation", d.get("codeDescription"))
        check(d.get("severity") == 1, "it is an error")
        actions = c.request("textDocument/codeAction", {"textDocument": doc, "range": d["range"],
                                                        "context": {"diagnostics": [d]}})["result"]
        titles = [a["title"] for a in actions]
        check("change to `bucket_name`" in titles, "a quick fix replaces the name", titles)
        fix = next((a for a in actions if a["title"] == "change to `bucket_name`"), None)
        if fix:
            edits = fix["edit"]["changes"][uri]
            check(edits[0]["newText"] == "bucket_name" and edits[0]["range"]["start"] == edit_at,
                  "the fix's edit is the name in place of the typo", edits)
        hover = c.request("textDocument/hover", {"textDocument": doc, "position": edit_at})["result"]
        check(hover is not None and "E0401" in hover["contents"]["value"], "hover on the error explains the code",
              hover)

    # A syntax error further down leaves hover and completion working above it.
    half = broken.replace("BucketName = bucket_nam", "BucketName = bucket_name") + "\nresource oops: AWS::S3::Bucket {\n  Bu"
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": half}]})
    diags = c.diagnostics(uri, 3)
    check(any(d.get("code", "") in ("E0301", "E0302") for d in diags),
          "a half-typed declaration is a syntax error", [d.get("code") for d in diags])
    # An import that is not found, in a file that also has a syntax error: shown at the import.
    missing = 'import std.network.no_such_module\n' + half
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 30}, "contentChanges": [{"text": missing}]})
    d30 = c.diagnostics(uri, 30)
    e0413 = [d for d in d30 if d.get("code") == "E0413"]
    check(len(e0413) == 1 and e0413[0]["range"]["start"]["line"] == 0 and not e0413[0]["message"].startswith("in "),
          "an unresolved import in a file with a syntax error is shown at the import, as the document's own", d30)
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 31}, "contentChanges": [{"text": half}]})
    c.diagnostics(uri, 31)
    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(half, "= prefix", 0, 3)})["result"]
    check(h is not None and "param prefix: string" in h["contents"]["value"], "hover still works with a syntax error", h)
    end_pos = position(half, "  Bu", half.count("  Bu") - 1, 4)
    items = c.request("textDocument/completion", {"textDocument": doc, "position": end_pos})["result"]["items"]
    labels = [i["label"] for i in items]
    check("BucketName" in labels and "BucketEncryption" in labels,
          "completion in a half-typed resource body offers its properties", labels[:10])

    # Back to the program; the features one by one.
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": PROGRAM}]})
    check(c.diagnostics(uri, 4) == [], "the diagnostics clear when the program is fixed")

    def complete(text, needle, nth=0, offset=0):
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 100}, "contentChanges": [{"text": text}]})
        p = position(text, needle, nth, offset)
        return c.request("textDocument/completion", {"textDocument": doc, "position": p})["result"]["items"]

    items = complete(PROGRAM.replace("AWS::S3::Bucket", "AWS::S3::Buc"), "AWS::S3::Buc", 0, len("AWS::S3::Buc"))
    labels = [i["label"] for i in items]
    check("AWS::S3::Bucket" in labels and "AWS::S3::BucketPolicy" in labels and all(l.startswith("AWS::S3::Buc") for l in labels),
          "resource types after `resource x:`", labels[:5])

    text = PROGRAM.replace('  InstanceType = "t3.micro"\n', '  InstanceType = "t3.micro"\n  \n')
    items = complete(text, '"t3.micro"\n  ', 0, len('"t3.micro"\n  '))
    labels = [i["label"] for i in items]
    check("SecurityGroupIds" in labels and "KeyName" in labels, "property names inside a resource body", labels[:8])
    check(all("BucketName" != l for l in labels), "only the type's own properties")

    text = PROGRAM.replace("resource logs: AWS::S3::Bucket {\n  BucketName = bucket_name\n",
                           "resource logs: AWS::S3::Bucket {\n  BucketName = bucket_name\n  AccessControl = \n")
    items = complete(text, "AccessControl = ", 0, len("AccessControl = "))
    labels = [i["label"] for i in items]
    check('"Private"' in labels and '"PublicRead"' in labels, "enum values after `Key =`", labels[:8])

    items = complete(PROGRAM.replace("output bucket = logs.Arn", "output bucket = logs."), "logs.", 0, 5)
    labels = [i["label"] for i in items]
    check("Arn" in labels and "id" in labels and "DomainName" in labels, "attributes after `resource.`", labels[:8])

    items = complete(PROGRAM.replace("output vpc_id = net.vpc_id", "output vpc_id = net."), "vpc_id = net.", 0, len("vpc_id = net."))
    labels = [i["label"] for i in items]
    check("vpc_id" in labels, "outputs after `module_instance.`", labels[:8])

    text = PROGRAM.replace('  cidr = "10.0.0.0/16"\n', '  cidr = "10.0.0.0/16"\n  \n')
    items = complete(text, '"10.0.0.0/16"\n  ', 0, len('"10.0.0.0/16"\n  '))
    labels = [i["label"] for i in items]
    check("internet_gateway" in labels or len([l for l in labels if l not in ("name", "cidr")]) > 0,
          "module inputs inside `module m = name { }`", labels)
    check(all(i.get("kind") == 10 for i in items), "as properties (fields), not names of the scope", labels)

    text = PROGRAM.replace("  BucketName = bucket_name", "  BucketName = buck")
    items = complete(text, "= buck", 0, len("= buck"))
    labels = [i["label"] for i in items]
    check("bucket_name" in labels and "prefix" in labels and "net" in labels, "names in scope in an expression", labels)

    items = complete(PROGRAM.replace("import std.network.vpc", "import std.net"), "std.net", 0, len("std.net"))
    labels = [i["label"] for i in items]
    check("std.network.vpc" in labels and "std.access.ssm_private_access" in labels, "import paths of the stdlib", labels[:6])

    items = complete(PROGRAM.replace("resource web:", "@dep\nresource web:"), "@dep", 0, 4)
    labels = [i["label"] for i in items]
    check("depends_on" in labels and "allow" in labels, "annotation names after `@`", labels[:6])

    items = complete(PROGRAM.replace("let bucket_name", "// let bucket_name"), "// let", 0, 6)
    check(items == [], "nothing in a comment", items)

    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": PROGRAM}]})
    c.diagnostics(uri, 5)

    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "= prefix", 0, 4)})["result"]
    check(h and "param prefix: string = \"demo\"" in h["contents"]["value"] and "The prefix of every name." in h["contents"]["value"],
          "hover on a name: its declaration, value and doc", h)
    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "InstanceType", 0, 2)})["result"]
    check(h and "InstanceType" in h["contents"]["value"] and "string" in h["contents"]["value"],
          "hover on a property: its type from the catalog", h)
    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "ImageId", 0, 2)})["result"]
    check(h and "replaces the resource" in h["contents"]["value"], "hover says a create-only property replaces", h)
    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "vpc {", 0, 1)})["result"]
    check(h and "VPC" in h["contents"]["value"], "hover on a module name: the module's docs", h)
    h = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "AWS::EC2::Instance", 0, 3)})["result"]
    check(h and "Required" in h["contents"]["value"] or (h and "Attributes" in h["contents"]["value"]),
          "hover on a resource type: its required properties and attributes", h)

    d = c.request("textDocument/definition", {"textDocument": doc, "position": position(PROGRAM, "bucket_name", 1, 2)})["result"]
    check(d and d["uri"] == uri and d["range"]["start"] == position(PROGRAM, "bucket_name"), "definition of a let", d)
    d = c.request("textDocument/definition", {"textDocument": doc, "position": position(PROGRAM, "net.vpc_id", 1, 5)})["result"]
    check(d and d["uri"].endswith("/stdlib/std/network/vpc.infra"), "definition of a module output is in the module's file", d)
    d = c.request("textDocument/definition", {"textDocument": doc, "position": position(PROGRAM, "vpc {", 0, 1)})["result"]
    check(d and d["uri"].endswith("/std/network/vpc.infra"), "definition of a module name is its file", d)
    d = c.request("textDocument/definition", {"textDocument": doc, "position": position(PROGRAM, "cidr =", 0, 1)})["result"]
    check(d and d["uri"].endswith("/std/network/vpc.infra"), "definition of a module input is its param", d)

    refs = c.request("textDocument/references", {"textDocument": doc, "position": position(PROGRAM, "param prefix", 0, 7),
                                                 "context": {"includeDeclaration": True}})["result"]
    check(refs is not None and len(refs) == 3, "references of a param: the declaration and two uses", refs)
    refs = c.request("textDocument/references", {"textDocument": doc, "position": position(PROGRAM, "= prefix", 0, 3),
                                                 "context": {"includeDeclaration": False}})["result"]
    check(refs is not None and len(refs) == 2, "references without the declaration", refs)

    p = position(PROGRAM, "bucket_name", 0, 1)
    pr = c.request("textDocument/prepareRename", {"textDocument": doc, "position": p})["result"]
    check(pr and pr["placeholder"] == "bucket_name", "prepareRename gives the name", pr)
    r = c.request("textDocument/rename", {"textDocument": doc, "position": p, "newName": "log_bucket"})
    edits = r.get("result", {}).get("changes", {}).get(uri, [])
    check(len(edits) == 2 and all(e["newText"] == "log_bucket" for e in edits), "rename edits the declaration and its use", r)
    r = c.request("textDocument/rename", {"textDocument": doc, "position": p, "newName": "2bad"})
    check("error" in r, "rename to a word that is not a name is refused", r)
    r = c.request("textDocument/rename", {"textDocument": doc, "position": position(PROGRAM, "net.vpc_id", 1, 5), "newName": "x"})
    check("error" in r and "standard library" in r["error"]["message"], "renaming a stdlib output is refused", r)

    syms = c.request("textDocument/documentSymbol", {"textDocument": doc})["result"]
    names = [s["name"] for s in syms]
    check(names == ["vpc", "prefix", "net", "bucket_name", "logs", "subnet", "web", "vpc_id", "bucket"], "document symbols in order", names)
    web = next((s for s in syms if s["name"] == "web"), {})
    check(web.get("detail") == "AWS::EC2::Instance" and [k["name"] for k in web.get("children", [])] == ["ImageId", "InstanceType", "SubnetId", "MetadataOptions", "BlockDeviceMappings"],
          "a resource's symbol has its type and properties", web)

    ugly = PROGRAM.replace('  name = prefix\n', '  name    =    prefix\n')
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{"text": ugly}]})
    edits = c.request("textDocument/formatting", {"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": True}})["result"]
    check(edits and len(edits) == 1 and edits[0]["newText"] == PROGRAM, "formatting gives the canonical layout", edits)

    # Missing required property, and a warning acknowledged with @allow.
    text = PROGRAM.replace('resource web: AWS::EC2::Instance {', 'resource q: AWS::SQS::QueuePolicy {\n}\n\nresource web: AWS::EC2::Instance {')
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 7}, "contentChanges": [{"text": text}]})
    diags = c.diagnostics(uri, 7)
    missing = [d for d in diags if d.get("code") == "E0513"]
    check(len(missing) == 1, "a missing required property is E0513", [d.get("code") for d in diags])
    if missing:
        acts = c.request("textDocument/codeAction", {"textDocument": doc, "range": missing[0]["range"],
                                                     "context": {"diagnostics": missing}})["result"]
        add = [a for a in acts if a["title"].startswith("add the required")]
        check(len(add) == 1 and "PolicyDocument = {}" in add[0]["edit"]["changes"][uri][0]["newText"]
              and "Queues = []" in add[0]["edit"]["changes"][uri][0]["newText"],
              "a quick fix inserts the required properties", acts)
    text = PROGRAM.replace('resource web: AWS::EC2::Instance {',
                           'resource sg: AWS::EC2::SecurityGroup {\n  GroupDescription = "ssh"\n  VpcId = net.vpc_id\n'
                           '  SecurityGroupIngress = [{ IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIp = "0.0.0.0/0" }]\n}\n\n'
                           'resource web: AWS::EC2::Instance {')
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 8}, "contentChanges": [{"text": text}]})
    diags = c.diagnostics(uri, 8)
    warn = [d for d in diags if d.get("severity") == 2]
    check(len(warn) >= 1 and warn[0]["code"].startswith("W"), "SSH open to the world is a warning", diags)
    if warn:
        acts = c.request("textDocument/codeAction", {"textDocument": doc, "range": warn[0]["range"],
                                                     "context": {"diagnostics": warn}})["result"]
        allow = [a for a in acts if "@allow" in a["title"]]
        check(len(allow) == 1 and allow[0]["edit"]["changes"][uri][0]["newText"].startswith("@allow(" + warn[0]["code"] + ", \""),
              "a quick fix acknowledges the warning with @allow", acts)
        if allow:
            e = allow[0]["edit"]["changes"][uri][0]
            check(e["range"]["start"] == position(text, "resource sg"), "the @allow goes above the resource", e)

    # A module of the project: an assertion failing inside it is shown at the `module`
    # line, with the place in the module as a related location; loop variables complete.
    with open(os.path.join(work, "queue.infra"), "w") as f:
        f.write('param retention: number = 4\n\nassert retention >= 1 && retention <= 14, "retention is 1 to 14 days"\n\n'
                'resource q: AWS::SQS::Queue {\n  MessageRetentionPeriod = retention * 86400\n}\n')
    text = ('import "./queue.infra"\n\nmodule jobs = queue {\n  retention = 30\n}\n\n'
            'for name in ["a", "b"] {\n  resource topic: AWS::SNS::Topic {\n    TopicName = na\n  }\n}\n')
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 9}, "contentChanges": [{"text": text}]})
    diags = c.diagnostics(uri, 9)
    at_module = [d for d in diags if d["range"]["start"]["line"] == 2]
    check(len(at_module) == 1, "an assertion failing in a module is shown at the module line", diags)
    if at_module:
        rel = at_module[0].get("relatedInformation", [])
        check(any(r["location"]["uri"].endswith("/queue.infra") and r["location"]["range"]["start"]["line"] == 2 for r in rel),
              "with the assertion in the module as a related location", rel)
    items = c.request("textDocument/completion", {"textDocument": doc, "position": position(text, "= na", 0, 4)})["result"]["items"]
    labels = [i["label"] for i in items]
    check("name" in labels and "jobs" in labels, "a loop variable completes in the loop's body", labels)
    d = c.request("textDocument/definition", {"textDocument": doc, "position": position(text, "retention = 30", 0, 2)})["result"]
    check(d and d["uri"].endswith("/queue.infra") and d["range"]["start"]["line"] == 0, "definition of an input in a project module", d)

    # Robustness: unknown methods, bad parameters, broken JSON; the server goes on.
    r = c.request("textDocument/noSuchThing", {"textDocument": doc})
    check(r.get("error", {}).get("code") == -32601, "an unknown method is MethodNotFound", r)
    r = c.request("textDocument/hover", {"textDocument": doc, "position": "here"})
    check("result" in r or r.get("error", {}).get("code") == -32602, "a position of the wrong type does not crash", r)
    c.send_raw(b"Content-Length: 5\r\n\r\n{oops")
    r = c.wait(lambda m: m.get("error", {}).get("code") == -32700)
    check(r["id"] is None, "a body that is not JSON is a ParseError")
    r = c.request("textDocument/hover", {"textDocument": doc, "position": position(PROGRAM, "= prefix", 0, 3)})
    check("result" in r, "the server answers after bad input")

    status = c.close()
    check(status == 0, "shutdown then exit ends with status 0", status)

    # A client that goes away without shutdown: the server ends with 1, and does not hang.
    c2 = Client([infrac, "lsp"], cwd=work)
    c2.initialize(work)
    c2.proc.stdin.close()
    check(c2.proc.wait(10) == 1, "the end of input without shutdown ends with status 1")
    # A header that claims more than the limit is refused without reading it.
    c3 = Client([infrac, "lsp"], cwd=work)
    c3.send_raw(b"Content-Length: 99999999999\r\n\r\n")
    check(c3.proc.wait(10) == 1, "a message over the size limit stops the server")


if __name__ == "__main__":
    main()
