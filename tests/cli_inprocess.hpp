// cli_inprocess.hpp — runs the `playbook` command line inside the test
// process (pb::cli::run), so whatever the test set up for SQLite (a fault
// VFS as the default) applies to it. stdout and stderr are captured
// together; an exception that escapes run() is reported in the output and
// as rc -1 (the binary would have died of it). Test-only.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "run_binary.hpp"

namespace pbt {

struct InProcess {
  int rc = -1;
  std::string out;
};

inline InProcess run_inprocess(std::vector<std::string> args) {
  auto capture =
      std::filesystem::temp_directory_path() / ("pb_inproc_" + std::to_string(::getpid()) + ".txt");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  int saved_out = ::dup(1), saved_err = ::dup(2);
  int fd = ::open(capture.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  ::close(fd);
  InProcess r;
  std::string escaped;
  try {
    r.rc = pb::cli::run(int(args.size()), argv.data());
  } catch (const std::exception& e) {
    escaped = std::string("\nuncaught exception: ") + e.what();
  } catch (...) {
    escaped = "\nuncaught exception";
  }
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  r.out = pbtest::slurp(capture) + escaped;
  std::filesystem::remove(capture);
  return r;
}

// `playbook --db DB --playbooks tests/data/run --now NOW --as fm1 ARGS…`, in-process.
inline InProcess run_inprocess_on(const std::string& db, const std::string& now,
                                  const std::vector<std::string>& args) {
  std::vector<std::string> all = {
      "playbook", "--db", db,     "--playbooks", PB_SOURCE_DIR "/tests/data/run",
      "--now",    now,    "--as", "fm1"};
  all.insert(all.end(), args.begin(), args.end());
  return run_inprocess(all);
}

}  // namespace pbt
