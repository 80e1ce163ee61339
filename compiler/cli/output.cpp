#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "diag/diagnostic.h"

namespace infrac::cli {

bool write_atomically(const std::string& path, const std::string& text, std::string& error) {
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

int explain(const std::string& code) {
  const diag::KindInfo* k = diag::find_code(code);
  if (k == nullptr) {
    std::cerr << "infrac: `" << code << "` is not a diagnostic code; codes look like E0401 or W0101\n";
    return 2;
  }
  std::cout << k->code << " (" << k->name << "), " << (k->severity == diag::Severity::Error ? "error" : "warning")
            << "\n  " << k->message << "\n";
  return 0;
}

}  // namespace infrac::cli
