// cli_process.hpp — runs the `playbook` binary (PB_BINARY) as a child
// process with a chosen environment and, where a test needs it, as an
// unprivileged user (uid/gid 65534 "nobody", when the test runs as root,
// which ignores file permissions) or with a file-size limit (RLIMIT_FSIZE,
// SIGXFSZ ignored: a write past the limit fails with EFBIG, as on a full
// disk). Foreground runs capture stdout and stderr together; background runs
// write them to a file. Test-only.
#pragma once

#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>

extern char** environ;

namespace pbt {

struct Launch {
  std::vector<std::string> args;  // after the program name
  std::vector<std::string> env;   // NAME=VALUE added to the environment (minus any PLAYBOOK_*)
  bool unprivileged = false;      // as uid/gid 65534 when running as root
  long long max_file_bytes = -1;  // RLIMIT_FSIZE when >= 0
};

struct ProcResult {
  int rc = -1;  // the exit code; 128+N when killed by signal N
  std::string out;
};

inline bool running_as_root() { return ::geteuid() == 0; }

// In the child: the limits and identity of `l`, then exec. Never returns.
[[noreturn]] inline void exec_playbook(const Launch& l, int out_fd) {
  ::dup2(out_fd, 1);
  ::dup2(out_fd, 2);
  if (out_fd > 2) ::close(out_fd);
  if (l.max_file_bytes >= 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // an ignored disposition survives exec
    rlimit r{rlim_t(l.max_file_bytes), rlim_t(l.max_file_bytes)};
    ::setrlimit(RLIMIT_FSIZE, &r);
  }
  if (l.unprivileged && running_as_root() &&
      (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0))
    ::_exit(126);
  std::vector<std::string> args = {"playbook"}, env;
  args.insert(args.end(), l.args.begin(), l.args.end());
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("PLAYBOOK_")) env.emplace_back(*e);
  env.insert(env.end(), l.env.begin(), l.env.end());
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  ::execve(PB_BINARY, argv.data(), envp.data());
  ::_exit(127);
}

inline int exit_code(int status) {
  return WIFEXITED(status)     ? WEXITSTATUS(status)
         : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                               : -1;
}

inline ProcResult run_process(const Launch& l) {
  int fds[2];
  ProcResult r;
  if (::pipe(fds) != 0) return r;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    exec_playbook(l, fds[1]);
  }
  ::close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) r.out.append(buf, size_t(n));
  ::close(fds[0]);
  int status = 0;
  if (pid > 0 && ::waitpid(pid, &status, 0) == pid) r.rc = exit_code(status);
  return r;
}

// Starts `l` in the background, output to `out_file`; its pid (-1 on failure).
inline pid_t start_process(const Launch& l, const std::string& out_file) {
  int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) exec_playbook(l, fd);
  ::close(fd);
  return pid;
}

}  // namespace pbt
