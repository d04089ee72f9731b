// render_graph.cpp — playbooks as Graphviz DOT or Mermaid flowcharts.
//
// Contract: steps are nodes labelled with their title and role; transitions
// are edges labelled with their trigger and guard (describe_trigger, Graph
// style: "on replied\n[EXPR]", "task 3729 completed", "after 2 business days");
// decision steps are diamonds, ends, playbook hand-overs and external
// hand-offs have shapes of their own. With several playbooks (graph --all)
// each is a cluster/subgraph and `goto playbook` steps are joined to the
// target playbook's start step. The playbook-wide transitions (`anywhere`)
// leave one node of their own (a note naming the excluded steps); a
// transition that stays in its step, and a reminder, is a dashed loop.
// Output is deterministic (model order).
#include "render_graph.hpp"

#include <fmt/format.h>

#include <cctype>

#include "grammar/describe.hpp"
#include "model/regions.hpp"

namespace pb::cli {
namespace {

enum class Shape { Step, Decision, End, Goto, Handoff, Done };

Shape shape_of(const Step& s) {
  switch (s.terminal) {
    case TerminalKind::End: return Shape::End;
    case TerminalKind::Goto: return Shape::Goto;
    case TerminalKind::Handoff: return Shape::Handoff;
    case TerminalKind::Done: return Shape::Done;
    case TerminalKind::None: break;
  }
  bool decision = !s.transitions.empty();
  for (const auto& t : s.transitions)
    if (t.trigger != TriggerKind::When && t.trigger != TriggerKind::Otherwise) decision = false;
  return decision ? Shape::Decision : Shape::Step;
}

std::string role_name(const Playbook& pb, const std::string& id) {
  const Role* r = pb.role(id);
  return r ? r->name : id;
}

std::string node_label(const Playbook& pb, const Step& s) {
  std::string title = s.title.empty() ? s.id : s.title;
  switch (s.terminal) {
    case TerminalKind::End: return fmt::format("{}\nend: {}", title, s.terminal_arg);
    case TerminalKind::Goto: return fmt::format("{}\n→ playbook {}", title, s.terminal_arg);
    case TerminalKind::Handoff: {
      for (const auto& e : pb.externals)
        if (e.id == s.terminal_arg) return fmt::format("{}\n⇒ external: {}", title, e.title);
      return fmt::format("{}\n⇒ external: {}", title, s.terminal_arg);
    }
    case TerminalKind::Done: return fmt::format("{}\ndone", title);
    case TerminalKind::None: break;
  }
  if (!s.call.empty()) title += "\n⇢ calls playbook " + s.call;
  return s.role.empty() ? title : fmt::format("{}\n({})", title, role_name(pb, s.role));
}

// ---------------------------------------------------------------- DOT

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

const char* dot_shape(Shape s) {
  switch (s) {
    case Shape::Decision: return "shape=diamond";
    case Shape::End: return "shape=doubleoctagon, style=\"rounded,filled\", fillcolor=\"#eeeeee\"";
    case Shape::Goto: return "shape=cds, style=filled, fillcolor=\"#dde8ff\"";
    case Shape::Handoff: return "shape=component, style=\"dashed,filled\", fillcolor=\"#fff2cc\"";
    case Shape::Done: return "shape=box, style=\"rounded,bold\", peripheries=2";
    case Shape::Step: break;
  }
  return "shape=box, style=rounded";
}

std::string dot_id(const Playbook& pb, const std::string& step) {
  return "\"" + dot_escape(pb.id + "/" + step) + "\"";
}

// The node `anywhere` stands for: every waiting step but the excluded ones.
std::string anywhere_label(const Anywhere& a) {
  return a.except.empty() ? "anywhere\n(every waiting step)"
                          : fmt::format("anywhere\nexcept {}", fmt::join(a.except, ", "));
}

// An edge's head: the target, or the tail itself for a transition that
// stays (or a reminder), drawn dashed.
std::string head_of(const std::string& from, const Transition& t) {
  return t.target.empty() ? from : t.target;
}

void dot_edges(std::string& out, const std::string& ind, const Playbook& pb,
               const std::string& from, const std::vector<Transition>& ts) {
  for (const auto& t : ts)
    out += fmt::format("{}{} -> {} [label=\"{}\"{}];\n", ind, dot_id(pb, from),
                       dot_id(pb, head_of(from, t)),
                       dot_escape(describe_trigger(t, TriggerStyle::Graph)),
                       t.target.empty() ? ", style=dashed" : "");
}

std::string dot_node(const Playbook& pb, const Step& s) {
  return fmt::format("{} [label=\"{}\", {}];\n", dot_id(pb, s.id), dot_escape(node_label(pb, s)),
                     dot_shape(shape_of(s)));
}

// The regions of parallel step `p` as dashed clusters of their steps, and a
// bold edge from `p` to where each region starts.
void dot_regions(std::string& out, const std::string& ind, const Playbook& pb, const Step& p) {
  for (const auto& r : p.regions) {
    out += fmt::format(
        "{}subgraph \"cluster_{}/{}/{}\" {{\n{}  label=\"region {}\";\n{}  "
        "style=dashed;\n",
        ind, dot_escape(pb.id), dot_escape(p.id), dot_escape(r.id), ind,
        dot_escape(r.title.empty() ? r.id : r.id + ": " + r.title), ind);
    for (const Step* s : region_steps(pb, p.id, r.id)) out += ind + "  " + dot_node(pb, *s);
    out += ind + "}\n";
    if (const Step* first = region_start(pb, p.id, r.id))
      out += fmt::format("{}{} -> {} [style=bold, arrowhead=onormal, label=\"region {}\"];\n", ind,
                         dot_id(pb, p.id), dot_id(pb, first->id), dot_escape(r.id));
  }
}

void dot_playbook(std::string& out, const Playbook& pb, bool cluster) {
  std::string ind = cluster ? "    " : "  ";
  if (cluster)
    out += fmt::format("  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n", dot_escape(pb.id),
                       dot_escape(pb.title.empty() ? pb.id : pb.title));
  std::string start = dot_id(pb, "__start");
  out += fmt::format("{}{} [shape=point, width=0.15, label=\"\"];\n", ind, start);
  for (const auto& s : pb.steps)
    if (!in_region(s)) out += ind + dot_node(pb, s);
  for (const auto& s : pb.steps)
    if (is_parallel(s)) dot_regions(out, ind, pb, s);
  if (!pb.start.empty()) out += fmt::format("{}{} -> {};\n", ind, start, dot_id(pb, pb.start));
  for (const auto& s : pb.steps) dot_edges(out, ind, pb, s.id, s.transitions);
  if (pb.anywhere) {
    out += fmt::format("{}{} [label=\"{}\", shape=note, style=dashed];\n", ind,
                       dot_id(pb, "__anywhere"), dot_escape(anywhere_label(*pb.anywhere)));
    dot_edges(out, ind, pb, "__anywhere", pb.anywhere->transitions);
  }
  if (cluster) out += "  }\n";
}

// Joins `goto playbook X` steps to X's start step when X is in the set.
template <class Emit>
void cross_edges(const std::vector<const Playbook*>& pbs, Emit&& emit) {
  for (const Playbook* pb : pbs)
    for (const auto& s : pb->steps) {
      if (s.terminal != TerminalKind::Goto) continue;
      for (const Playbook* target : pbs)
        if (target->id == s.terminal_arg && !target->start.empty()) emit(*pb, s, *target);
    }
}

// Joins `call playbook X` steps to X's start step when X is in the set.
template <class Emit>
void call_edges(const std::vector<const Playbook*>& pbs, Emit&& emit) {
  for (const Playbook* pb : pbs)
    for (const auto& s : pb->steps) {
      if (s.call.empty()) continue;
      for (const Playbook* target : pbs)
        if (target->id == s.call && !target->start.empty()) emit(*pb, s, *target);
    }
}

// ---------------------------------------------------------------- Mermaid

std::string mm_id(const Playbook& pb, const std::string& step) {
  std::string id = pb.id + "__" + step;
  for (char& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return id;
}

std::string mm_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '\n')
      out += "<br/>";
    else if (c == '<')
      out += "#lt;";
    else if (c == '>')
      out += "#gt;";
    else
      out += c;
  }
  return out;
}

std::string mm_node(const Playbook& pb, const Step& s) {
  std::string label = "\"" + mm_text(node_label(pb, s)) + "\"";
  std::string id = mm_id(pb, s.id);
  switch (shape_of(s)) {
    case Shape::Decision: return id + "{" + label + "}";
    case Shape::End: return id + "([" + label + "])";
    case Shape::Goto: return id + "[[" + label + "]]";
    case Shape::Handoff: return id + ">" + label + "]";
    case Shape::Done: return id + "((" + label + "))";
    case Shape::Step: break;
  }
  return id + "(" + label + ")";
}

// The regions of parallel step `p` as subgraphs of their steps, and a thick
// edge from `p` to where each region starts.
void mm_regions(std::string& out, const std::string& ind, const Playbook& pb, const Step& p) {
  for (const auto& r : p.regions) {
    out += fmt::format("{}subgraph {}[\"region {}\"]\n", ind,
                       mm_id(pb, "__region_" + p.id + "__" + r.id),
                       mm_text(r.title.empty() ? r.id : r.id + ": " + r.title));
    for (const Step* s : region_steps(pb, p.id, r.id)) out += ind + "  " + mm_node(pb, *s) + "\n";
    out += ind + "end\n";
    if (const Step* first = region_start(pb, p.id, r.id))
      out += fmt::format("{}{} ==>|\"region {}\"| {}\n", ind, mm_id(pb, p.id), mm_text(r.id),
                         mm_id(pb, first->id));
  }
}

void mm_playbook(std::string& out, const Playbook& pb, bool subgraph) {
  std::string ind = subgraph ? "    " : "  ";
  if (subgraph)
    out += fmt::format("  subgraph {}[\"{}\"]\n", mm_id(pb, "pb"),
                       mm_text(pb.title.empty() ? pb.id : pb.title));
  out += fmt::format("{}{}((start))\n", ind, mm_id(pb, "__start"));
  for (const auto& s : pb.steps)
    if (!in_region(s)) out += ind + mm_node(pb, s) + "\n";
  for (const auto& s : pb.steps)
    if (is_parallel(s)) mm_regions(out, ind, pb, s);
  if (!pb.start.empty())
    out += fmt::format("{}{} --> {}\n", ind, mm_id(pb, "__start"), mm_id(pb, pb.start));
  auto edges = [&](const std::string& from, const std::vector<Transition>& ts) {
    for (const auto& t : ts)
      out += fmt::format(
          "{}{} {}|\"{}\"| {}\n", ind, mm_id(pb, from), t.target.empty() ? "-.->" : "-->",
          mm_text(describe_trigger(t, TriggerStyle::Graph)), mm_id(pb, head_of(from, t)));
  };
  for (const auto& s : pb.steps) edges(s.id, s.transitions);
  if (pb.anywhere) {
    out += fmt::format("{}{}[/\"{}\"/]\n", ind, mm_id(pb, "__anywhere"),
                       mm_text(anywhere_label(*pb.anywhere)));
    edges("__anywhere", pb.anywhere->transitions);
  }
  if (subgraph) out += "  end\n";
}

}  // namespace

std::string render_dot(const std::vector<const Playbook*>& pbs) {
  bool many = pbs.size() > 1;
  std::string name = many ? "playbooks" : pbs.empty() ? "empty" : pbs[0]->id;
  std::string out = fmt::format(
      "digraph \"{}\" {{\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n",
      dot_escape(name));
  for (const Playbook* pb : pbs) dot_playbook(out, *pb, many);
  cross_edges(pbs, [&](const Playbook& from, const Step& s, const Playbook& to) {
    out += fmt::format("  {} -> {} [style=bold, color=\"#3366cc\", label=\"goto\"];\n",
                       dot_id(from, s.id), dot_id(to, to.start));
  });
  call_edges(pbs, [&](const Playbook& from, const Step& s, const Playbook& to) {
    out += fmt::format("  {} -> {} [style=dashed, color=\"#3366cc\", label=\"call\"];\n",
                       dot_id(from, s.id), dot_id(to, to.start));
  });
  out += "}\n";
  return out;
}

std::string render_mermaid(const std::vector<const Playbook*>& pbs) {
  bool many = pbs.size() > 1;
  std::string out = "flowchart TD\n";
  for (const Playbook* pb : pbs) mm_playbook(out, *pb, many);
  cross_edges(pbs, [&](const Playbook& from, const Step& s, const Playbook& to) {
    out += fmt::format("  {} ==>|goto| {}\n", mm_id(from, s.id), mm_id(to, to.start));
  });
  call_edges(pbs, [&](const Playbook& from, const Step& s, const Playbook& to) {
    out += fmt::format("  {} -.->|call| {}\n", mm_id(from, s.id), mm_id(to, to.start));
  });
  return out;
}

}  // namespace pb::cli
