// What infrac says to a first argument that is not one of its commands: CLI11 alone says
// only that an argument was not expected, which does not tell a typo from a stray file.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace infrac::cli {

// The message for `word` when it looks like a command (does not start with `-`) and is
// none of `commands`: "unknown command `biuld`; did you mean `build`?". nullopt when
// `word` is a command or an option.
std::optional<std::string> unknown_command(const std::string& word, const std::vector<std::string>& commands);

}  // namespace infrac::cli
