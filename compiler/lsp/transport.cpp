#include "lsp/transport.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace infrac::lsp {

bool Transport::fill() {
  if (eof_) return false;
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  }
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(in_, chunk, sizeof chunk);
    if (n > 0) {
      buf_.append(chunk, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    eof_ = true;
    return false;
  }
}

bool Transport::input_pending(int timeout_ms) {
  if (pos_ < buf_.size()) return true;
  if (eof_) return false;
  pollfd p{in_, POLLIN, 0};
  int n = ::poll(&p, 1, timeout_ms);
  return n > 0;
}

ReadStatus Transport::read(std::string& body, std::string& why) {
  // The header block: lines ending in CR LF, then an empty line.
  size_t end;
  while ((end = buf_.find("\r\n\r\n", pos_)) == std::string::npos) {
    if (buf_.size() - pos_ > kMaxHeaderBytes) {
      why = "a header block longer than " + std::to_string(kMaxHeaderBytes) + " bytes";
      return ReadStatus::Malformed;
    }
    if (!fill()) {
      if (pos_ == buf_.size()) return ReadStatus::End;
      why = "the input ended inside a header block";
      return ReadStatus::Malformed;
    }
  }
  long long length = -1;
  size_t line = pos_;
  while (line < end) {
    size_t eol = buf_.find("\r\n", line);
    std::string header = buf_.substr(line, eol - line);
    line = eol + 2;
    size_t colon = header.find(':');
    if (colon == std::string::npos) continue;
    std::string name = header.substr(0, colon);
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (name != "content-length") continue;
    std::string value = header.substr(colon + 1);
    size_t i = value.find_first_not_of(' ');
    if (i == std::string::npos || value[i] < '0' || value[i] > '9') break;
    char* stop = nullptr;
    length = std::strtoll(value.c_str() + i, &stop, 10);
    if (*stop != '\0' && *stop != ' ') length = -1;
  }
  if (length < 0) {
    why = "a message without a valid Content-Length header";
    return ReadStatus::Malformed;
  }
  if (static_cast<unsigned long long>(length) > kMaxMessageBytes) {
    why = "a message of " + std::to_string(length) + " bytes, over the limit of " + std::to_string(kMaxMessageBytes);
    return ReadStatus::Malformed;
  }
  size_t start = end + 4;
  while (buf_.size() - start < static_cast<size_t>(length)) {
    if (!fill()) {
      why = "the input ended inside a message";
      return ReadStatus::Malformed;
    }
  }
  body.assign(buf_, start, static_cast<size_t>(length));
  pos_ = start + static_cast<size_t>(length);
  if (pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  } else if (pos_ > (1u << 20)) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  return ReadStatus::Ok;
}

bool Transport::write(const std::string& body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(out_, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace infrac::lsp
