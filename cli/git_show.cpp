// git_show.cpp — `git show REV:./NAME` through popen (git_show.hpp).
#include "cli/git_show.hpp"

#include <cstdio>

namespace pb::cli {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

bool git_show(const std::filesystem::path& dir, const std::string& rev, const std::string& name,
              std::string& out) {
  std::string cmd =
      "git -C " + quoted(dir.string()) + " show " + quoted(rev + ":./" + name) + " 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out = "cannot run git", false;
  out.clear();
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  return ::pclose(p) == 0;
}

std::filesystem::path dir_of(const std::string& file) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

}  // namespace pb::cli
