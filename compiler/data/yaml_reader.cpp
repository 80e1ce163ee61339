// The YAML reader: yaml-cpp's event parser, with a builder of our own that counts every
// node as it is made (an alias counts the whole subtree it stands for), so that an
// alias bomb is refused after a bounded amount of work instead of being expanded.
// This is the one place where yaml-cpp's exceptions are caught.
#include <cstdio>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "base/source.h"
#include "data/yaml_compat.h"
#include "data/tree.h"

namespace infrac::data {

namespace {

using Failure = ReadResult::Failure;

// Thrown by the builder to stop the parser when a limit is hit; caught in read_yaml.
struct Stop {
  Failure failure;
  std::string why;
  YAML::Mark mark;
};

class Builder : public YAML::EventHandler {
 public:
  Builder(const Limits& limits, const CompatText& compat) : limits_(limits), compat_(compat) {}

  NodeRef root() const { return root_; }
  bool used_aliases() const { return aliases_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto n = fresh(mark, "");
    n->kind = Kind::Null;
    finish(std::move(n), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || !anchors_[anchor]) {
      // yaml-cpp numbers anchors as it meets them; an alias to one still open is recursive.
      throw Stop{Failure::RecursiveAlias, "an alias inside the node it names", mark};
    }
    NodeRef target = anchors_[anchor];
    aliases_ = true;
    count(target->expanded, mark);
    attach(target);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto n = fresh(mark, tag);
    n->kind = Kind::Scalar;
    n->text = value;
    n->quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    finish(std::move(n), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, Kind::Seq);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, Kind::Map);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    std::shared_ptr<Node> node;
    NodeRef key;  // a mapping's key waiting for its value
    YAML::anchor_t anchor;
  };

  std::shared_ptr<Node> fresh(const YAML::Mark& mark, const std::string& tag) {
    count(1, mark);
    auto n = std::make_shared<Node>();
    if (tag.size() > 1 && tag[0] == '!') n->tag = tag;
    n->offset = mark.pos < 0 ? 0 : compat_.original(static_cast<uint32_t>(mark.pos));
    return n;
  }

  void count(uint64_t nodes, const YAML::Mark& mark) {
    total_ += nodes;
    if (total_ > limits_.max_nodes) {
      std::string n = std::to_string(limits_.max_nodes);
      throw Stop{Failure::TooManyNodes,
                 aliases_ ? "through its aliases, it expands to more than " + n + " nodes" : "it has more than " + n + " nodes",
                 mark};
    }
  }

  void remember(YAML::anchor_t anchor, NodeRef n) {
    if (anchor == YAML::NullAnchor) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = std::move(n);
  }

  void finish(std::shared_ptr<Node> n, YAML::anchor_t anchor) {
    remember(anchor, n);
    attach(std::move(n));
  }

  // Adds a finished node to the open container, or makes it the root.
  void attach(NodeRef n) {
    if (stack_.empty()) {
      if (!root_) root_ = std::move(n);
      return;
    }
    Open& top = stack_.back();
    top.node->expanded += n->expanded;
    if (top.node->kind == Kind::Seq) {
      top.node->items.push_back(std::move(n));
    } else if (!top.key) {
      top.key = std::move(n);
    } else {
      top.node->entries.emplace_back(std::move(top.key), std::move(n));
      top.key = nullptr;
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Kind kind) {
    if (stack_.size() >= limits_.max_depth) {
      throw Stop{Failure::TooDeep, "it nests mappings and sequences more than " + std::to_string(limits_.max_depth) +
                                       " levels deep", mark};
    }
    auto n = fresh(mark, tag);
    n->kind = kind;
    if (anchor != YAML::NullAnchor && anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    stack_.push_back(Open{std::move(n), nullptr, anchor});
  }

  void close() {
    Open top = std::move(stack_.back());
    stack_.pop_back();
    remember(top.anchor, top.node);
    attach(std::move(top.node));
  }

  const Limits& limits_;
  const CompatText& compat_;
  std::vector<Open> stack_;
  std::vector<NodeRef> anchors_;  // by yaml-cpp's anchor number; null while still open
  NodeRef root_;
  uint64_t total_ = 0;
  bool aliases_ = false;
};

ReadResult failed(Failure f, std::string why, uint32_t at) {
  ReadResult r;
  r.failure = f;
  r.error = std::move(why);
  r.error_offset = at;
  return r;
}

// The first character YAML does not allow in a stream (a C0 or C1 control other than tab,
// line feed, carriage return and next line, or DEL), or npos. yaml-cpp would read on and
// turn some of them into bytes that are not UTF-8; a NUL near the start even makes it
// guess the text is UTF-16 or UTF-32.
size_t find_control(std::string_view t) {
  for (size_t i = 0; i < t.size(); ++i) {
    auto c = static_cast<unsigned char>(t[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < t.size()) {
      auto d = static_cast<unsigned char>(t[i + 1]);
      if (d >= 0x80 && d <= 0x9F && d != 0x85) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

ReadResult read_yaml(const std::string& text, const Limits& limits) {
  if (size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
    return failed(Failure::Syntax, "it is not UTF-8", static_cast<uint32_t>(bad));
  }
  if (size_t bad = find_control(text); bad != std::string::npos) {
    unsigned code = static_cast<unsigned char>(text[bad]);
    if (code == 0xC2) code = static_cast<unsigned char>(text[bad + 1]);
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", code);
    return failed(Failure::Syntax, std::string("the control character ") + name + ", which YAML does not allow",
                  static_cast<uint32_t>(bad));
  }
  CompatText compat = yaml_compat(text);
  auto at = [&](const YAML::Mark& m) {
    uint32_t o = m.pos < 0 ? 0 : compat.original(static_cast<uint32_t>(m.pos));
    return std::min<uint32_t>(o, static_cast<uint32_t>(text.size()));
  };
  Builder builder(limits, compat);
  try {
    std::istringstream in(compat.text);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const Stop& s) {
    ReadResult r = failed(s.failure, s.why, at(s.mark));
    r.through_aliases = builder.used_aliases();
    return r;
  } catch (const YAML::DeepRecursion& e) {
    return failed(Failure::TooDeep, "it nests too deeply", at(e.mark));
  } catch (const YAML::Exception& e) {
    return failed(Failure::Syntax, e.msg, at(e.mark));
  }
  ReadResult r;
  r.root = builder.root();
  if (!r.root) {  // an empty document
    auto n = std::make_shared<Node>();
    r.root = std::move(n);
  }
  return r;
}

}  // namespace infrac::data
