#include "lsp/server.h"

#include <chrono>

#include "lsp/features.h"
#include "lsp/uri.h"

namespace infrac::lsp {

namespace {

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;

long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string text_uri(const nlohmann::json& params) {
  const auto td = params.find("textDocument");
  if (td == params.end() || !td->is_object()) return "";
  return td->value("uri", "");
}

nlohmann::json capabilities(Encoding enc) {
  return {
      {"positionEncoding", enc == Encoding::Utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"completionProvider", {{"triggerCharacters", {".", ":", "@"}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"renameProvider", {{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", true},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
  };
}

}  // namespace

int Server::run() {
  for (;;) {
    if (exit_) break;
    int wait = wait_ms();
    if (wait >= 0 && !io_.input_pending(wait)) {
      publish_due(false);
      continue;
    }
    std::string body, why;
    ReadStatus st = io_.read(body, why);
    if (st == ReadStatus::End) break;
    if (st == ReadStatus::Malformed) {
      log("infrac lsp: stopping: " + why);
      break;
    }
    nlohmann::json message = nlohmann::json::parse(body, nullptr, false);
    if (message.is_discarded()) {
      respond_error(nullptr, kParseError, "the message is not JSON");
      continue;
    }
    handle(message);
    // A stream of edits without a pause still gets its diagnostics now and then.
    publish_due(false);
  }
  return shutdown_ && exit_ ? 0 : 1;
}

int Server::wait_ms() const {
  long long due = -1;
  for (const auto& [uri, doc] : docs_) {
    if (!doc.stale) continue;
    long long at = std::min(doc.changed_ms + options_.debounce_ms, doc.first_change_ms + options_.max_delay_ms);
    if (due < 0 || at < due) due = at;
  }
  if (due < 0) return -1;
  long long left = due - now_ms();
  return left < 0 ? 0 : static_cast<int>(left);
}

void Server::publish_due(bool all) {
  long long t = now_ms();
  for (auto& [uri, doc] : docs_) {
    if (!doc.stale) continue;
    bool due = t >= doc.changed_ms + options_.debounce_ms || t >= doc.first_change_ms + options_.max_delay_ms;
    if (all || due) publish(uri, doc);
  }
}

void Server::publish(const std::string& uri, Document& doc) {
  if (!doc.analysis || doc.analysis->version != doc.version || doc.analysis->text != doc.text) {
    doc.analysis = analyze(uri, doc.path, doc.text, doc.version, encoding_, options_.analysis, doc.parse_cache.get());
  }
  doc.stale = false;
  notify("textDocument/publishDiagnostics",
         {{"uri", uri}, {"version", doc.version}, {"diagnostics", diagnostics(*doc.analysis)}});
}

const Analysis* Server::current(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return nullptr;
  Document& doc = it->second;
  if (!doc.analysis || doc.analysis->text != doc.text) {
    doc.analysis = analyze(uri, doc.path, doc.text, doc.version, encoding_, options_.analysis, doc.parse_cache.get());
  }
  return doc.analysis.get();
}

void Server::handle(const nlohmann::json& message) {
  if (!message.is_object()) {
    respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
    return;
  }
  auto m = message.find("method");
  auto id = message.find("id");
  if (m == message.end() || !m->is_string()) {
    if (id != message.end()) return;  // a response to a request of ours: none are sent that need one
    respond_error(nullptr, kInvalidRequest, "a request without a method");
    return;
  }
  nlohmann::json params = message.value("params", nlohmann::json::object());
  if (!params.is_object() && !params.is_array()) params = nlohmann::json::object();
  if (id != message.end()) {
    if (!id->is_string() && !id->is_number_integer()) {
      respond_error(nullptr, kInvalidRequest, "a request id must be a number or a string");
      return;
    }
    try {
      request(*id, m->get<std::string>(), params);
    } catch (const nlohmann::json::exception& e) {
      // Parameters of the wrong shape: the request fails, the server goes on.
      respond_error(*id, kInvalidParams, std::string("invalid parameters: ") + e.what());
    }
  } else {
    try {
      notification(m->get<std::string>(), params);
    } catch (const nlohmann::json::exception& e) {
      log(std::string("infrac lsp: ignored a notification with invalid parameters: ") + e.what());
    }
  }
}

void Server::request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params) {
  if (method == "initialize") {
    const auto& caps = params.value("capabilities", nlohmann::json::object());
    const auto& general = caps.value("general", nlohmann::json::object());
    for (const auto& e : general.value("positionEncodings", nlohmann::json::array())) {
      if (e == "utf-8") encoding_ = Encoding::Utf8;
    }
    initialized_ = true;
    respond(id, {{"capabilities", capabilities(encoding_)}, {"serverInfo", {{"name", "infrac"}}}});
    return;
  }
  if (!initialized_) {
    respond_error(id, kServerNotInitialized, "the server has not been initialized");
    return;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    respond(id, nullptr);
    return;
  }
  if (shutdown_) {
    respond_error(id, kInvalidRequest, "the server is shutting down");
    return;
  }
  std::string uri = text_uri(params);
  auto on_doc = [&](auto fn) {
    const Analysis* a = current(uri);
    if (a == nullptr) {
      respond(id, nullptr);  // a document not open: nothing to say
      return;
    }
    respond(id, fn(*a));
  };
  if (method == "textDocument/completion") return on_doc([&](const Analysis& a) { return completion(a, params); });
  if (method == "textDocument/hover") return on_doc([&](const Analysis& a) { return hover(a, params); });
  if (method == "textDocument/definition") return on_doc([&](const Analysis& a) { return definition(a, params); });
  if (method == "textDocument/references") return on_doc([&](const Analysis& a) { return references(a, params); });
  if (method == "textDocument/prepareRename") return on_doc([&](const Analysis& a) { return prepare_rename(a, params); });
  if (method == "textDocument/documentSymbol") return on_doc([&](const Analysis& a) { return document_symbols(a); });
  if (method == "textDocument/formatting") return on_doc([&](const Analysis& a) { return formatting(a); });
  if (method == "textDocument/codeAction") return on_doc([&](const Analysis& a) { return code_actions(a, params); });
  if (method == "textDocument/rename") {
    const Analysis* a = current(uri);
    if (a == nullptr) return respond(id, nullptr);
    std::string error;
    nlohmann::json edit = rename(*a, params, error);
    if (!error.empty()) return respond_error(id, kRequestFailed, error);
    return respond(id, edit);
  }
  respond_error(id, kMethodNotFound, "infrac lsp does not handle `" + method + "`");
}

void Server::notification(const std::string& method, const nlohmann::json& params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;
  if (method == "textDocument/didOpen") return open(params);
  if (method == "textDocument/didChange") return change(params);
  if (method == "textDocument/didClose") {
    std::string uri = text_uri(params);
    docs_.erase(uri);
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", nlohmann::json::array()}});
    return;
  }
  if (method == "textDocument/didSave") {
    // Files that import the saved one read it from disk: check them again.
    for (auto& [uri, doc] : docs_) {
      if (uri == text_uri(params)) continue;
      doc.analysis.reset();
      doc.stale = true;
      doc.changed_ms = doc.first_change_ms = now_ms();
    }
    return;
  }
  // initialized, $/cancelRequest, $/setTrace, workspace/didChangeConfiguration ...: nothing to do.
}

void Server::open(const nlohmann::json& params) {
  const auto& td = params.at("textDocument");
  std::string uri = td.at("uri").get<std::string>();
  std::optional<std::string> path = uri_to_path(uri);
  if (!path) {
    log("infrac lsp: not a file URI, ignored: " + uri);
    return;
  }
  Document& doc = docs_[uri];
  doc.path = *path;
  doc.text = td.value("text", "");
  doc.version = td.value("version", 0);
  doc.analysis.reset();
  publish(uri, doc);  // at once: the user waits for the first check of a file they open
}

void Server::change(const nlohmann::json& params) {
  std::string uri = text_uri(params);
  auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  Document& doc = it->second;
  for (const auto& c : params.at("contentChanges")) {
    if (!c.contains("range")) {
      doc.text = c.at("text").get<std::string>();
      continue;
    }
    LineIndex idx(doc.text);
    uint32_t b = idx.offset(position_from_json(c["range"].value("start", nlohmann::json::object())), encoding_);
    uint32_t e = idx.offset(position_from_json(c["range"].value("end", nlohmann::json::object())), encoding_);
    if (e < b) std::swap(b, e);
    doc.text.replace(b, e - b, c.value("text", ""));
  }
  doc.version = params.at("textDocument").value("version", doc.version + 1);
  long long t = now_ms();
  if (!doc.stale) doc.first_change_ms = t;
  doc.changed_ms = t;
  doc.stale = true;
}

void Server::respond(const nlohmann::json& id, nlohmann::json result) {
  io_.write(nlohmann::json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Server::respond_error(const nlohmann::json& id, int code, const std::string& message) {
  io_.write(nlohmann::json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Server::notify(const std::string& method, nlohmann::json params) {
  io_.write(nlohmann::json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Server::log(const std::string& message) {
  notify("window/logMessage", {{"type", 3}, {"message", message}});
}

}  // namespace infrac::lsp
