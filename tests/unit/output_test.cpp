// Writing templates with -o: regular files replaced atomically with their permissions,
// links followed, FIFOs and devices written through, directories refused.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "driver/output.h"

namespace fs = std::filesystem;
using infrac::driver::write_file;
using infrac::driver::write_output;
using infrac::driver::write_outputs;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "infrac-output-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  // The names in the directory: what was written, and any temporary file left behind.
  std::set<std::string> names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(path)) out.insert(e.path().filename().string());
    return out;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void put(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct stat stat_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st;
}

struct stat lstat_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st;
}

mode_t mode_of(const std::string& path) { return stat_of(path).st_mode & 07777; }

std::string link_of(const std::string& path) {
  char buf[4096];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf);
  REQUIRE(n >= 0);
  return std::string(buf, static_cast<size_t>(n));
}

// Sets the umask for the scope of a test.
struct Umask {
  mode_t old;
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
};

// Reads FIFO `path` on a thread. The read end is opened here, without blocking, so that
// the writer's open succeeds at once; the thread reads until the writer closes, or with
// `close_early` closes after the first bytes. A deadline guards against a hang only.
class FifoReader {
 public:
  FifoReader(const std::string& path, bool close_early) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(fd_ >= 0);
    thread_ = std::thread([this, close_early] { run(close_early); });
  }
  ~FifoReader() {
    if (thread_.joinable()) thread_.join();
  }
  std::string finish() {
    thread_.join();
    return data_;
  }

 private:
  void run(bool close_early) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    char buf[65536];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n > 0) {
        data_.append(buf, static_cast<size_t>(n));
        if (close_early) break;
      } else if (n == 0) {
        break;  // the writer closed it (poll reports a hang-up only once a writer came)
      } else if (errno != EAGAIN && errno != EINTR) {
        break;
      }
    }
    ::close(fd_);
  }
  int fd_ = -1;
  std::thread thread_;
  std::string data_;
};

// Device nodes can be made only by root. Without root the test is skipped, except in CI,
// where it must run.
bool can_make_devices(const TempDir& d) {
  std::string probe = d / "probe";
  bool ok = ::geteuid() == 0 && ::mknod(probe.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
  ::unlink(probe.c_str());
  if (!ok && std::getenv("CI") != nullptr) FAIL("making device nodes needs root, and CI must run this test");
  if (!ok) WARN("skipped: making device nodes needs root");
  return ok;
}

const std::string kText = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n";

}  // namespace

TEST_CASE("a new file gets 0666 less the umask", "[output]") {
  TempDir d;
  std::string error;
  {
    Umask u(027);
    REQUIRE(write_file(d / "a.yaml", kText, error));
    CHECK(mode_of(d / "a.yaml") == 0640);
  }
  {
    Umask u(0);
    REQUIRE(write_file(d / "b.yaml", kText, error));
    CHECK(mode_of(d / "b.yaml") == 0666);
  }
  CHECK(slurp(d / "a.yaml") == kText);
  CHECK(d.names() == std::set<std::string>{"a.yaml", "b.yaml"});
}

TEST_CASE("an existing file is replaced atomically and keeps its permissions", "[output]") {
  TempDir d;
  std::string path = d / "t.yaml";
  put(path, "old template\n");
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  // A reader that has the old file open goes on reading the old file: it was replaced,
  // not rewritten in place.
  int old_fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(old_fd >= 0);
  Umask u(022);
  std::string error;
  REQUIRE(write_file(path, kText, error));
  CHECK(slurp(path) == kText);
  CHECK(mode_of(path) == 0600);
  char buf[64] = {};
  ssize_t n = ::read(old_fd, buf, sizeof buf - 1);
  ::close(old_fd);
  CHECK(std::string(buf, n > 0 ? static_cast<size_t>(n) : 0) == "old template\n");
  CHECK(d.names() == std::set<std::string>{"t.yaml"});

  REQUIRE(::chmod(path.c_str(), 0751) == 0);
  REQUIRE(write_file(path, "again\n", error));
  CHECK(mode_of(path) == 0751);
}

TEST_CASE("an existing file keeps its owner and group when root writes it", "[output]") {
  if (::geteuid() != 0) {
    WARN("skipped: only root can give a file to another user");
    return;
  }
  TempDir d;
  std::string path = d / "t.yaml";
  put(path, "old\n");
  REQUIRE(::chown(path.c_str(), 4321, 4322) == 0);
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  std::string error;
  REQUIRE(write_file(path, kText, error));
  struct stat st = stat_of(path);
  CHECK(st.st_uid == 4321u);
  CHECK(st.st_gid == 4322u);
  CHECK((st.st_mode & 07777) == 0640);
}

TEST_CASE("a FIFO is written through, not replaced", "[output]") {
  TempDir d;
  std::string fifo = d / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // More than a pipe holds, so that the reader must take part while it is written.
  std::string big;
  while (big.size() < 300000) big += kText;
  FifoReader reader(fifo, false);
  std::string error;
  CHECK(write_file(fifo, big, error));
  CHECK(error.empty());
  CHECK(reader.finish() == big);
  CHECK(S_ISFIFO(lstat_of(fifo).st_mode));
  CHECK(d.names() == std::set<std::string>{"pipe"});
}

TEST_CASE("a link to a FIFO writes into the FIFO; the link stays", "[output]") {
  TempDir d;
  std::string fifo = d / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  REQUIRE(::symlink("pipe", (d / "link").c_str()) == 0);
  FifoReader reader(fifo, false);
  std::string error;
  CHECK(write_file(d / "link", kText, error));
  CHECK(reader.finish() == kText);
  CHECK(S_ISLNK(lstat_of(d / "link").st_mode));
  CHECK(S_ISFIFO(lstat_of(fifo).st_mode));
  CHECK(d.names() == std::set<std::string>{"link", "pipe"});
}

TEST_CASE("a link that leads to no path, as /dev/stdout to a pipe does, is written through", "[output]") {
  // /proc/self/fd/N of a pipe reads as `pipe:[inode]`, which names no file: only the
  // kernel can follow it.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string error;
  bool ok = write_file("/proc/self/fd/" + std::to_string(fds[1]), kText, error);
  ::close(fds[1]);
  std::string got;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  CHECK(ok);
  CHECK(error.empty());
  CHECK(got == kText);
}

TEST_CASE("a FIFO whose reader goes away is an error, not a SIGPIPE", "[output]") {
  TempDir d;
  std::string fifo = d / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string big(1 << 20, 'x');  // far more than the pipe holds before the reader leaves
  FifoReader reader(fifo, true);
  infrac::diag::Engine diags;
  CHECK_FALSE(write_output(fifo, big, diags));
  CHECK_FALSE(reader.finish().empty());
  REQUIRE(diags.diagnostics().size() == 1);
  CHECK(diags.diagnostics()[0].code() == "E0107");
  CHECK(diags.diagnostics()[0].message == "cannot write `" + fifo + "`: " + std::strerror(EPIPE));
  CHECK(S_ISFIFO(lstat_of(fifo).st_mode));
}

TEST_CASE("character devices are written through and stay devices", "[output]") {
  TempDir d;
  if (!can_make_devices(d)) return;
  std::string null_dev = d / "null", full_dev = d / "full";
  REQUIRE(::mknod(null_dev.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  REQUIRE(::mknod(full_dev.c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0);
  const mode_t made = lstat_of(null_dev).st_mode & 07777;  // 0666 less the umask

  std::string error;
  CHECK(write_file(null_dev, kText, error));
  CHECK(error.empty());

  infrac::diag::Engine diags;
  CHECK_FALSE(write_output(full_dev, kText, diags));
  REQUIRE(diags.diagnostics().size() == 1);
  CHECK(diags.diagnostics()[0].code() == "E0107");
  CHECK(diags.diagnostics()[0].message == "cannot write `" + full_dev + "`: " + std::strerror(ENOSPC));

  for (const auto& [path, dev_minor] : {std::pair{null_dev, 3u}, std::pair{full_dev, 7u}}) {
    struct stat st = lstat_of(path);
    CHECK(S_ISCHR(st.st_mode));
    CHECK(major(st.st_rdev) == 1u);
    CHECK(minor(st.st_rdev) == dev_minor);
    CHECK((st.st_mode & 07777) == made);
  }
  CHECK(d.names() == std::set<std::string>{"full", "null"});
}

TEST_CASE("a symbolic link is followed; the file at its end is replaced, the link stays", "[output]") {
  TempDir d;
  fs::create_directories(d.path / "a");
  fs::create_directories(d.path / "b");
  std::string target = d / "b/t.yaml";
  put(target, "old\n");
  REQUIRE(::chmod(target.c_str(), 0640) == 0);
  std::string error;

  SECTION("absolute") {
    REQUIRE(::symlink(target.c_str(), (d / "link").c_str()) == 0);
    REQUIRE(write_file(d / "link", kText, error));
    CHECK(link_of(d / "link") == target);
  }
  SECTION("relative, from the folder that holds the link") {
    REQUIRE(::symlink("../b/t.yaml", (d / "a/link").c_str()) == 0);
    REQUIRE(write_file(d / "a/link", kText, error));
    CHECK(link_of(d / "a/link") == "../b/t.yaml");
    CHECK(fs::directory_iterator(d.path / "a")->path().filename() == "link");
  }
  SECTION("a chain of links, each relative to its own folder") {
    REQUIRE(::symlink("t.yaml", (d / "b/second").c_str()) == 0);
    REQUIRE(::symlink("../b/second", (d / "a/first").c_str()) == 0);
    REQUIRE(write_file(d / "a/first", kText, error));
    CHECK(link_of(d / "a/first") == "../b/second");
    CHECK(link_of(d / "b/second") == "t.yaml");
  }
  CHECK(error.empty());
  CHECK(slurp(target) == kText);
  CHECK(S_ISREG(lstat_of(target).st_mode));
  CHECK(mode_of(target) == 0640);
  // Nothing was left beside the target.
  for (const auto& e : fs::directory_iterator(d.path / "b")) {
    std::string name = e.path().filename().string();
    CHECK((name == "t.yaml" || name == "second"));
  }
}

TEST_CASE("a dangling link makes its target", "[output]") {
  TempDir d;
  Umask u(022);
  REQUIRE(::symlink("made.yaml", (d / "link").c_str()) == 0);
  std::string error;
  REQUIRE(write_file(d / "link", kText, error));
  CHECK(S_ISLNK(lstat_of(d / "link").st_mode));
  CHECK(slurp(d / "made.yaml") == kText);
  CHECK(mode_of(d / "made.yaml") == 0644);
  CHECK(d.names() == std::set<std::string>{"link", "made.yaml"});
}

TEST_CASE("a link whose target cannot be made says where it leads", "[output]") {
  TempDir d;
  REQUIRE(::symlink("missing/t.yaml", (d / "link").c_str()) == 0);
  std::string error;
  CHECK_FALSE(write_file(d / "link", kText, error));
  CHECK(error == std::string(std::strerror(ENOENT)) + " (the link leads to `" + (d / "missing/t.yaml") + "`)");
  CHECK(d.names() == std::set<std::string>{"link"});
}

TEST_CASE("a loop of links is an error", "[output]") {
  TempDir d;
  REQUIRE(::symlink("two", (d / "one").c_str()) == 0);
  REQUIRE(::symlink("one", (d / "two").c_str()) == 0);
  std::string error;
  CHECK_FALSE(write_file(d / "one", kText, error));
  CHECK(error == std::strerror(ELOOP));
  CHECK(d.names() == std::set<std::string>{"one", "two"});
}

TEST_CASE("a directory is an E0107 error that says so", "[output]") {
  TempDir d;
  fs::create_directories(d.path / "out");
  infrac::diag::Engine diags;
  CHECK_FALSE(write_output(d / "out", kText, diags));
  REQUIRE(diags.diagnostics().size() == 1);
  const auto& diag = diags.diagnostics()[0];
  CHECK(diag.code() == "E0107");
  CHECK(diag.message == "cannot write `" + (d / "out") + "`: it is a directory");
  REQUIRE(diag.helps.size() == 1);
  CHECK(diag.helps[0] == "name a file, such as `" + (d / "out/template.yaml") + "`");
  CHECK(fs::is_empty(d.path / "out"));
  CHECK(d.names() == std::set<std::string>{"out"});
}

TEST_CASE("a socket is an error that says so", "[output]") {
  TempDir d;
  std::string path = d / "sock";
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string error;
  CHECK_FALSE(write_file(path, kText, error));
  ::close(s);
  CHECK(error == "it is a socket");
  CHECK(S_ISSOCK(lstat_of(path).st_mode));
  CHECK(d.names() == std::set<std::string>{"sock"});
}

TEST_CASE("a file name too long for a temporary suffix is still written", "[output]") {
  TempDir d;
  std::string name(250, 'n');
  std::string error;
  REQUIRE(write_file(d / name, kText, error));
  CHECK(slurp(d / name) == kText);
  CHECK(d.names() == std::set<std::string>{name});
}

TEST_CASE("nested stacks: each file in the directory is written as -o FILE would be", "[output]") {
  TempDir d;
  std::string dir = d / "out";
  fs::create_directories(dir);
  put(dir + "/main.yaml", "old\n");
  REQUIRE(::chmod((dir + "/main.yaml").c_str(), 0600) == 0);
  put(d / "elsewhere.yaml", "old\n");
  REQUIRE(::symlink("../elsewhere.yaml", (dir + "/Net.yaml").c_str()) == 0);
  REQUIRE(::mkfifo((dir + "/Web.yaml").c_str(), 0600) == 0);
  FifoReader reader(dir + "/Web.yaml", false);
  infrac::diag::Engine diags;
  bool ok = write_outputs(dir, {{"main.yaml", "parent\n"}, {"Net.yaml", "net\n"}, {"Web.yaml", "web\n"}}, diags);
  CHECK(reader.finish() == "web\n");
  REQUIRE(ok);
  CHECK(diags.diagnostics().empty());
  CHECK(slurp(dir + "/main.yaml") == "parent\n");
  CHECK(mode_of(dir + "/main.yaml") == 0600);
  CHECK(link_of(dir + "/Net.yaml") == "../elsewhere.yaml");
  CHECK(slurp(d / "elsewhere.yaml") == "net\n");
  CHECK(S_ISFIFO(lstat_of(dir + "/Web.yaml").st_mode));
  CHECK(d.names() == std::set<std::string>{"out", "elsewhere.yaml"});
}

TEST_CASE("nested stacks: one file that cannot be written leaves every file as it was", "[output]") {
  TempDir d;
  std::string dir = d / "out";
  fs::create_directories(dir + "/Net.yaml");  // a directory where a template should go
  put(dir + "/main.yaml", "old\n");
  infrac::diag::Engine diags;
  CHECK_FALSE(write_outputs(dir, {{"main.yaml", "parent\n"}, {"Net.yaml", "net\n"}, {"Web.yaml", "web\n"}}, diags));
  REQUIRE(diags.diagnostics().size() == 1);
  CHECK(diags.diagnostics()[0].message == "cannot write `" + dir + "/Net.yaml`: it is a directory");
  CHECK(slurp(dir + "/main.yaml") == "old\n");
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"main.yaml", "Net.yaml"});
}

TEST_CASE("nested stacks: -o naming a file is an error", "[output]") {
  TempDir d;
  put(d / "out", "a file\n");
  infrac::diag::Engine diags;
  CHECK_FALSE(write_outputs(d / "out", {{"main.yaml", "parent\n"}}, diags));
  REQUIRE(diags.diagnostics().size() == 1);
  CHECK(diags.diagnostics()[0].message == "cannot write `" + (d / "out") + "`: it is not a directory");
  CHECK(slurp(d / "out") == "a file\n");
}
