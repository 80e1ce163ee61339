#include "driver/output.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace infrac::driver {

namespace {

std::string reason(int err) { return std::strerror(err); }

// What writing to a path means, once its symbolic links are followed.
struct Target {
  enum Kind { New, Regular, Stream } kind = New;  // Stream: a FIFO or a device, written through
  std::string path;  // the file to write: the path given, or where its links lead
  bool via_link = false;
  struct stat st {};  // of an existing file
};

constexpr int kMaxLinks = 40;  // as many as the kernel follows before ELOOP

bool read_link(const std::string& path, std::string& to, std::string& error) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) {
      error = reason(errno);
      return false;
    }
    if (static_cast<size_t>(n) < buf.size()) {
      to = buf.substr(0, static_cast<size_t>(n));
      return true;
    }
    buf.resize(buf.size() * 2);
  }
}

// Follows `path` through its symbolic links (a relative one from the folder that holds
// it) to the file at the end, which need not exist yet. Directories and sockets cannot
// be written.
bool resolve(const std::string& path, Target& t, std::string& error) {
  // A FIFO or a device is opened by the path given, as the kernel follows it. That also
  // covers links that lead to no path, such as /dev/stdout to /proc/self/fd/1 to a pipe.
  struct stat final;
  if (::stat(path.c_str(), &final) == 0 && !S_ISREG(final.st_mode) && !S_ISDIR(final.st_mode)) {
    if (S_ISSOCK(final.st_mode)) {
      error = "it is a socket";
      return false;
    }
    t.kind = Target::Stream;
    t.path = path;
    t.st = final;
    return true;
  }
  std::string p = path;
  for (int links = 0;; ++links) {
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0) {
      if (errno != ENOENT) {
        error = reason(errno);
        return false;
      }
      t.kind = Target::New;
      t.path = p;
      return true;
    }
    if (!S_ISLNK(st.st_mode)) {
      t.path = p;
      t.st = st;
      if (S_ISDIR(st.st_mode)) {
        error = "it is a directory";
        return false;
      }
      if (S_ISSOCK(st.st_mode)) {
        error = "it is a socket";
        return false;
      }
      t.kind = S_ISREG(st.st_mode) ? Target::Regular : Target::Stream;
      return true;
    }
    if (links == kMaxLinks) {
      error = reason(ELOOP);
      return false;
    }
    std::string to;
    if (!read_link(p, to, error)) return false;
    size_t slash = p.rfind('/');
    if ((to.empty() || to[0] != '/') && slash != std::string::npos) to = p.substr(0, slash + 1) + to;
    p = std::move(to);
    t.via_link = true;
  }
}

// `why` a write to `path` failed, saying where its links lead when that is elsewhere.
std::string explain(const std::string& path, const Target& t, std::string why) {
  if (t.via_link && !t.path.empty() && t.path != path) why += " (the link leads to `" + t.path + "`)";
  return why;
}

// Writes all of `text` to `fd`. A reader that goes away (a FIFO closed early) makes
// write() fail with EPIPE and also raises SIGPIPE, which would end infrac without a word:
// the signal is held back on this thread while writing, and one that the write raised is
// discarded, so that EPIPE is reported like any other failure.
bool write_all(int fd, const std::string& text, std::string& error) {
  sigset_t pipe_only, old, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  sigpending(&pending);
  bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  int err = 0;
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      err = errno;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (err == EPIPE && !was_pending) {
    const timespec now{0, 0};
    while (sigtimedwait(&pipe_only, nullptr, &now) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (err != 0) error = reason(err);
  return err == 0;
}

// Opens a FIFO or a device and writes `text` to it; nothing else is made or replaced.
bool write_through(const std::string& path, const std::string& text, std::string& error) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    error = reason(errno);
    return false;
  }
  struct stat st;
  bool ok = true;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    // It became a regular file after it was looked at: writing into it would leave the
    // old end of the file behind.
    error = "it was replaced by a regular file while being written";
    ok = false;
  }
  ok = ok && write_all(fd, text, error);
  if (::close(fd) != 0 && ok) {
    error = reason(errno);
    ok = false;
  }
  return ok;
}

// Makes a new, empty file beside `target` and opens it, named in `tmp`. O_EXCL opens
// nothing that exists (nor a link); `mode` is then reduced by the umask.
int make_temp(const std::string& target, mode_t mode, std::string& tmp, std::string& error) {
  static std::atomic<unsigned> serial{0};
  const char* const kSuffix = ".tmp.XXXXXX";
  std::filesystem::path t(target);
  // A name too long for a suffix gets a short one in the same folder.
  std::string stem = t.filename().string().size() + std::strlen(kSuffix) <= NAME_MAX
                         ? target
                         : (t.parent_path() / ".infrac").string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto ticks = static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count());
    unsigned long long salt = ticks ^ (static_cast<unsigned long long>(::getpid()) << 20) ^ (serial++ * 0x9E3779B1u);
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".tmp.%06llx", salt & 0xFFFFFFu);
    tmp = stem + suffix;
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd >= 0) return fd;
    if (errno != EEXIST && errno != EINTR) break;
  }
  error = reason(errno);
  tmp.clear();
  return -1;
}

// Writes `text` to a new temporary file beside `t.path`, named in `tmp`: with the owner and
// permissions of the file it replaces, or those of any new file. On failure removes it,
// clears `tmp` and says why in `error`.
bool write_temp(const Target& t, const std::string& text, std::string& tmp, std::string& error) {
  // A file being replaced starts private, so that nobody can open the temporary file who
  // could not read the old one.
  int fd = make_temp(t.path, t.kind == Target::Regular ? 0600 : 0666, tmp, error);
  if (fd < 0) return false;
  bool ok = true;
  if (t.kind == Target::Regular) {
    // The owner first: changing it clears set-user-ID bits, which the mode then restores.
    // Only root may give a file away; anyone may keep its group if they belong to it.
    if (::fchown(fd, t.st.st_uid, t.st.st_gid) != 0) (void)::fchown(fd, static_cast<uid_t>(-1), t.st.st_gid);
    if (::fchmod(fd, t.st.st_mode & 07777) != 0) {
      error = reason(errno);
      ok = false;
    }
  }
  ok = ok && write_all(fd, text, error);
  if (ok && ::fsync(fd) != 0) {
    error = reason(errno);
    ok = false;
  }
  if (::close(fd) != 0 && ok) {
    error = reason(errno);
    ok = false;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    tmp.clear();
  }
  return ok;
}

bool commit(const std::string& tmp, const Target& t, std::string& error) {
  if (::rename(tmp.c_str(), t.path.c_str()) == 0) return true;
  error = reason(errno);
  ::unlink(tmp.c_str());
  return false;
}

}  // namespace

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  Target t;
  bool ok = resolve(path, t, error);
  if (ok && t.kind == Target::Stream) {
    ok = write_through(t.path, text, error);
  } else if (ok) {
    std::string tmp;
    ok = write_temp(t, text, tmp, error) && commit(tmp, t, error);
  }
  if (!ok) error = explain(path, t, error);
  return ok;
}

bool write_output(const std::string& path, const std::string& text, diag::Engine& diags) {
  std::string error;
  if (write_file(path, text, error)) return true;
  diag::Builder b = diags.report(diag::Kind::OutputNotWritable, Span{}, {path, error});
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    b.help("name a file, such as `" + (std::filesystem::path(path) / "template.yaml").string() + "`");
  }
  return false;
}

bool write_outputs(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                   diag::Engine& diags) {
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& path, const std::string& why) {
    diags.report(diag::Kind::OutputNotWritable, Span{}, {path, why});
    return false;
  };
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) return fail(dir, "it is not a directory");
  fs::create_directories(dir, ec);
  if (ec) return fail(dir, ec.message());
  // Every target is looked at before anything is written, and every regular file goes to
  // a temporary name first; only when all are written are they renamed into place, so
  // that a failure leaves the directory as it was. FIFOs and devices cannot wait: they are
  // written just before the renames.
  std::vector<std::string> paths;
  std::vector<Target> targets(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    paths.push_back((fs::path(dir) / files[i].first).string());
    std::string why;
    if (!resolve(paths[i], targets[i], why)) return fail(paths[i], explain(paths[i], targets[i], why));
  }
  std::vector<std::string> temps(files.size());
  auto discard = [&](size_t from) {
    for (size_t i = from; i < temps.size(); ++i) {
      if (!temps[i].empty()) ::unlink(temps[i].c_str());
    }
  };
  for (size_t i = 0; i < files.size(); ++i) {
    std::string why;
    if (targets[i].kind != Target::Stream && !write_temp(targets[i], files[i].second, temps[i], why)) {
      discard(0);
      return fail(paths[i], explain(paths[i], targets[i], why));
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    std::string why;
    if (targets[i].kind == Target::Stream && !write_through(targets[i].path, files[i].second, why)) {
      discard(0);
      return fail(paths[i], explain(paths[i], targets[i], why));
    }
  }
  for (size_t i = 0; i < files.size(); ++i) {
    std::string why;
    if (temps[i].empty()) continue;
    if (!commit(temps[i], targets[i], why)) {
      discard(i + 1);
      return fail(paths[i], explain(paths[i], targets[i], why));
    }
  }
  return true;
}

}  // namespace infrac::driver
