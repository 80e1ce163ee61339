"""Reading just enough of a .infra file to mutate it one line at a time.

The scanner is deliberately shallow: it tracks strings, comments and bracket depth line by
line, finds `resource` and `module` blocks, and the `Key = value` pairs inside them whose
value ends on the same line. It never needs to be right about the language as a whole: a
mutant it gets wrong either does not parse (counted apart) or is a different program.
"""
import re

RESOURCE_HEAD = re.compile(r"^\s*resource\s+(\w+)(\[[^\]]*\])?\s*:\s*([A-Za-z0-9:]+)\s*\{")
MODULE_HEAD = re.compile(r"^\s*module\s+(\w+)(\[[^\]]*\])?\s*=\s*([\w.]+)\s*\{")
PARAM_LINE = re.compile(r"^\s*param\s+(\w+)\s*:\s*[^=]+?=\s*")
LET_LINE = re.compile(r"^\s*let\s+(\w+)\s*=\s*")
ALLOWED_LINE = re.compile(r"^\s*@allowed\(\s*")
IDENT = re.compile(r"[A-Za-z_]\w*")
OPENERS, CLOSERS = "{[(", "}])"


class Line:
    """One source line: its code without comments, where strings are (a mask), and the
    bracket depth before it."""

    def __init__(self, text, code, in_string, depth):
        self.text, self.code, self.in_string, self.depth = text, code, in_string, depth


def scan_lines(source):
    """Splits source into Line objects. Comments (# and // to the end of the line, /* */
    across lines) are blanked out of `code`; `in_string[i]` is True inside a string."""
    lines, depth, in_block_comment = [], 0, False
    for text in source.split("\n"):
        code, mask, i, n = [], [], 0, len(text)
        in_str, interp = False, 0
        while i < n:
            c = text[i]
            if in_block_comment:
                if text.startswith("*/", i):
                    in_block_comment = False
                    code += "  "; mask += [False, False]; i += 2
                else:
                    code.append(" "); mask.append(False); i += 1
                continue
            if in_str:
                code.append(c); mask.append(True)
                if c == "\\" and i + 1 < n:
                    code.append(text[i + 1]); mask.append(True); i += 2
                    continue
                if text.startswith("${", i):
                    interp += 1
                elif c == "}" and interp:
                    interp -= 1
                elif c == '"' and not interp:
                    in_str = False
                i += 1
                continue
            if c == '"':
                in_str = True
                code.append(c); mask.append(True); i += 1
                continue
            if c == "#" or text.startswith("//", i):
                break
            if text.startswith("/*", i):
                in_block_comment = True
                code += "  "; mask += [False, False]; i += 2
                continue
            code.append(c); mask.append(False); i += 1
        code = "".join(code)
        lines.append(Line(text, code, mask, depth))
        for ch, s in zip(code, mask):
            if not s and ch in OPENERS:
                depth += 1
            elif not s and ch in CLOSERS:
                depth -= 1
    return lines


def value_end(line, start):
    """The end of the value that starts at `start`: the first top-level `,`, a closer with
    no opener, or the end of the code. None when the value goes on to the next line."""
    depth, end = 0, len(line.code)
    for i in range(start, len(line.code)):
        if line.in_string[i]:
            continue
        ch = line.code[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth == 0:
                end = i
                break
            depth -= 1
        elif ch == "," and depth == 0:
            end = i
            break
    else:
        if depth != 0:
            return None
    while end > start and line.code[end - 1] == " ":
        end -= 1
    return end if end > start else None


def pairs_on_line(line):
    """(key, key_start, value_start, value_end) of every `Key = value` on the line whose
    value ends on it."""
    out, code = [], line.code
    for m in IDENT.finditer(code):
        if line.in_string[m.start()]:
            continue
        before = code[:m.start()].rstrip()
        if before and before[-1] not in "{,":
            continue
        rest = code[m.end():]
        eq = len(rest) - len(rest.lstrip())
        if not rest[eq:].startswith("=") or rest[eq:].startswith("=="):
            continue
        vstart = m.end() + eq + 1
        while vstart < len(code) and code[vstart] == " ":
            vstart += 1
        if vstart >= len(code):
            continue
        vend = value_end(line, vstart)
        if vend is not None:
            out.append((m.group(0), m.start(), vstart, vend))
    return out


class Site:
    """A place to mutate: a value (`vstart:vend` on line `lineno`) under `key`, in a block
    of `kind` ("resource", "module", "param", "let", "allowed": the list of an `@allowed`
    annotation) named `owner` of type `owner_type`;
    `path` is the keys above it in the block (e.g. ["PolicyDocument", "Statement"])."""

    def __init__(self, lineno, key, kstart, vstart, vend, kind, owner, owner_type, path,
                 whole_line):
        self.lineno, self.key, self.kstart, self.vstart, self.vend = lineno, key, kstart, vstart, vend
        self.kind, self.owner, self.owner_type, self.path = kind, owner, owner_type, path
        self.whole_line = whole_line  # the pair is alone on its line (it can be dropped)


def find_sites(source):
    """Every mutable value in the source, and the resources declared in it (name -> type)."""
    lines = scan_lines(source)
    sites, resources, blocks = [], {}, []  # blocks: (kind, name, type, depth)
    keys_open = []  # (depth_inside, key) for values spread over several lines
    for no, line in enumerate(lines):
        while blocks and line.depth <= blocks[-1][3]:
            blocks.pop()
        keys_open = [k for k in keys_open if line.depth >= k[0]]
        m = RESOURCE_HEAD.match(line.code)
        mm = MODULE_HEAD.match(line.code)
        if m or mm:
            if m:
                if not m.group(2):  # a family (`resource subnet[az]`) is named with a key
                    resources[m.group(1)] = m.group(3)
                blocks.append(("resource", m.group(1), m.group(3), line.depth))
            else:
                blocks.append(("module", mm.group(1), mm.group(3), line.depth))
            head_end = (m or mm).end()
            # A one-line block: `resource vpc: AWS::EC2::VPC { CidrBlock = "..." }`
            rest = Line(line.text, " " * head_end + line.code[head_end:],
                        [False] * head_end + line.in_string[head_end:], line.depth)
            for key, ks, vs, ve in pairs_on_line(rest):
                sites.append(Site(no, key, ks, vs, ve, blocks[-1][0], blocks[-1][1],
                                  blocks[-1][2], [], False))
            if line.code.count("{") - line.code.count("}") <= 0:
                blocks.pop()
            continue
        if not blocks:
            for rx, kind in ((PARAM_LINE, "param"), (LET_LINE, "let"), (ALLOWED_LINE, "allowed")):
                pm = rx.match(line.code)
                if pm and line.depth == 0:
                    vend = value_end(line, pm.end())
                    if vend is not None:
                        key = pm.group(1) if kind != "allowed" else "@allowed"
                        sites.append(Site(no, key, pm.start(1) if kind != "allowed" else pm.start(),
                                          pm.end(), vend, kind, key, "", [], False))
            continue
        kind, owner, otype, bdepth = blocks[-1]
        if kind == "module" and line.depth > bdepth + 1:
            continue
        pairs = pairs_on_line(line)
        path = [k for _, k in keys_open]
        for key, ks, vs, ve in pairs:
            alone = (len(pairs) == 1 and not line.code[:ks].strip()
                     and line.code[ve:].strip() in ("", ","))
            sites.append(Site(no, key, ks, vs, ve, kind, owner, otype, path, alone))
        # A value left open at the end of the line: its key is the path of what follows.
        open_key = re.match(r"^\s*(?:[\[{]\s*)*([A-Za-z_]\w*)\s*=\s*[\[{]", line.code)
        nxt = lines[no + 1].depth if no + 1 < len(lines) else line.depth
        if open_key and nxt > line.depth:
            keys_open.append((nxt, open_key.group(1)))
    return lines, sites, resources
