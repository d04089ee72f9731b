// git_show.hpp — a file's text at a git revision, for the commands that
// compare with what was committed (`diff --git`, `lint --base`).
//
// Contract: runs `git -C DIR show REV:./NAME` (the shell quoting is ours);
// true with the text, or false with git's own message (or "cannot run
// git") in `out`. Nothing is cached.
#pragma once

#include <filesystem>
#include <string>

namespace pb::cli {

bool git_show(const std::filesystem::path& dir, const std::string& rev, const std::string& name,
              std::string& out);

// The directory a file name lies in ("." for a bare name).
std::filesystem::path dir_of(const std::string& file);

}  // namespace pb::cli
