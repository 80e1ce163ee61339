// The base protocol of the Language Server Protocol: messages framed by a
// `Content-Length` header, read from and written to file descriptors (stdin and stdout
// for `infrac lsp`). Bounded: a header block or a body larger than the limits below is
// refused rather than buffered, so a broken or hostile client cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>

namespace infrac::lsp {

// The largest message body accepted: a document at the compiler's own limit for a source
// file (8 MB), escaped as JSON, with room to spare.
inline constexpr size_t kMaxMessageBytes = 64u << 20;
inline constexpr size_t kMaxHeaderBytes = 8u << 10;

enum class ReadStatus { Ok, End, Malformed };

class Transport {
 public:
  Transport(int in_fd, int out_fd) : in_(in_fd), out_(out_fd) {}

  // Reads the next message's body. End: the input closed (between messages). Malformed:
  // a header block without a valid Content-Length, a body over kMaxMessageBytes, or input
  // that ended inside a message; `why` says which. After Malformed the stream cannot be
  // resynchronised and the server stops.
  ReadStatus read(std::string& body, std::string& why);
  // Whether input is waiting (a message, or part of one) within `timeout_ms`.
  bool input_pending(int timeout_ms);
  // Writes one message; false when the output is closed.
  bool write(const std::string& body);

 private:
  bool fill();  // reads more input into buf_; false at end of input or on error
  int in_, out_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
};

}  // namespace infrac::lsp
