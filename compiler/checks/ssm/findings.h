// A failure the SSM reachability proof found, before it is reported: the same failure
// found for several services or instances is merged into one diagnostic.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "ir/template.h"

namespace infrac::checks {

struct NoteAt {
  const ir::Resource* at = nullptr;  // nullptr: a note without a place
  std::string text;
};

struct Finding {
  Finding(diag::Kind k, const ir::Resource* s) : kind(k), subject(s) {}

  diag::Kind kind;
  const ir::Resource* subject = nullptr;  // where the diagnostic points: what to fix
  std::vector<std::string> services;      // message argument {1} when not empty
  std::vector<std::string> extra;         // the arguments after it
  std::vector<NoteAt> notes;
  std::string help;
  bool about_network = true;  // add the note on why the instance needs the endpoints
  std::vector<const ir::Resource*> instances;
};

// Adds `f` to `list`, merging it into an equal finding: one that differs only in its
// services (`merge_services`) or only in its instances (otherwise).
void add_finding(std::vector<Finding>& list, Finding f, bool merge_services);

// "instance `a`", "instances `a` and `b`".
std::string instances_phrase(const std::vector<const ir::Resource*>& instances);

}  // namespace infrac::checks
