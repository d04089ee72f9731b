// path_text.cpp — see path_text.hpp.
#include "path_text.hpp"

#include <fmt/format.h>

#include "grammar/describe.hpp"

namespace pb::cli {

std::string terminal_text(const Step& s) {
  switch (s.terminal) {
    case TerminalKind::End: return fmt::format("end \"{}\"", s.terminal_arg);
    case TerminalKind::Goto: return "goto " + s.terminal_arg;
    case TerminalKind::Handoff: return "handoff " + s.terminal_arg;
    case TerminalKind::Done: return fmt::format("done (region {})", s.region);
    case TerminalKind::None: return "leaves the parallel step";  // a region path's exit
  }
  return "";
}

std::string path_line(const paths::Path& p) {
  std::string out = p.edges.empty() ? p.terminal->id : p.edges.front().from->id;
  std::string at = out;  // a region's transition out of a parallel step names its step
  for (const auto& e : p.edges) {
    std::string in = e.from->id == at ? "" : " in " + e.from->id;
    out += fmt::format(" -({}{})-> {}", describe_trigger(*e.t, TriggerStyle::Compact), in,
                       e.t->target);
    at = e.t->target;
  }
  return out + " => " + terminal_text(*p.terminal);
}

nlohmann::json path_json(const paths::Path& p) {
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : p.edges)
    edges.push_back({{"from", e.from->id},
                     {"trigger", describe_trigger(*e.t, TriggerStyle::Compact)},
                     {"to", e.t->target},
                     {"line", e.t->loc.line},
                     {"col", e.t->loc.col}});
  const char* kinds[] = {"leaves", "end", "goto", "handoff",
                         "done"};  // "leaves": a region path's exit
  return {{"transitions", edges},
          {"terminal",
           {{"step", p.terminal->id},
            {"kind", kinds[static_cast<int>(p.terminal->terminal)]},
            {"target", p.terminal->terminal_arg}}},
          {"text", path_line(p)}};
}

std::string truncation_note(const paths::Enumeration& e, const PathFlags& f) {
  if (!e.truncated) return "";
  if (e.why == "limit")
    return fmt::format("note: stopped after {} paths (--limit {}); there are more", e.paths.size(),
                       f.limit);
  return fmt::format(
      "note: stopped after exploring {} transitions with {} paths found; there may be more "
      "(lower --max-loops)",
      f.options().budget, e.paths.size());
}

}  // namespace pb::cli
