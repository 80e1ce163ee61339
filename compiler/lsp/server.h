// `infrac lsp`: the language server. One process per editor session, speaking the
// Language Server Protocol (JSON-RPC 2.0) over a Transport. It keeps each open
// document's text and its last analysis; diagnostics are published after a pause in the
// edits (debounced), and every request answers from an analysis of the current text.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/analysis.h"
#include "lsp/transport.h"

namespace infrac::lsp {

struct ServerOptions {
  // How long the edits must pause before a document is checked again and its
  // diagnostics published; and the longest a stream of edits may hold them back.
  int debounce_ms = 150;
  int max_delay_ms = 1000;
  AnalysisOptions analysis;
};

class Server {
 public:
  Server(Transport& transport, ServerOptions options) : io_(transport), options_(std::move(options)) {}
  // Serves until `exit` (or the end of input). Returns the process's exit status: 0 after
  // `shutdown` then `exit`, 1 otherwise (as the protocol asks).
  int run();

 private:
  struct Document {
    std::string path;
    std::string text;
    int version = 0;
    std::shared_ptr<const Analysis> analysis;  // of `text` when current
    bool stale = true;                         // text changed since the diagnostics were published
    long long changed_ms = 0, first_change_ms = 0;
    std::shared_ptr<syntax::ParseCache> parse_cache = std::make_shared<syntax::ParseCache>();
  };

  void handle(const nlohmann::json& message);
  void request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params);
  void respond(const nlohmann::json& id, nlohmann::json result);
  void respond_error(const nlohmann::json& id, int code, const std::string& message);
  void notify(const std::string& method, nlohmann::json params);
  void log(const std::string& message);

  void open(const nlohmann::json& params);
  void change(const nlohmann::json& params);
  // The document's analysis of its current text, made now if it is stale.
  const Analysis* current(const std::string& uri);
  void publish(const std::string& uri, Document& doc);
  void publish_due(bool all);
  int wait_ms() const;  // until the next debounced publication, or -1

  Transport& io_;
  ServerOptions options_;
  std::map<std::string, Document> docs_;
  Encoding encoding_ = Encoding::Utf16;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
};

}  // namespace infrac::lsp
