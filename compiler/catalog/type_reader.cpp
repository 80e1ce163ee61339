// Reading a catalog line into a ResourceType: all of it but the shapes of the type's own
// properties and its definitions at find(), those when first asked for.
#include "catalog/type_reader.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catalog/line_reader.h"

namespace infrac::catalog {

namespace {

using detail::key_code;
using detail::kMaxDepth;
using detail::Malformed;
using detail::Reader;

// What a shape that could not be read stands for: anything.
const Shape& anything() {
  static const Shape any;
  return any;
}

class Builder {
 public:
  Builder(ResourceType& rt, Reader& in, LazyShapes& lazy) : rt_(rt), in_(&in), lazy_(lazy) {}

  // The type's line: all of it but its properties' shapes and its definitions, whose
  // text is kept (in `lazy_`) to be read when first asked for.
  void record(std::string_view expected_name) {
    in_->expect('{');
    bool named = false;
    in_->object_members([&](std::string_view key) {
      if (key == "t") {
        rt_.name = in_->string();
        if (rt_.name != expected_name) throw Malformed("type name mismatch");
        named = true;
      } else if (key == "d") {
        in_->object([&](std::string_view def) {
          LazyShapes::Definition& d = definition(def);
          if (d.has_text) throw Malformed("definition repeated");
          d.text = value_span();
          d.has_text = true;
        });
      } else if (key == "a") {
        for (std::string& n : in_->string_list()) rt_.attributes.emplace_back(std::move(n), &rt_, true);
      } else if (key == "ax") {
        for (std::string& n : in_->string_list()) rt_.attributes.emplace_back(std::move(n), &rt_, false);
      } else if (key == "ap") {
        rt_.attribute_prefixes = in_->string_list();
      } else if (key == "co") {
        rt_.create_only = in_->string_list();
      } else if (key == "pi") {
        rt_.primary_identifier = in_->string_list();
      } else if (key == "rr") {
        rt_.ref_formats = in_->string_list();
      } else if (key == "rn") {
        rt_.ref_unchecked = in_->boolean_like();
      } else if (key == "rrc") {
        rt_.ref_never_arn = in_->boolean_like();
      } else if (key == "ra") {
        in_->object([&](std::string_view attr) { returned_.emplace(std::string(attr), in_->string_list()); });
      } else if (key == "sam") {
        rt_.sam = in_->boolean_like();
      } else if (key == "cp") {
        rt_.creation_policy = shape(1);
      } else if (key == "up") {
        rt_.update_policy = shape(1);
      } else if (key == "ru") {
        for (std::string& n : in_->string_list()) unchecked_.insert(std::move(n));
      } else {
        shape_member(rt_, key, 0);
      }
    });
    if (!in_->at_end()) throw Malformed("trailing text");
    if (!named) throw Malformed("no type name");
    resolve_definitions();
    rt_.kinds = kObject;
    auto by_name = [](const Attribute& x, const Attribute& y) { return x.name < y.name; };
    std::stable_sort(rt_.attributes.begin(), rt_.attributes.end(), by_name);
    rt_.attributes.erase(std::unique(rt_.attributes.begin(), rt_.attributes.end(),
                                     [](const Attribute& x, const Attribute& y) { return x.name == y.name; }),
                         rt_.attributes.end());
    for (Attribute& a : rt_.attributes) {
      auto f = returned_.find(a.name);
      if (f != returned_.end()) a.formats = f->second;
      a.unchecked = unchecked_.count("*") > 0 || unchecked_.count(a.name) > 0;
    }
  }

  // Every definition, named or not (ResourceType::complete).
  void read_all_definitions() {
    for (auto& entry : lazy_.definitions) named(entry.first);
    resolve_definitions();
  }

  // A shape and the definitions it names.
  const Shape* shape_with_definitions(int depth) {
    const Shape* s = shape(depth);
    if (!in_->at_end()) throw Malformed("trailing text");
    resolve_definitions();
    return s;
  }

 private:
  Shape* alloc() { return &rt_.arena.emplace_back(); }

  LazyShapes::Definition& definition(std::string_view name) {
    auto found = lazy_.definitions.find(name);
    if (found == lazy_.definitions.end()) found = lazy_.definitions.emplace(std::string(name), LazyShapes::Definition{}).first;
    return found->second;
  }

  // A definition's shape, by name: made empty when first named and filled in by
  // resolve_definitions(), so that definitions can refer to themselves and each other,
  // and a shape read before the line's "d" (a policy's, at "cp") can name them too.
  Shape* named(std::string_view name) {
    LazyShapes::Definition& d = definition(name);
    if (d.shape == nullptr) {
      d.shape = alloc();
      d.shape->name = std::string(name);
      unread_.push_back(&d);
    }
    return d.shape;
  }

  // Reads the definitions named since the last call (and those they name), each from
  // its own text in the line.
  void resolve_definitions() {
    Reader* outer = in_;
    while (!unread_.empty()) {
      LazyShapes::Definition* d = unread_.back();
      unread_.pop_back();
      if (!d->has_text) throw Malformed("unknown definition " + d->shape->name);
      Reader in(lazy_.text(d->text));
      in_ = &in;
      in.expect('{');
      in.object_members([&](std::string_view key) {
        if (key == "$") throw Malformed("definition is a bare reference");
        shape_member(*d->shape, key, 1);
      });
      if (!in.at_end()) throw Malformed("trailing text");
    }
    in_ = outer;
  }

  // Skips the object at the reader and returns where it was in the line. Only its
  // brackets and strings are checked here; the rest when it is read.
  LazyShapes::Span value_span() {
    in_->ws();
    const char* begin = in_->here();
    in_->skip_balanced();
    return lazy_.span(begin, in_->here());
  }

  const Shape* shape(int depth) {
    if (depth > kMaxDepth) throw Malformed("shape nesting too deep");
    in_->expect('{');
    if (in_->eat('}')) return alloc();
    // {"$": "Name"} refers to a definition of this type.
    std::string scratch;
    std::string_view key = in_->string_view(scratch);
    in_->expect(':');
    if (key == "$") {
      std::string name = in_->string();
      while (in_->eat(',')) {  // tolerate (ignore) anything beside "$"
        in_->string_view(scratch);
        in_->expect(':');
        in_->skip(depth);
      }
      in_->expect('}');
      return named(name);
    }
    Shape* s = alloc();
    std::string first(key);
    shape_member(*s, first, depth);
    if (in_->eat(',')) {
      in_->object_members([&](std::string_view k) { shape_member(*s, k, depth); });
    } else {
      in_->expect('}');
    }
    return s;
  }

  // An alternative: a list of names is a shape with only `required`.
  const Shape* alternative(int depth) {
    if (in_->peek() == '[') {
      Shape* s = alloc();
      s->required = in_->string_list();
      return s;
    }
    return shape(depth);
  }

  std::vector<const Shape*> alternatives(int depth) {
    std::vector<const Shape*> out;
    in_->array([&] { out.push_back(alternative(depth + 1)); });
    return out;
  }

  // [{"p": {name: [values]}, "rq": [names]}, [required names]]
  Conditional conditional(int depth) {
    Conditional c;
    in_->expect('[');
    in_->object([&](std::string_view key) {
      if (key == "p") {
        in_->object([&](std::string_view name) {
          std::vector<Scalar> values;
          in_->array([&] { values.push_back(in_->scalar(depth)); });
          c.values.emplace_back(std::string(name), std::move(values));
        });
      } else if (key == "rq") {
        c.present = in_->string_list();
      } else {
        in_->skip(depth);
      }
    });
    in_->expect(',');
    c.required = in_->string_list();
    in_->expect(']');
    return c;
  }

  std::vector<Dependency> dependencies() {
    std::vector<Dependency> out;
    in_->object([&](std::string_view name) { out.push_back({std::string(name), in_->string_list()}); });
    return out;
  }

  void shape_member(Shape& s, std::string_view key, int depth) {
    switch (key_code(key)) {
      case key_code("k"): {
        std::string scratch;
        for (char c : in_->string_view(scratch)) {
          switch (c) {
            case 's': s.kinds |= kString; break;
            case 'i': s.kinds |= kInteger; break;
            case 'n': s.kinds |= kNumber; break;
            case 'b': s.kinds |= kBoolean; break;
            case 'o': s.kinds |= kObject; break;
            case 'a': s.kinds |= kArray; break;
            case 'z': s.kinds |= kNull; break;
            default: throw Malformed("unknown kind letter");
          }
        }
        return;
      }
      case key_code("e"): return in_->array([&] { s.enum_values.push_back(in_->scalar(depth)); });
      case key_code("emn"): return void(s.exclusive_minimum = in_->number());
      case key_code("emx"): return void(s.exclusive_maximum = in_->number());
      case key_code("ci"): return void(s.enum_case_insensitive = in_->boolean_like());
      case key_code("pt"): return void(s.pattern = in_->string());
      case key_code("pd"): return void(s.pattern_description = in_->string());
      case key_code("pp"): {
        if (&s == &rt_) {
          // A type's own properties: only those a program sets are ever read.
          in_->object([&](std::string_view name) { s.properties.emplace_back(std::string(name), &lazy_, value_span()); });
        } else {
          in_->object([&](std::string_view name) { s.properties.emplace_back(std::string(name), shape(depth + 1)); });
        }
        auto by_name = [](const Property& a, const Property& b) { return a.name < b.name; };
        if (!std::is_sorted(s.properties.begin(), s.properties.end(), by_name))
          std::stable_sort(s.properties.begin(), s.properties.end(), by_name);
        return;
      }
      case key_code("nl"): return void(s.min_length = in_->count());
      case key_code("ni"): return void(s.min_items = in_->count());
      case key_code("np"): return void(s.min_properties = in_->count());
      case key_code("x"): return void(s.additional_properties = in_->boolean_like());
      case key_code("xl"): return void(s.max_length = in_->count());
      case key_code("xi"): return void(s.max_items = in_->count());
      case key_code("xp"): return void(s.max_properties = in_->count());
      case key_code("mn"): return void(s.minimum = in_->number());
      case key_code("mx"): return void(s.maximum = in_->number());
      case key_code("mo"): return void(s.multiple_of = in_->number());
      case key_code("sc"):
        in_->expect('[');
        s.small_up_to = in_->number();
        in_->expect(',');
        in_->array([&] { s.small_values.push_back(in_->number()); });
        in_->expect(',');
        s.large_step = in_->number();
        in_->expect(']');
        return;
      case key_code("mp"):
        return in_->array([&] {
          in_->expect('[');
          std::string pattern = in_->string();
          in_->expect(',');
          s.pattern_properties.push_back({std::move(pattern), shape(depth + 1)});
          in_->expect(']');
        });
      case key_code("f"): return void(s.formats = in_->string_list());
      case key_code("rf"):
        return in_->array([&] {
          in_->expect('[');
          Ref r;
          r.type_name = in_->string();
          in_->expect(',');
          r.property_path = in_->string();
          in_->expect(']');
          s.refs.push_back(std::move(r));
        });
      case key_code("rq"): return void(s.required = in_->string_list());
      case key_code("rx"): return void(s.required_xor = in_->string_list());
      case key_code("ror"): return void(s.required_or = in_->string_list());
      case key_code("it"): return void(s.items = shape(depth + 1));
      case key_code("u"): return void(s.unique_items = in_->boolean_like());
      case key_code("am"):
        s.additional_shape = shape(depth + 1);
        s.additional_properties = true;
        return;
      case key_code("a1"): return void(s.any_of = alternatives(depth));
      case key_code("all"): return void(s.all_of = alternatives(depth));
      case key_code("o1"): return void(s.one_of = alternatives(depth));
      case key_code("fa"): return void(s.formats_alternative = in_->boolean_like());
      case key_code("cr"): return in_->array([&] { s.conditionals.push_back(conditional(depth)); });
      case key_code("dr"): return void(s.dependent_required = dependencies());
      case key_code("dx"): return void(s.dependent_excluded = dependencies());
      default: return in_->skip(depth);  // unknown key: newer data, older reader
    }
  }

  ResourceType& rt_;
  Reader* in_;
  LazyShapes& lazy_;
  std::vector<LazyShapes::Definition*> unread_;  // named, not yet read
  std::unordered_map<std::string, std::vector<std::string>> returned_;  // "ra"
  std::unordered_set<std::string> unchecked_;                           // "ru"
};


// Follow a dotted path ("Endpoint.Address") through object properties.
const Shape* shape_at(const Shape& root, std::string_view dotted) {
  const Shape* cur = &root;
  while (cur) {
    auto dot = dotted.find('.');
    cur = cur->property(dotted.substr(0, dot));
    if (dot == std::string_view::npos) return cur;
    dotted.remove_prefix(dot + 1);
  }
  return nullptr;
}

}  // namespace

ResourceType::ResourceType() = default;
ResourceType::~ResourceType() = default;

const Shape* Property::read_shape() const { return lazy_->resolve(shape_, text_); }

const Shape* Attribute::unresolved() {
  static const Shape marker;
  return &marker;
}

const Shape* Attribute::shape() const {
  const Shape* s = shape_.load(std::memory_order_acquire);
  if (s != unresolved()) return s;
  s = shape_at(*owner_, name);  // two threads may both look: they find the same shape
  shape_.store(s, std::memory_order_release);
  return s;
}

bool ResourceType::complete() const {
  for (const Property& p : properties) p.shape();
  for (const Attribute& a : attributes) a.shape();
  return lazy == nullptr || lazy->complete();
}

const Shape* LazyShapes::resolve(std::atomic<const Shape*>& slot, Span text) {
  std::lock_guard<std::mutex> lock(mu_);
  if (const Shape* s = slot.load(std::memory_order_acquire)) return s;  // read while this waited
  const Shape* s = nullptr;
  try {
    Reader in(this->text(text));
    s = Builder(type_, in, *this).shape_with_definitions(1);
  } catch (const std::exception&) {  // Malformed, or out of memory
    malformed_ = true;
    s = &anything();
  }
  slot.store(s, std::memory_order_release);
  return s;
}

bool LazyShapes::complete() {
  std::lock_guard<std::mutex> lock(mu_);
  try {
    Reader none("");
    Builder(type_, none, *this).read_all_definitions();
  } catch (const std::exception&) {
    malformed_ = true;
  }
  return !malformed_;
}

namespace detail {

std::unique_ptr<ResourceType> read_type(std::string_view line, std::string_view expected_name) {
  try {
    auto rt = std::make_unique<ResourceType>();
    rt->lazy = std::make_unique<LazyShapes>(*rt, line);
    Reader in(line);
    Builder(*rt, in, *rt->lazy).record(expected_name);
    return rt;
  } catch (const std::exception&) {
    return nullptr;  // Malformed (or out of memory): the caller reports
  }
}

}  // namespace detail

}  // namespace infrac::catalog
