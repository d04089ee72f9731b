// run_binary.hpp — runs the `playbook` binary (PB_BINARY) from a working
// directory and captures stdout, stderr and the exit code. For the golden and
// end-to-end tests only.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pbtest {

struct RunResult {
  std::string out;
  std::string err;
  int code = -1;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `PB_BINARY args` in `cwd`; `args` is already shell-quoted.
inline RunResult run_playbook(const std::filesystem::path& cwd, const std::string& args) {
  auto err_file =
      std::filesystem::temp_directory_path() / ("pb_err_" + std::to_string(::getpid()) + ".txt");
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && " + shell_quote(PB_BINARY) + " " +
                    args + " 2>" + shell_quote(err_file.string());
  RunResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err_file);
  std::filesystem::remove(err_file);
  return r;
}

}  // namespace pbtest
