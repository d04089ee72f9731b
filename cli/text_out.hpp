// text_out.hpp — how text output reaches a terminal (docs/runtime.md "Text
// rules"). Every line of text output that carries user strings (tenant ids,
// notes, values, actors, refusal messages that echo input) is printed through
// put_line / out_line / err_line or built with TextLines: the whole line is
// passed through rt::escape_controls, so a newline, carriage return, ESC or
// other control character inside a user string can neither start a new line
// nor drive the terminal. JSON output is dumped with json_text: exact JSON
// escapes, and any invalid UTF-8 (which the store never holds, but an older
// database may) becomes U+FFFD instead of an exception.
#pragma once

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

namespace pb::cli {

// `s` made safe for a terminal, as one line (rt::escape_controls).
std::string shown(std::string_view s);

// Prints `line`, escaped, and a newline on `to`.
void put_line(std::FILE* to, std::string_view line);

template <typename... A>
void out_line(fmt::format_string<A...> f, A&&... a) {
  put_line(stdout, fmt::format(f, std::forward<A>(a)...));
}

template <typename... A>
void err_line(fmt::format_string<A...> f, A&&... a) {
  put_line(stderr, fmt::format(f, std::forward<A>(a)...));
}

// A text block built line by line, each line escaped.
class TextLines {
 public:
  template <typename... A>
  void add(fmt::format_string<A...> f, A&&... a) {
    add_line(fmt::format(f, std::forward<A>(a)...));
  }
  void add_line(std::string_view line);
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

// JSON for output, indented by `indent`; invalid UTF-8 becomes U+FFFD.
std::string json_text(const nlohmann::json& j, int indent = 2);

// Every command-line argument must be valid UTF-8 (what enters the store is,
// and a name that is not cannot match one that is). False, with a message
// naming the argument and the byte offset, when one is not.
bool arguments_are_utf8(int argc, char** argv);

}  // namespace pb::cli
