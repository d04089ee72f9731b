// dsl_printer.hpp — the canonical DSL printer's internals, shared by
// dsl_printer.cpp (playbook, catalog, rules) and dsl_printer_step.cpp
// (steps, transitions, actions). See print_dsl() in frontend.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "layout.hpp"
#include "print_util.hpp"

namespace pb::grammar {

class Printer {
 public:
  std::string out;
  bool keep_comments = true;  // false: the model as content (print_dsl_model)

  void line(int indent, std::string_view text) {
    out.append(static_cast<size_t>(indent) * 2, ' ');
    out += text;
    out += '\n';
  }

  void comments(int indent, const Comments& c) {
    if (!keep_comments) return;
    for (const auto& l : c.lines) {
      size_t start = 0;
      for (;;) {
        size_t nl = l.find('\n', start);
        std::string_view part =
            std::string_view(l).substr(start, nl == std::string::npos ? nl : nl - start);
        while (!part.empty() && (part.back() == ' ' || part.back() == '\r' || part.back() == '\t'))
          part.remove_suffix(1);
        std::string text(part);
        for (char& ch : text)
          if (ch == '\t') ch = ' ';
        line(indent, text.empty() ? std::string("#") : std::string("# ") + text);
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
  }

  // A line laid out in kLineWidth columns; its continuation lines are
  // indented by the document's own nesting.
  void doc(int indent, const layout::Doc& d) {
    line(indent, layout::render(d, indent * 2, kLineWidth));
  }

  // Whether `text` fits on one line at `indent`.
  static bool fits(int indent, std::string_view text) {
    return layout::columns(text) + indent * 2 <= kLineWidth;
  }

  // Starts a section: a blank line unless it is the first one.
  void section() {
    if (sections_++ > 0) out += '\n';
  }

  void header(const Playbook& pb);
  void catalog(const Playbook& pb);
  void attribute(int indent, const Attribute& a);
  void rule(int indent, const Rule& r);
  void step(int indent, const Step& s);
  void parallel(int indent, const Step& s);  // its regions with their steps
  void transition(int indent, const Transition& t);
  void anywhere(int indent, const Anywhere& a);
  void block(int indent, const layout::Doc& head, const std::vector<Action>& actions);
  void action(int indent, const Action& a);

  const Playbook* playbook = nullptr;       // whose steps regions print (set by print)
  std::vector<const Step*> open_parallels;  // the parallel steps being printed

 private:
  int sections_ = 0;
};

template <class T, class F>
std::string join(const std::vector<T>& items, F f) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += f(items[i]);
  }
  return s;
}

// `quote(s)` when `s` is not a bare identifier.
std::string bare_or_quoted(const std::string& s);

// `item, item, …` packed in kLineWidth columns.
layout::Doc packed(const std::vector<std::string>& items);
// `head item, item, …`, its continuation lines kContinue deeper.
layout::Doc listing(std::string head, const std::vector<std::string>& items);

// The continuation indent of a wrapped line (two levels).
inline constexpr int kContinue = 4;

}  // namespace pb::grammar
