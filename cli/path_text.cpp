// path_text.cpp — see path_text.hpp.
#include "path_text.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "grammar/frontend.hpp"

namespace pb::cli {

std::string trigger_label(const Transition& t) {
  std::string s;
  switch (t.trigger) {
    case TriggerKind::Event: s = t.event; break;
    case TriggerKind::Task: s = fmt::format("task {}", t.task); break;
    case TriggerKind::After:
      s = fmt::format("after {} {}", t.amount, to_string(t.unit));
      if (t.amount == 1) s.pop_back();  // "1 business day"
      break;
    case TriggerKind::At:
      s = "at " + t.at_path;
      if (t.amount) s += fmt::format(" {} {} days", t.amount < 0 ? '-' : '+', std::abs(t.amount));
      break;
    case TriggerKind::When: return "when " + (t.guard ? print_expr(*t.guard) : std::string{});
    case TriggerKind::Otherwise: return "otherwise";
  }
  if (t.guard) s += " when " + print_expr(*t.guard);
  return s;
}

std::string terminal_text(const Step& s) {
  switch (s.terminal) {
    case TerminalKind::End: return fmt::format("end \"{}\"", s.terminal_arg);
    case TerminalKind::Goto: return "goto " + s.terminal_arg;
    case TerminalKind::Handoff: return "handoff " + s.terminal_arg;
    case TerminalKind::None: break;
  }
  return "";
}

std::string path_line(const paths::Path& p) {
  std::string out = p.edges.empty() ? p.terminal->id : p.edges.front().from->id;
  for (const auto& e : p.edges) out += fmt::format(" -({})-> {}", trigger_label(*e.t), e.t->target);
  return out + " => " + terminal_text(*p.terminal);
}

nlohmann::json path_json(const paths::Path& p) {
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : p.edges)
    edges.push_back({{"from", e.from->id}, {"trigger", trigger_label(*e.t)}, {"to", e.t->target},
                     {"line", e.t->loc.line}, {"col", e.t->loc.col}});
  const char* kinds[] = {"none", "end", "goto", "handoff"};
  return {{"transitions", edges},
          {"terminal", {{"step", p.terminal->id},
                        {"kind", kinds[static_cast<int>(p.terminal->terminal)]},
                        {"target", p.terminal->terminal_arg}}},
          {"text", path_line(p)}};
}

std::string truncation_note(const paths::Enumeration& e, const PathFlags& f) {
  if (!e.truncated) return "";
  if (e.why == "limit")
    return fmt::format("note: stopped after {} paths (--limit {}); there are more", e.paths.size(), f.limit);
  return fmt::format("note: stopped after exploring {} transitions with {} paths found; there may be more "
                     "(lower --max-loops)", f.options().budget, e.paths.size());
}

}  // namespace pb::cli
