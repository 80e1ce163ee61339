// Comprehensions, `[for x in xs : f(x) if c]` and `{ for k, v in m : k => v }`: computed at
// compile time over a list or an object whose shape is known then.
#include <map>

#include "sema/checker.h"

namespace infrac::sema {

namespace {

// The names a comprehension binds for one item: the item alone, or the index (or key)
// and the item.
void bind(std::vector<std::pair<std::string, Symbol>>& bindings, const ast::Expr& e, Val index, Val item) {
  auto var = [](Val v) {
    Symbol s;
    s.kind = Symbol::LoopVar;
    s.value = std::move(v);
    return s;
  };
  if (!e.rare().index_name.empty()) bindings.emplace_back(e.rare().index_name, var(std::move(index)));
  bindings.emplace_back(e.text, var(std::move(item)));
}

}  // namespace

Val Checker::eval_comprehension(const ast::Expr& e, Stage stage) {
  const bool object = e.kind == ast::ExprKind::ObjectFor;
  if (!e.rare().index_name.empty() && e.rare().index_name == e.text) {
    diags_.report(diag::Kind::DuplicateName, e.name_span, {e.text}).note(e.rare().index_span, "also the first name here");
    return Val::error();
  }
  Val coll;
  {
    Why why(*this, "the list of a `for`");
    coll = eval(*e.lhs, stage);
  }
  if (coll.is_error()) return coll;
  if (!coll.shape_known()) {
    std::string what = coll.kind == ValKind::ParamRef ? "the parameter `" + out_.params[coll.target].name + "`"
                                                      : describe(coll);
    auto b = diags_.report(diag::Kind::DeployTimeNotAllowed, e.lhs->span,
                           {"the list of a `for`", what + " is known only at deploy time"});
    if (coll.kind == ValKind::ParamRef) b.note(out_.params[coll.target].span, "declared here");
    return Val::error();
  }
  if (coll.kind != ValKind::List && coll.kind != ValKind::Object) {
    diags_.report(diag::Kind::TypeMismatch, e.lhs->span, {"a list or an object to loop over", describe(coll)});
    return Val::error();
  }
  // (index or key, item) for each item, in order.
  std::vector<std::pair<Val, Val>> items;
  if (coll.kind == ValKind::List) {
    for (size_t i = 0; i < coll.items.size(); ++i) {
      items.emplace_back(Val::num(static_cast<double>(i), std::to_string(i), coll.items[i].span), coll.items[i]);
    }
  } else {
    for (auto& [k, v] : coll.fields) {
      Val key = Val::str(k, v.span);
      // One name over an object is its key, as in a `for` loop.
      items.emplace_back(key, e.rare().index_name.empty() ? key : v);
    }
  }
  Val out;
  out.kind = object ? ValKind::Object : ValKind::List;
  out.span = e.span;
  std::map<std::string, Val, std::less<>> first_of;  // object: the index or key of the item that gave each key first
  ValueSize size;
  for (auto& [index, item] : items) {
    if (++comprehension_steps_ > kMaxComprehensionSteps) {
      if (!reported_too_many_steps_) {
        reported_too_many_steps_ = true;
        diags_.report(diag::Kind::TooManyInstances, e.span,
                      {std::to_string(kMaxComprehensionSteps), "iterations of comprehensions"})
            .note("comprehensions inside comprehensions multiply their iterations")
            .help("loop over fewer items, or compute less inside the loop");
      }
      return Val::error();
    }
    size_t mark = bindings_.size();
    bind(bindings_, e, index, item);
    struct Unbind {
      std::vector<std::pair<std::string, Symbol>>& b;
      size_t mark;
      ~Unbind() { b.resize(mark); }
    } unbind{bindings_, mark};
    if (e.rare().third) {
      Val keep;
      {
        Why why(*this, "the `if` of a `for`");
        keep = eval(*e.rare().third, Stage::CompileTime);
      }
      if (keep.is_error()) return keep;
      if (keep.kind != ValKind::Bool) {
        diags_.report(diag::Kind::TypeMismatch, e.rare().third->span, {"a bool", describe(keep)});
        return Val::error();
      }
      if (!keep.boolean) continue;
    }
    std::string key;
    if (object) {
      Val k;
      {
        Why why(*this, "the key of a `for` object");
        k = eval(*e.rare().key, Stage::CompileTime);
      }
      if (k.is_error()) return k;
      if (!to_string_piece(k, key)) {
        diags_.report(diag::Kind::TypeMismatch, e.rare().key->span, {"a string as the key", describe(k)});
        return Val::error();
      }
    }
    Val v = eval(*e.rhs, stage);
    if (v.is_error()) return v;
    if (v.kind == ValKind::Null && !object) {
      diags_.report(diag::Kind::TypeMismatch, e.rhs->span, {"a list item", "`null`"})
          .help("leave the item out with `if`; `null` only leaves out a property");
      return Val::error();
    }
    if (!add_size(size, v) || !add_size(size, Val::str(key, e.span))) {
      diags_.report(diag::Kind::ValueTooLarge, e.span, {std::to_string(kMaxValueNodes), std::to_string(kMaxValueBytes >> 20)})
          .help("build smaller values, or split the data across resources or stacks");
      return Val::error();
    }
    if (!object) {
      out.items.push_back(std::move(v));
      continue;
    }
    auto [it, fresh] = first_of.emplace(key, index);
    if (!fresh) {
      std::string a, b;
      to_string_piece(it->second, a);
      to_string_piece(index, b);
      diags_.report(diag::Kind::DuplicateKey, e.rare().key->span, {key})
          .label(coll.kind == ValKind::List ? "given by the items at " + a + " and " + b + " of the list"
                                            : "given by the entries `" + a + "` and `" + b + "`")
          .help("make the key differ between the items, or leave some out with `if`");
      return Val::error();
    }
    if (v.kind == ValKind::Null) continue;  // as in an object literal: the key is left out
    out.fields.emplace_back(std::move(key), std::move(v));
    out.key_spans.push_back(e.rare().key->span);
  }
  return out;
}

}  // namespace infrac::sema
