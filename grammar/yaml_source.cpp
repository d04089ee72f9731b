// yaml_source.cpp — line table and comment recovery for yaml_source.hpp.
#include "yaml_source.hpp"

#include <algorithm>

namespace pb::yaml {

Source::Source(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
  claimed_.assign(starts_.size() + 1, false);
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
  while (end > p && (text_[end - 1] == '\n' || text_[end - 1] == '\r' || text_[end - 1] == ' '))
    --end;
  return std::string(text_.substr(p, end > p ? end - p : 0));
}

std::vector<std::string> Source::take_above(uint32_t line, uint32_t skip_line) {
  std::vector<std::string> out;
  uint32_t n = static_cast<uint32_t>(starts_.size());
  if (line == 0 || line > n) return out;
  for (uint32_t k = line - 1; k >= 1; --k) {
    Kind kd = kind(k);
    if (kd == Kind::Content) {
      if (k == skip_line && k + 1 == line) continue;
      break;
    }
    if (kd == Kind::Comment) {
      if (claimed_[k]) break;
      claimed_[k] = true;
      out.push_back(comment_text(k));
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string> Source::take_trailing(uint32_t line, uint32_t col) {
  std::vector<std::string> out;
  uint32_t n = static_cast<uint32_t>(starts_.size());
  uint32_t last = line, stop = n + 1;
  for (uint32_t k = line + 1; k <= n; ++k) {
    Kind kd = kind(k);
    if (kd != Kind::Content) continue;
    if (indent(k) < col) {
      stop = k;
      break;
    }
    last = k;
  }
  for (uint32_t k = last + 1; k < stop; ++k) {
    Kind kd = kind(k);
    if (kd == Kind::Blank) continue;
    if (claimed_[k] || indent(k) < col) break;
    claimed_[k] = true;
    out.push_back(comment_text(k));
  }
  return out;
}

std::vector<std::string> Source::take_final() {
  std::vector<std::string> out;
  uint32_t n = static_cast<uint32_t>(starts_.size());
  uint32_t k = n;
  while (k >= 1 && kind(k) != Kind::Content) --k;
  for (++k; k <= n; ++k) {
    if (kind(k) == Kind::Comment && !claimed_[k]) {
      claimed_[k] = true;
      out.push_back(comment_text(k));
    }
  }
  return out;
}

}  // namespace pb::yaml
