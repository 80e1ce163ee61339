#!/usr/bin/env node
// Tests editors/vscode's TextMate grammar with the engine VS Code runs it with
// (vscode-textmate on vscode-oniguruma, installed into tests/editors/node_modules by
// tools/install-deps.sh). Every example and stdlib module is tokenized line by line; a
// scanner of this file's own, which knows nothing of the grammar, says where a keyword,
// a literal, a string, an interpolation, a comment or an annotation stands, and each such
// character must be under a scope of that kind, not only `source.infra`. The keywords
// are read from grammar/InfraLexer.g4. A few snippets check exact scopes.
//
// Usage: node grammar_test.js REPO_ROOT. Exits 77 (skipped) when the packages are not
// installed, except when CI is set.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(process.argv[2] || path.join(__dirname, "..", ".."));
const modules = path.join(__dirname, "node_modules");
if (!fs.existsSync(path.join(modules, "vscode-textmate")) || !fs.existsSync(path.join(modules, "vscode-oniguruma"))) {
  const message = "vscode-textmate and vscode-oniguruma are not installed (tools/install-deps.sh runs `npm ci` in tests/editors)";
  if (process.env.CI) {
    console.error("grammar_test.js: FAIL: " + message);
    process.exit(1);
  }
  console.log("grammar_test.js: skipped: " + message);
  process.exit(77);
}
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

// The literal words of the lexer: `PARAM : 'param' ;`.
function lexerWords() {
  const g4 = fs.readFileSync(path.join(root, "grammar", "InfraLexer.g4"), "utf8");
  const words = [];
  for (const m of g4.matchAll(/^[A-Z_]+\s*:\s*'([a-z]+)'\s*;/gm)) words.push(m[1]);
  return words;
}
const words = lexerWords();
const constants = ["true", "false", "null"];
const keywords = words.filter((w) => !constants.includes(w));
if (keywords.length < 10 || !keywords.includes("resource")) {
  console.error("grammar_test.js: FAIL: could not read the keywords from InfraLexer.g4: " + keywords);
  process.exit(1);
}

// What stands at each character of a line, by this scanner: a kind, or null.
// `state` carries what spans lines: a block comment, a heredoc (its marker).
function classify(line, state) {
  const kinds = new Array(line.length).fill(null);
  let i = 0;
  const word = /[A-Za-z_][A-Za-z0-9_]*/y;
  if (state.heredoc) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/);
    if (m && m[1] === state.heredoc) {
      state.heredoc = null;
      return kinds; // the closing marker
    }
    for (let k = 0; k < line.length; ++k) kinds[k] = "string";
    interpolations(line, 0, kinds, state);
    return kinds;
  }
  const stack = []; // open interpolations' brace depths
  let first = true; // at the first token of the line
  let prev = ""; // the previous token's text
  while (i < line.length) {
    const c = line[i];
    if (state.block) {
      const end = line.indexOf("*/", i);
      const stop = end < 0 ? line.length : end + 2;
      for (let k = i; k < stop; ++k) kinds[k] = "comment";
      if (end >= 0) state.block = false;
      i = stop;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") { ++i; continue; }
    if (line.startsWith("//", i) || c === "#") {
      for (let k = i; k < line.length; ++k) kinds[k] = "comment";
      break;
    }
    if (line.startsWith("/*", i)) { state.block = true; continue; }
    if (c === '"') {
      i = string(line, i, kinds, state);
      first = false; prev = '"';
      continue;
    }
    const hd = line.slice(i).match(/^<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/);
    if (hd) { state.heredoc = hd[1]; break; }
    if (c === "@") {
      word.lastIndex = i + 1;
      const m = word.exec(line);
      if (m) {
        kinds[i] = "decorator-punct";
        for (let k = i + 1; k < i + 1 + m[0].length; ++k) kinds[k] = "decorator";
        i += 1 + m[0].length;
        first = false; prev = m[0];
        continue;
      }
    }
    if (c === "}" && stack.length && state.inInterp) { /* handled in string() */ }
    word.lastIndex = i;
    const m = word.exec(line);
    if (m) {
      const w = m[0];
      const after = line.slice(i + w.length);
      const isKey = /^\s*=(?![=>])/.test(after);
      const afterDot = i > 0 && line[i - 1] === ".";
      let kind = null;
      if (!isKey && !afterDot) {
        if (first && keywords.includes(w)) kind = "keyword";
        else if (w === "in" && /^\s*for\s+[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)?\s+$/.test(line.slice(0, i))) kind = "keyword";
        else if (w === "else" && prev === "}") kind = "keyword";
        else if (w === "as" && /^\s*import\b/.test(line)) kind = "keyword";
        else if (constants.includes(w) && !line.slice(i + w.length).startsWith("::")) kind = "constant";
      }
      if (kind) for (let k = i; k < i + w.length; ++k) kinds[k] = kind;
      i += w.length;
      first = false; prev = w;
      continue;
    }
    first = false; prev = c;
    ++i;
  }
  return kinds;
}

// A quoted string from `i` (its quote): its characters are "string", its interpolations'
// `${` and `}` are "interp", and what is inside them is classified as code. Returns the
// index after it.
function string(line, i, kinds, state) {
  kinds[i] = "string";
  let k = i + 1;
  while (k < line.length) {
    const c = line[k];
    if (c === "\\") { kinds[k] = "string"; if (k + 1 < line.length) kinds[k + 1] = "string"; k += 2; continue; }
    if (c === '"') { kinds[k] = "string"; return k + 1; }
    if (line.startsWith("${", k)) { k = interpolation(line, k, kinds, state); continue; }
    kinds[k] = "string";
    ++k;
  }
  return k;
}

// `${ ... }` from `k`: the braces are "interp"; the inside, code (nested strings too).
function interpolation(line, k, kinds, state) {
  kinds[k] = kinds[k + 1] = "interp";
  let depth = 0;
  let j = k + 2;
  while (j < line.length) {
    const c = line[j];
    if (c === '"') { j = string(line, j, kinds, state); continue; }
    if (c === "{") ++depth;
    if (c === "}") {
      if (depth === 0) { kinds[j] = "interp"; return j + 1; }
      --depth;
    }
    ++j;
  }
  return j;
}

function interpolations(line, from, kinds, state) {
  let k = line.indexOf("${", from);
  while (k >= 0) {
    if (k > 0 && line[k - 1] === "$") { k = line.indexOf("${", k + 2); continue; } // $${ is an escape
    const end = interpolation(line, k, kinds, state);
    for (let j = k + 2; j < end - 1; ++j) if (kinds[j] === "string") kinds[j] = null;
    k = line.indexOf("${", end);
  }
}

const expected = {
  keyword: (s) => s.startsWith("keyword."),
  constant: (s) => s.startsWith("constant.language"),
  string: (s) => s.startsWith("string."),
  interp: (s) => s.startsWith("punctuation.definition.template-expression") || s.startsWith("meta.embedded"),
  comment: (s) => s.startsWith("comment."),
  decorator: (s) => s.startsWith("entity.name.function.decorator"),
  "decorator-punct": (s) => s.startsWith("punctuation.definition.decorator") || s.startsWith("meta.decorator"),
};

async function main() {
  const wasm = fs.readFileSync(path.join(modules, "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarPath = path.join(root, "editors", "vscode", "syntaxes", "infra.tmLanguage.json");
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === "source.infra" ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.infra");
  let failures = 0;
  const fail = (msg) => { ++failures; if (failures <= 40) console.log("not ok - " + msg); };

  function tokenize(text) {
    let stack = vsctm.INITIAL;
    const out = [];
    for (const line of text.split("\n")) {
      const r = grammar.tokenizeLine(line, stack);
      out.push({ line, tokens: r.tokens });
      stack = r.ruleStack;
    }
    return out;
  }
  function scopesAt(tokens, col) {
    for (const t of tokens) if (t.startIndex <= col && col < t.endIndex) return t.scopes;
    return [];
  }

  // Every example and stdlib module.
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".infra")) files.push(p);
    }
  };
  walk(path.join(root, "examples"));
  walk(path.join(root, "stdlib"));
  files.sort();
  let checked = 0;
  const seen = {};
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const lines = tokenize(text);
    const state = { block: false, heredoc: null };
    lines.forEach(({ line, tokens }, n) => {
      const kinds = classify(line, state);
      for (let col = 0; col < line.length; ++col) {
        const kind = kinds[col];
        if (!kind || line[col] === " ") continue;
        ++checked;
        seen[kind] = (seen[kind] || 0) + 1;
        const scopes = scopesAt(tokens, col);
        if (!scopes.some(expected[kind])) {
          fail(`${path.relative(root, file)}:${n + 1}:${col + 1}: ${kind} \`${line[col]}\` has scopes ${scopes.join(" ")}`);
          break;
        }
      }
    });
  }
  for (const kind of Object.keys(expected)) {
    if (!seen[kind]) fail(`no ${kind} was met in the files: the scanner or the files changed`);
  }

  // Exact scopes of a snippet.
  const snippet = [
    '/// Doc.',
    '@description("The ${name} bucket")',
    'resource logs: AWS::S3::Bucket {',
    '  BucketName = "${prefix}-logs" // trailing',
    '  Tags = [for k, v in tags : { Key = k, Value = v }]',
    '}',
    'let script = <<-EOT',
    '  echo ${name} $${HOME}',
    '  EOT',
    'output n = length(xs) > 0 ? true : null',
  ].join("\n");
  const toks = tokenize(snippet);
  const scopeOf = (line, needle, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; ++i) at = toks[line].line.indexOf(needle, at + 1);
    return scopesAt(toks[line].tokens, at).join(" ");
  };
  const want = (line, needle, scope, nth = 0) => {
    const s = scopeOf(line, needle, nth);
    if (!s.split(" ").some((x) => x.startsWith(scope))) fail(`snippet line ${line + 1}: \`${needle}\` has ${s}, not ${scope}`);
    else ++checked;
  };
  want(0, "Doc", "comment.line.documentation");
  want(1, "description", "entity.name.function.decorator");
  want(1, "${", "punctuation.definition.template-expression.begin");
  want(1, "name", "meta.embedded");
  want(1, "bucket", "string.quoted.double");
  want(2, "resource", "keyword.other.declaration.resource");
  want(2, "logs", "entity.name.type.resource");
  want(2, "AWS::S3::Bucket", "entity.name.type");
  want(3, "BucketName", "variable.other.property");
  want(3, "prefix", "variable.other");
  want(3, "-logs", "string.quoted.double");
  want(3, "trailing", "comment.line.double-slash");
  want(4, "for", "keyword.control");
  want(4, "in", "keyword.control");
  want(4, "Key", "variable.other.property");
  want(6, "EOT", "keyword.control.heredoc-token");
  want(7, "echo", "string.unquoted.heredoc");
  want(7, "name", "meta.embedded");
  want(7, "$${", "constant.character.escape");
  want(8, "EOT", "keyword.control.heredoc-token");
  want(9, "length", "entity.name.function");
  want(9, "true", "constant.language.boolean");
  want(9, "null", "constant.language.null");
  want(9, "0", "constant.numeric");

  const summary = Object.entries(seen).map(([k, v]) => `${k} ${v}`).join(", ");
  console.log(`grammar: ${files.length} files, ${checked} characters checked (${summary}), ${failures} unscoped`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error("grammar_test.js: FAIL: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
