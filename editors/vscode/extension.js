// Starts `infrac lsp` for .infra documents and stops it with the editor. Everything the
// extension offers beyond highlighting comes from the server.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("infrac");
  const command = config.get("path", "infrac");
  const args = ["lsp"];
  for (const dir of config.get("includeDirs", [])) args.push("-I", dir);
  const server = { command, args };
  client = new LanguageClient(
    "infrac",
    "infrac",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "infra" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
