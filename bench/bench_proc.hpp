// bench_proc.hpp — child processes for the benchmarks that time whole
// programs: spawn one (stdout captured or thrown away), its wall time, its
// exit status and its peak resident set as the kernel reports it to the
// parent (wait4's ru_maxrss), and this process's own peak (VmHWM).
//
// On peak memory: a spawned child's ru_maxrss starts at the RSS its parent
// had when it spawned it (the kernel keeps the high-water mark of the image
// replaced by exec), while VmHWM belongs to the new image only. A child that
// measures itself prints peak_mb(); a foreign program (the `playbook`
// binary) is measured by ru_maxrss from a parent whose own peak is small and
// printed beside it (the floor of that figure). Also the scratch directory
// of a bench run, the options every such benchmark takes, and its main's
// error handling. Bench code, not product code.
#pragma once

#include <fcntl.h>
#include <linux/magic.h>
#include <spawn.h>
#include <sys/statfs.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "store_fixture.hpp"

extern char** environ;

namespace bench {

struct Proc {
  double secs = 0;
  std::string out;
  int exit = -1;         // the exit code (-1: killed by a signal)
  double maxrss_mb = 0;  // wait4's ru_maxrss (see above)
};

// This process image's peak resident set (VmHWM), in MB.
inline double peak_mb() {
  std::ifstream in("/proc/self/status");
  for (std::string l; std::getline(in, l);)
    if (l.rfind("VmHWM:", 0) == 0) return std::stod(l.substr(6)) / 1024.0;
  return 0;
}

// Runs argv (argv[0] a path) with stdout captured or sent to /dev/null; with
// `must_succeed`, throws unless it exits 0.
inline Proc spawn(const std::vector<std::string>& args, bool capture, bool must_succeed = true) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (capture)
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
  else
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&fa, fd[0]);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Proc p;
  pid_t pid;
  auto t0 = Clock::now();
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fd[1]);
  char buf[4096];
  for (ssize_t k; rc == 0 && (k = read(fd[0], buf, sizeof buf)) > 0;) p.out.append(buf, size_t(k));
  close(fd[0]);
  int status = 0;
  struct rusage ru {};
  bool waited = rc == 0 && wait4(pid, &status, 0, &ru) == pid;
  p.secs = since(t0);
  p.exit = waited && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  p.maxrss_mb = double(ru.ru_maxrss) / 1024.0;
  if (must_succeed && p.exit != 0)
    throw std::runtime_error(
        fmt::format("{} failed (status {}):\n{}", args[0], status, p.out.substr(0, 2000)));
  return p;
}

// A new scratch directory NAME.XXXXXX under `parent` (default $TMPDIR or
// /tmp); warns when it is on tmpfs, whose figures are not those of a disk.
inline std::filesystem::path scratch_dir(std::string parent, const std::string& name) {
  if (parent.empty()) parent = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  std::string tmpl = parent + "/" + name + ".XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a directory under " + parent);
  struct statfs sf;
  if (statfs(tmpl.c_str(), &sf) == 0 && sf.f_type == TMPFS_MAGIC)
    fmt::print("warning: {} is on tmpfs; the figures are not those of a disk\n", tmpl);
  return tmpl;
}

// The options of every benchmark that runs the `playbook` binary.
struct ProcOpts {
  std::string playbooks = "playbooks", dir, binary;
  bool keep = false;
};

inline void add_proc_options(CLI::App& app, ProcOpts& o,
                             const char* keep_help = "keep the scratch directory") {
  app.add_option("--playbooks", o.playbooks, "the playbook directory (default ./playbooks)");
  app.add_option("--dir", o.dir,
                 "where the scratch directory goes (default $TMPDIR or /tmp; not tmpfs)");
  app.add_option("--binary", o.binary,
                 "the playbook binary (default ../cli/playbook beside this program)");
  app.add_flag("--keep", o.keep, keep_help);
}

// Runs a benchmark's body; an exception is printed as "NAME: what", exit 1.
template <class Body>
int run_main(const char* name, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: {}\n", name, e.what());
    return 1;
  }
}

}  // namespace bench
