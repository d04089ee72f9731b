// yaml_source.cpp — line table and comment recovery for yaml_source.hpp.
#include "yaml_source.hpp"

#include <algorithm>

namespace pb::yaml {

Source::Source(std::string_view text) : text_(text) {
  starts_.push_back(text.starts_with("\xEF\xBB\xBF") ? 3 : 0);  // a byte-order mark
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
  for (uint32_t line = 1; line <= starts_.size(); ++line)
    if (kind(line) == Kind::Comment) unclaimed_.insert(line);
}

uint32_t Source::indent(uint32_t line) const {
  size_t p = starts_[line - 1];
  uint32_t col = 1;
  while (p < text_.size() && text_[p] == ' ') ++p, ++col;
  return col;
}

Source::Kind Source::kind(uint32_t line) const {
  size_t p = starts_[line - 1];
  while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t')) ++p;
  if (p >= text_.size() || text_[p] == '\n' || text_[p] == '\r') return Kind::Blank;
  return text_[p] == '#' ? Kind::Comment : Kind::Content;
}

std::string Source::comment_text(uint32_t line) const {
  size_t p = starts_[line - 1];
  size_t end = line < starts_.size() ? starts_[line] : text_.size();
  while (p < end && text_[p] != '#') ++p;
  ++p;  // '#'
  if (p < end && text_[p] == ' ') ++p;
  while (end > p && std::string_view("\n\r \t").find(text_[end - 1]) != std::string_view::npos)
    --end;
  return std::string(text_.substr(p, end > p ? end - p : 0));
}

std::vector<std::string> Source::claim(std::set<uint32_t>::iterator from,
                                       std::set<uint32_t>::iterator to) {
  std::vector<std::string> out;
  for (auto it = from; it != to; ++it) out.push_back(comment_text(*it));
  unclaimed_.erase(from, to);
  return out;
}

std::vector<std::string> Source::take_before(uint32_t line) {
  return claim(unclaimed_.begin(), unclaimed_.lower_bound(line));
}

std::vector<std::string> Source::take_trailing(uint32_t line, uint32_t col) {
  uint32_t n = static_cast<uint32_t>(starts_.size());
  uint32_t last = line, stop = n + 1;
  for (uint32_t k = line + 1; k <= n; ++k) {
    if (kind(k) != Kind::Content) continue;
    if (indent(k) < col) {
      stop = k;
      break;
    }
    last = k;
  }
  auto end = unclaimed_.upper_bound(last);
  while (end != unclaimed_.end() && *end < stop && indent(*end) >= col) ++end;
  return claim(unclaimed_.upper_bound(line), end);
}

std::vector<std::string> Source::take_final() {
  return claim(unclaimed_.begin(), unclaimed_.end());
}

}  // namespace pb::yaml
