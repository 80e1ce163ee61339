#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace infrac {

ReadStatus read_file(const std::string& path, size_t limit, std::string& text, size_t& size, std::string& why) {
  // Opened without blocking (a FIFO put in place of the file cannot hang the open), then
  // inspected through the descriptor, so that what is checked is what is read.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return ReadStatus::NotFound;
    if (errno == EISDIR) return ReadStatus::IsDirectory;
    why = std::strerror(errno);
    return ReadStatus::Unreadable;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    why = std::strerror(errno);
    return ReadStatus::Unreadable;
  }
  if (S_ISDIR(st.st_mode)) return ReadStatus::IsDirectory;
  if (!S_ISREG(st.st_mode)) return ReadStatus::NotRegular;
  size = static_cast<size_t>(st.st_size);
  if (size > limit) return ReadStatus::TooLarge;
  // Read at most one byte past the limit: a file that grows while it is read (or that
  // reports a size of 0, as /proc does) is still bounded.
  text.clear();
  text.reserve(size);  // what fstat says: a file read as it is holds no spare capacity
  char buf[65536];
  while (text.size() <= limit) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = std::strerror(errno);
      return ReadStatus::Unreadable;
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  size = text.size();
  if (size > limit) return ReadStatus::TooLarge;
  return ReadStatus::Ok;
}

}  // namespace infrac
