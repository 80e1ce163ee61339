#include "base/files.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace infrac {

ReadStatus read_file(const std::string& path, size_t limit, std::string& text, size_t& size, std::string& why) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return ReadStatus::NotFound;
    why = std::strerror(errno);
    return ReadStatus::Unreadable;
  }
  if (S_ISDIR(st.st_mode)) return ReadStatus::IsDirectory;
  if (!S_ISREG(st.st_mode)) return ReadStatus::NotRegular;
  size = static_cast<size_t>(st.st_size);
  if (size > limit) return ReadStatus::TooLarge;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = std::strerror(errno);
    return ReadStatus::Unreadable;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  size = text.size();
  if (size > limit) return ReadStatus::TooLarge;  // a file that grew while being read
  return ReadStatus::Ok;
}

}  // namespace infrac
