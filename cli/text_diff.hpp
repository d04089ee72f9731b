// text_diff.hpp — a unified diff of two texts, line by line (what
// `fmt --check` prints for a file that is not in canonical form).
//
// Contract: `--- OLD_NAME` / `+++ NEW_NAME` headers, then hunks
// `@@ -a,b +c,d @@` with three lines of context, as `diff -u` prints them,
// so `patch -p0` applies the output to OLD_NAME. A last line without a
// newline is marked `\ No newline at end of file`. Equal texts: "".
#pragma once

#include <string>

namespace pb::cli {

std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& old_name, const std::string& new_name);

}  // namespace pb::cli
