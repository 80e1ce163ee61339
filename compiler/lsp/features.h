// What the server answers, one function per request, each from the document's last
// analysis (lsp/analysis.h). `params` are the request's parameters as the client sent
// them; the result is the JSON the protocol expects (null when there is nothing).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lsp/analysis.h"

namespace infrac::lsp {

// textDocument/publishDiagnostics's `diagnostics`: the document's own, and those in the
// files it imports shown at the import that leads to them.
nlohmann::json diagnostics(const Analysis& a);

nlohmann::json completion(const Analysis& a, const nlohmann::json& params);
nlohmann::json hover(const Analysis& a, const nlohmann::json& params);
nlohmann::json definition(const Analysis& a, const nlohmann::json& params);
nlohmann::json references(const Analysis& a, const nlohmann::json& params);
nlohmann::json prepare_rename(const Analysis& a, const nlohmann::json& params);
// A WorkspaceEdit; `error` is set (and null returned) when the name cannot be renamed.
nlohmann::json rename(const Analysis& a, const nlohmann::json& params, std::string& error);
nlohmann::json document_symbols(const Analysis& a);
// TextEdits replacing the document with its canonical layout (`infrac fmt`); null when
// it does not parse or cannot be formatted without losing a comment.
nlohmann::json formatting(const Analysis& a);
nlohmann::json code_actions(const Analysis& a, const nlohmann::json& params);

}  // namespace infrac::lsp
