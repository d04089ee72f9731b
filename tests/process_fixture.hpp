// process_fixture.hpp — runs the `playbook` binary (PB_BINARY) as a child
// process with an environment of its own (the parent's, with PLAYBOOK_DB,
// PLAYBOOK_DIR and PLAYBOOK_NOW replaced), stdout to a descriptor or
// /dev/null, stderr to /dev/null. For the tests that run several processes
// or kill one.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace pbt {

inline std::vector<std::string> playbook_env(const std::string& db, const std::string& dir,
                                             const std::string& now) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("PLAYBOOK_")) env.emplace_back(*e);
  env.push_back("PLAYBOOK_DB=" + db);
  env.push_back("PLAYBOOK_DIR=" + dir);
  env.push_back("PLAYBOOK_NOW=" + now);
  return env;
}

// Starts `playbook ARGS…`; its stdout goes to `out_fd` (-1: /dev/null).
// Returns the child's pid, -1 when it could not start.
inline pid_t spawn_playbook(std::vector<std::string> args, const std::vector<std::string>& env,
                            int out_fd = -1) {
  args.insert(args.begin(), "playbook");
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (out_fd >= 0)
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  else
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, PB_BINARY, &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

}  // namespace pbt
