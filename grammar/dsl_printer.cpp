// dsl_printer.cpp — print_dsl(): the canonical DSL text of a Playbook.
//
// Canonical form (docs/language.md, "Canonical form"): 2-space indentation,
// one item per line; header items in the order of the header table; then
// roles, note kinds, tasks, groups, events, externals, tenant, extends,
// rules, start, steps, with a blank line between sections, between rules
// and between steps. A block of one simple action is printed inline
// (`{ complete 3664 }`), others one action per line. Comments are printed before their node; multi-line
// instructions as """ block strings. parse_dsl(print_dsl(m)) == m.
#include "dsl_printer.hpp"

#include <fmt/format.h>

#include "frontend.hpp"
#include "print_util.hpp"

namespace pb {
namespace grammar {

std::string bare_or_quoted(const std::string& s) {
  return grammar::is_identifier(s) ? s : quote(s);
}

layout::Doc packed(const std::vector<std::string>& items) {
  layout::Docs parts;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) parts.push_back(layout::brk());
    parts.push_back(layout::text(items[i] + (i + 1 < items.size() ? "," : "")));
  }
  return layout::fill(std::move(parts));
}

layout::Doc listing(std::string head, const std::vector<std::string>& items) {
  return layout::nest(kContinue, {layout::text(std::move(head) + " "), packed(items)});
}

namespace {

std::vector<std::string> quoted_all(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(quote(s));
  return out;
}

std::vector<std::string> numbers(const std::vector<int64_t>& v) {
  std::vector<std::string> out;
  for (auto n : v) out.push_back(std::to_string(n));
  return out;
}

// `head` and then `list` on the same line when both fit, else the list on
// the lines after it.
layout::Doc head_then(std::string head, layout::Doc list) {
  return layout::group(
      {layout::text(std::move(head)), layout::nest(kContinue, {layout::brk(), list})});
}

// scope RECORDS [service PATH] [where EXPR]
layout::Doc scope_doc(const ServiceScope& sc) {
  std::string head = std::string("scope ") + sc.records;
  if (!sc.service.empty()) head += std::string(" service ") + sc.service;
  if (!sc.where) return layout::text(std::move(head));
  return layout::nest(kContinue, {layout::text(head + " where "), expr_doc(*sc.where)});
}

}  // namespace

void Printer::header(const Playbook& pb) {
  std::vector<layout::Doc> items;
  auto add = [&](std::string s) { items.push_back(layout::text(std::move(s))); };
  if (!pb.title.empty()) add(std::string("title ") + quote(pb.title));
  if (pb.version != 0) add(fmt::format("version {}", pb.version));
  if (!pb.phase.empty()) add(std::string("phase ") + quote(pb.phase));
  if (!pb.motions.empty()) items.push_back(listing("motions", quoted_all(pb.motions)));
  if (!pb.owner.empty()) add(std::string("owner ") + quote(pb.owner));
  if (!pb.note_prefix.empty()) add(std::string("note_prefix ") + quote(pb.note_prefix));
  if (!pb.calendar.empty()) add(std::string("calendar ") + pb.calendar);
  if (pb.scope) items.push_back(scope_doc(*pb.scope));
  if (!pb.next.empty()) items.push_back(listing("next", pb.next));
  if (items.empty()) return;
  section();
  for (const auto& i : items) doc(1, i);
}

void Printer::catalog(const Playbook& pb) {
  if (!pb.roles.empty()) section();
  for (const auto& r : pb.roles) {
    comments(1, r.comments);
    line(1, fmt::format("role {} {}", r.id, quote(r.name)));
  }
  if (!pb.note_kinds.empty()) section();
  for (const auto& k : pb.note_kinds) {
    comments(1, k.comments);
    line(1, fmt::format("note_kind {} {}", k.id, quote(k.name)));
  }
  if (!pb.tasks.empty()) section();
  for (const auto& t : pb.tasks) {
    comments(1, t.comments);
    std::string head = fmt::format("task {} {} {} role {}", t.id, quote(t.name),
                                   t.mandatory ? "mandatory" : "optional", t.role);
    if (t.services.empty())
      line(1, head);
    else
      doc(1, head_then(head, listing("services", quoted_all(t.services))));
  }
  if (!pb.groups.empty()) section();
  for (const auto& g : pb.groups) {
    comments(1, g.comments);
    doc(1, head_then(fmt::format("group {} {}", g.id, quote(g.title)),
                     listing("exactly_one", numbers(g.tasks))));
  }
  if (!pb.events.empty()) section();
  for (const auto& e : pb.events) {
    comments(1, e.comments);
    std::string head =
        std::string("event ") + e.id + (e.title.empty() ? "" : std::string(" ") + quote(e.title));
    if (e.payload.empty()) {
      line(1, head);
      continue;
    }
    line(1, head + " {");
    for (const auto& a : e.payload) attribute(2, a);
    line(1, "}");
  }
  if (!pb.externals.empty()) section();
  for (const auto& x : pb.externals) {
    comments(1, x.comments);
    line(1, fmt::format("external {} {}", x.id, quote(x.title)));
  }
  if (!pb.tenant.attributes.empty() || !pb.tenant.comments.empty()) {
    section();
    comments(1, pb.tenant.comments);
    line(1, "tenant {");
    for (const auto& a : pb.tenant.attributes) attribute(2, a);
    line(1, "}");
  }
  if (!pb.extends.empty()) section();
  for (const auto& x : pb.extends) {
    comments(1, x.comments);
    doc(1, head_then("extend enum " + x.path, listing("with", quoted_all(x.values))));
  }
}

void Printer::attribute(int indent, const Attribute& a) {
  comments(indent, a.comments);
  const Type& t = a.type;
  std::string head = std::string("attr ") + a.name + " ";
  std::string tail;
  if (!a.title.empty()) tail += std::string(" ") + quote(a.title);
  if (a.calendar) tail += " calendar";
  if (t.kind == TypeKind::Enum) {
    std::vector<std::string> values;
    for (const auto& v : t.values) values.push_back(bare_or_quoted(v));
    doc(indent, layout::cat({layout::text(head + "enum("),
                             layout::nest(kContinue, {packed(values)}), layout::text(")" + tail)}));
    return;
  }
  if (t.kind == TypeKind::Records)
    head += std::string("records ") + t.key + " {";
  else
    head += to_string(t.kind);
  if (t.kind != TypeKind::Records) {
    line(indent, head + tail);
    return;
  }
  line(indent, head);
  for (const auto& f : t.fields) attribute(indent + 1, f);
  line(indent, std::string("}") + tail);
}

void Printer::rule(int indent, const Rule& r) {
  comments(indent, r.comments);
  line(indent, fmt::format("rule {} {}", r.id, quote(r.message)));
  switch (r.on) {
    case RuleOn::Complete: line(indent + 1, fmt::format("on complete {}", r.task)); break;
    case RuleOn::Set: line(indent + 1, std::string("on set ") + r.path); break;
    case RuleOn::Event: line(indent + 1, std::string("on event ") + r.event); break;
  }
  doc(indent + 1, layout::nest(kContinue, {layout::text("require "), expr_doc(r.condition)}));
}

}  // namespace grammar

std::string print_dsl(const Playbook& pb) { return print_dsl(pb, true); }

std::string print_dsl_model(const Playbook& pb) { return print_dsl(pb, false); }

std::string print_dsl(const Playbook& pb, bool keep_comments) {
  grammar::Printer p;
  p.keep_comments = keep_comments;
  p.comments(0, pb.comments);
  p.line(0, std::string("playbook ") + pb.id + " {");
  p.header(pb);
  p.catalog(pb);
  for (const auto& r : pb.rules) {
    p.section();
    p.rule(1, r);
  }
  if (!pb.start.empty()) {
    p.section();
    p.line(1, std::string("start ") + pb.start);
  }
  if (pb.anywhere) {
    p.section();
    p.anywhere(1, *pb.anywhere);
  }
  p.playbook = &pb;
  for (const auto& s : pb.steps) {
    if (!s.parent.empty()) continue;  // printed inside its parallel step
    p.section();
    p.step(1, s);
  }
  if (!pb.trailing.empty()) {
    p.section();
    p.comments(1, pb.trailing);
  }
  p.line(0, "}");
  return std::move(p.out);
}

}  // namespace pb
