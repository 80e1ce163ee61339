// OutOfLine<T>: a part of a node that few nodes have, kept behind a pointer so that the
// nodes without it stay small. Reading gives an empty T when there is none (and makes
// none); the first write makes it. Copies are deep, so a node that holds one copies as a
// plain value would; a node that is move-only stays so through its other members.
#pragma once

#include <memory>

namespace infrac {

template <class T>
class OutOfLine {
 public:
  OutOfLine() = default;
  OutOfLine(const OutOfLine& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  OutOfLine& operator=(const OutOfLine& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  OutOfLine(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(OutOfLine&&) noexcept = default;

  // The part, or an empty one shared by all nodes without it.
  const T& get() const { return p_ ? *p_ : empty(); }
  // The part, made on first use.
  T& make() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }
  bool has() const { return p_ != nullptr; }

 private:
  static const T& empty() {
    static const T none;
    return none;
  }
  std::unique_ptr<T> p_;
};

}  // namespace infrac
