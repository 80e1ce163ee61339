#include "plan/stack.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "data/tree.h"

extern char** environ;

namespace infrac::plan {

namespace {

// Reads `fd` to its end.
std::string drain(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return out;
    }
  }
}

// The last non-empty line of the CLI's error output: its message, without the usage text.
std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of("\n\r ");
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

Fetched fetch_stack_template(const std::string& stack, const std::string& endpoint_url) {
  Fetched f;
  std::vector<std::string> args{"aws", "cloudformation", "get-template", "--stack-name", stack,
                                "--template-stage", "Original", "--output", "json"};
  if (!endpoint_url.empty()) {
    args.push_back("--endpoint-url");
    args.push_back(endpoint_url);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2], err[2];
  if (::pipe(out) != 0 || ::pipe(err) != 0) {
    f.error = std::string("cannot start the AWS CLI: ") + std::strerror(errno);
    return f;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, err[0]);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "aws", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(out[0]);
    ::close(err[0]);
    f.error = rc == ENOENT ? "the AWS CLI (`aws`) is not installed, or not on PATH"
                           : std::string("cannot run the AWS CLI: ") + std::strerror(rc);
    return f;
  }
  // The template is small (CloudFormation takes 1 MB at most) and the CLI's error output
  // a few lines: reading one pipe to its end, then the other, cannot fill the second.
  std::string stdout_text = drain(out[0]);
  std::string stderr_text = drain(err[0]);
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string why = last_line(stderr_text);
    f.error = why.empty() ? "the AWS CLI failed (status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"
                          : "the AWS CLI says: " + why;
    return f;
  }
  // The CLI decodes a JSON template into the answer's structure, and gives a YAML one as a
  // string. Either is a template text for the reader: a mapping of JSON is YAML too.
  data::ReadResult answer = data::read_json(stdout_text);
  if (answer.root && answer.root->is_map()) {
    for (const auto& [k, v] : answer.root->entries) {
      if (k->text == "TemplateBody") f.tree = v;
    }
  }
  if (!f.tree) {
    f.error = "the AWS CLI's answer has no TemplateBody";
    return f;
  }
  if (f.tree->is_scalar()) {
    f.text = f.tree->text;
    f.tree = nullptr;
  }
  f.ok = true;
  return f;
}

}  // namespace infrac::plan
