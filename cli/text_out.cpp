// text_out.cpp — escaped text lines, JSON for output and the UTF-8 check of
// the command line (text_out.hpp).
#include "text_out.hpp"

#include "model/refusal_code.hpp"
#include "runtime/text.hpp"

namespace pb::cli {

std::string shown(std::string_view s) { return rt::escape_controls(s); }

void put_line(std::FILE* to, std::string_view line) {
  std::string s = shown(line);
  s += '\n';
  std::fwrite(s.data(), 1, s.size(), to);
}

void TextLines::add_line(std::string_view line) {
  text_ += shown(line);
  text_ += '\n';
}

std::string json_text(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool arguments_are_utf8(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto bad = rt::invalid_utf8_at(arg);  // control characters are the engine's to judge
    if (!bad) continue;
    err_line("error: argument '{}': byte offset {} is not valid UTF-8 [{}]", arg, *bad,
             to_string(RefusalCode::BadText));
    return false;
  }
  return true;
}

}  // namespace pb::cli
