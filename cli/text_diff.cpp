// text_diff.cpp — unified_diff (text_diff.hpp) over the dtl library's
// shortest edit script and its unified hunks.
#include "text_diff.hpp"

#include <dtl/dtl.hpp>
#include <fmt/format.h>

#include <vector>

namespace pb::cli {

namespace {

// The lines of `text`. A last line without '\n' carries the marker line
// diff -u prints after it, so it never equals the same line with one.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      out.push_back(text.substr(start) + "\n\\ No newline at end of file");
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// "a,b" of a hunk header: one number when the range is one line long.
std::string range(long long start, long long count) {
  if (count == 1) return std::to_string(start);
  return fmt::format("{},{}", count == 0 ? start - 1 : start, count);
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after,
                         const std::string& old_name, const std::string& new_name) {
  if (before == after) return {};
  auto a = lines_of(before);
  auto b = lines_of(after);
  dtl::Diff<std::string> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  std::string out = fmt::format("--- {}\n+++ {}\n", old_name, new_name);
  for (const auto& h : diff.getUniHunks()) {
    out += fmt::format("@@ -{} +{} @@\n", range(h.a, h.b), range(h.c, h.d));
    auto put = [&](const auto& elems) {
      for (const auto& [line, info] : elems) {
        char mark = info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ';
        out += mark + line + "\n";
      }
    };
    put(h.common[0]);
    put(h.change);
    put(h.common[1]);
  }
  return out;
}

}  // namespace pb::cli
