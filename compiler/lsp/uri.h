// `file:` URIs and the paths they name (RFC 8089, as editors write them: percent-encoded
// UTF-8, an empty authority).
#pragma once

#include <optional>
#include <string>

namespace infrac::lsp {

// The path of a `file://` URI, percent-decoding undone; nullopt for another scheme or a
// malformed escape.
std::optional<std::string> uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

}  // namespace infrac::lsp
