// render_diff.cpp — text, JSON and Markdown of a model diff (render_diff.hpp).
#include "cli/render_diff.hpp"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>

#include "cli/text_out.hpp"
#include "grammar/frontend.hpp"

namespace pb::cli {

namespace {

constexpr std::array<ChangeClass, 3> kClasses = {ChangeClass::Breaking, ChangeClass::Compatible,
                                                 ChangeClass::Cosmetic};

// Where a change is shown: the new side, else the old one.
const Loc& where(const ModelChange& c) { return c.new_loc.line ? c.new_loc : c.old_loc; }

size_t count(const std::vector<ModelChange>& changes, ChangeClass cls) {
  size_t n = 0;
  for (const auto& c : changes) n += c.cls == cls;
  return n;
}

std::string summary(const std::vector<ModelChange>& changes) {
  return fmt::format("{} breaking, {} compatible, {} cosmetic",
                     count(changes, ChangeClass::Breaking), count(changes, ChangeClass::Compatible),
                     count(changes, ChangeClass::Cosmetic));
}

nlohmann::ordered_json loc_json(const Loc& l) {
  if (!l.line) return nullptr;
  return {{"file", l.filename()}, {"line", l.line}, {"col", l.col}};
}

// A Markdown table cell: one line, pipes escaped.
std::string cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += ' ';
    else
      out += ch;
  }
  return out;
}

}  // namespace

void print_exprs(std::vector<ModelChange>& changes) {
  for (auto& c : changes) {
    if (c.old_expr) c.before = print_expr(*c.old_expr);
    if (c.new_expr) c.after = print_expr(*c.new_expr);
  }
}

std::string diff_text(const std::vector<ModelChange>& changes) {
  TextLines out;
  for (ChangeClass cls : kClasses)
    for (const auto& c : changes) {
      if (c.cls != cls) continue;
      out.add_line(fmt::format("{}: {}: {}: {}", where(c).str(), to_string(c.cls), c.kind, c.text));
      if (c.old_expr || c.new_expr) {
        out.add_line("    was: " + (c.old_expr ? c.before : std::string("(none)")));
        out.add_line("    now: " + (c.new_expr ? c.after : std::string("(none)")));
      }
      if (!c.hint.empty()) out.add_line("    hint: " + c.hint);
    }
  out.add_line(changes.empty() ? std::string("no change") : summary(changes));
  return out.str();
}

std::string diff_json(const std::vector<ModelChange>& changes) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& c : changes)
    arr.push_back({{"class", to_string(c.cls)},
                   {"kind", c.kind},
                   {"subject", c.subject},
                   {"old", loc_json(c.old_loc)},
                   {"new", loc_json(c.new_loc)},
                   {"text", c.text},
                   {"hint", c.hint},
                   {"before", c.before},
                   {"after", c.after}});
  return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string diff_markdown(const std::vector<ModelChange>& changes) {
  std::string out =
      "**playbook diff**: " + (changes.empty() ? "no change" : summary(changes)) + "\n";
  static const char* titles[] = {"Breaking", "Compatible", "Cosmetic"};
  for (size_t i = 0; i < kClasses.size(); ++i) {
    if (!count(changes, kClasses[i])) continue;
    out += fmt::format("\n### {}\n\n| where | kind | change |\n| --- | --- | --- |\n", titles[i]);
    for (const auto& c : changes) {
      if (c.cls != kClasses[i]) continue;
      std::string text = c.text;
      if (c.old_expr || c.new_expr) text += fmt::format(" (was `{}`, now `{}`)", c.before, c.after);
      if (!c.hint.empty()) text += "<br>hint: " + c.hint;
      out += fmt::format("| `{}` | {} | {} |\n", cell(where(c).str()), c.kind, cell(text));
    }
  }
  return out;
}

}  // namespace pb::cli
