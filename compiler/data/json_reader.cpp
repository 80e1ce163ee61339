// The JSON reader: nlohmann/json's SAX parser feeding a builder of our own, so that depth
// and size are bounded as the text is read and no library exception is involved (the
// SAX interface reports errors by return value).
#include <cmath>

#include <nlohmann/json.hpp>

#include "base/source.h"
#include "data/tree.h"

namespace infrac::data {

namespace {

using Failure = ReadResult::Failure;
using json = nlohmann::json;

class Builder {
 public:
  explicit Builder(const Limits& limits) : limits_(limits) {}

  ReadResult result() {
    ReadResult r;
    if (failure_ != Failure::None) {
      r.failure = failure_;
      r.error = why_;
      r.error_offset = at_;
      return r;
    }
    r.root = root_;
    return r;
  }

  // The SAX interface.
  bool null() { return add(Kind::Null, "", false); }
  bool boolean(bool b) { return add(Kind::Scalar, b ? "true" : "false", false); }
  bool number_integer(json::number_integer_t n) { return add(Kind::Scalar, std::to_string(n), false); }
  bool number_unsigned(json::number_unsigned_t n) { return add(Kind::Scalar, std::to_string(n), false); }
  bool number_float(json::number_float_t d, const json::string_t& text) {
    if (!std::isfinite(d)) return fail(Failure::Syntax, "the number " + text + " is too large");
    return add(Kind::Scalar, text, false);
  }
  bool string(json::string_t& s) { return add(Kind::Scalar, std::move(s), true); }
  bool binary(json::binary_t&) { return fail(Failure::Syntax, "binary values are not JSON"); }
  bool key(json::string_t& k) {
    if (!count()) return false;
    auto n = std::make_shared<Node>();
    n->kind = Kind::Scalar;
    n->text = std::move(k);
    n->quoted = true;
    stack_.back().key = std::move(n);
    return true;
  }
  bool start_object(std::size_t) { return open(Kind::Map); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(Kind::Seq); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    // The library's message names the line and column; drop its "[json.exception...]" prefix.
    std::string what = e.what();
    if (size_t close = what.find("] "); what.rfind("[json.exception", 0) == 0 && close != std::string::npos) {
      what = what.substr(close + 2);
    }
    at_ = static_cast<uint32_t>(position > 0 ? position - 1 : 0);
    return fail(Failure::Syntax, what);
  }

 private:
  struct Open {
    std::shared_ptr<Node> node;
    NodeRef key;
  };

  bool fail(Failure f, std::string why) {
    failure_ = f;
    why_ = std::move(why);
    return false;
  }

  bool count() {
    if (++total_ > limits_.max_nodes) {
      return fail(Failure::TooManyNodes, "it has more than " + std::to_string(limits_.max_nodes) + " values");
    }
    return true;
  }

  bool add(Kind kind, std::string text, bool quoted) {
    if (!count()) return false;
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->text = std::move(text);
    n->quoted = quoted;
    attach(std::move(n));
    return true;
  }

  void attach(NodeRef n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Open& top = stack_.back();
    top.node->expanded += n->expanded + (top.key ? 1 : 0);
    if (top.node->kind == Kind::Seq) {
      top.node->items.push_back(std::move(n));
    } else {
      top.node->entries.emplace_back(std::move(top.key), std::move(n));
      top.key = nullptr;
    }
  }

  bool open(Kind kind) {
    if (stack_.size() >= limits_.max_depth) {
      return fail(Failure::TooDeep,
                  "it nests objects and arrays more than " + std::to_string(limits_.max_depth) + " levels deep");
    }
    if (!count()) return false;
    auto n = std::make_shared<Node>();
    n->kind = kind;
    stack_.push_back(Open{std::move(n), nullptr});
    return true;
  }

  bool close() {
    Open top = std::move(stack_.back());
    stack_.pop_back();
    attach(std::move(top.node));
    return true;
  }

  const Limits& limits_;
  std::vector<Open> stack_;
  NodeRef root_;
  uint64_t total_ = 0;
  Failure failure_ = Failure::None;
  std::string why_;
  uint32_t at_ = 0;
};

}  // namespace

ReadResult read_json(const std::string& text, const Limits& limits) {
  Builder builder(limits);
  json::sax_parse(text, &builder);
  return builder.result();
}

}  // namespace infrac::data
