#include "cli/command_names.h"

#include <algorithm>
#include <string_view>

#include "diag/spell.h"

namespace infrac::cli {

std::optional<std::string> unknown_command(const std::string& word, const std::vector<std::string>& commands) {
  if (word.empty() || word[0] == '-') return std::nullopt;
  if (std::find(commands.begin(), commands.end(), word) != commands.end()) return std::nullopt;
  std::vector<std::string_view> names(commands.begin(), commands.end());
  std::string message = "unknown command `" + word + "`";
  if (auto near = diag::closest(word, names)) {
    message += "; did you mean `" + *near + "`?";
  } else {
    message += "; the commands are:";
    for (size_t i = 0; i < commands.size(); ++i) message += (i == 0 ? " " : ", ") + commands[i];
  }
  return message;
}

}  // namespace infrac::cli
