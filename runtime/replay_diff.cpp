// replay_diff.cpp — stored vs replayed, one line per difference (replay_diff.hpp).
#include "replay_diff.hpp"

#include <fmt/format.h>

#include <set>

#include "model/calendar_math.hpp"

namespace pb::rt {

namespace {

std::string show(const Value& v) {
  return value_to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string show(const TaskState* t) {
  if (!t) return "absent";
  return fmt::format("{} by {} at {}",
                     t->status == TaskStatus::NotStarted ? "not started" : to_string(t->status),
                     t->who.empty() ? "-" : t->who, format_iso_instant(t->when));
}

std::string show(const std::vector<Assignment>& as) {
  std::vector<std::string> parts;
  for (const auto& a : as)
    parts.push_back(
        fmt::format("{} \"{}\"{}", to_string(a.queue), a.name, a.primary ? " primary" : ""));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

std::string show(const std::vector<TimerState>& ts) {
  std::vector<std::string> parts;
  for (const auto& t : ts)
    parts.push_back(fmt::format("{}#{} due {}", t.step, t.transition, format_iso_instant(t.due)));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

std::string show(const std::map<std::string, int64_t, std::less<>>& v) {
  return visits_to_json(v).dump();
}

std::string show(const NoteRow& n) {
  return fmt::format("[{}] \"{}\" under {} by {} at {} (event {})", n.kind, n.text,
                     n.playbook.empty() ? "-" : n.playbook, n.who, format_iso_instant(n.at),
                     n.event);
}

std::string show(const OutreachRow& o) {
  return fmt::format("\"{}\" {} {} <{}> at {} (event {})", o.template_name, o.cc ? "cc" : "to",
                     o.contact, o.email, format_iso_instant(o.at), o.event);
}

// Row lists compared by position: what the log produced in order.
template <class Row>
void diff_list(const char* what, const std::vector<Row>& replayed, const std::vector<Row>& stored,
               std::vector<std::string>& out) {
  for (size_t i = 0; i < std::max(replayed.size(), stored.size()); ++i) {
    const Row* r = i < replayed.size() ? &replayed[i] : nullptr;
    const Row* s = i < stored.size() ? &stored[i] : nullptr;
    if (r && s && *r == *s) continue;
    out.push_back(fmt::format("{} {}: stored {}, replayed {}", what, i + 1, s ? show(*s) : "none",
                              r ? show(*r) : "none"));
  }
}

}  // namespace

void diff_tenant(const TenantState& want, const TenantState& got, std::vector<std::string>& out) {
  for (const auto& [k, v] : want.attrs)
    if (!got.attrs.count(k) || !(got.attrs.at(k) == v))
      out.push_back(fmt::format("attribute {}: stored {}, replayed {}", k,
                                got.attrs.count(k) ? show(got.attrs.at(k)) : "unset", show(v)));
  for (const auto& [k, v] : got.attrs)
    if (!want.attrs.count(k))
      out.push_back(fmt::format("attribute {}: stored {}, replayed unset", k, show(v)));
  std::set<int64_t> ids;
  for (const auto& [id, t] : want.tasks) ids.insert(id);
  for (const auto& [id, t] : got.tasks) ids.insert(id);
  for (int64_t id : ids) {
    auto w = want.tasks.find(id);
    auto g = got.tasks.find(id);
    const TaskState* ws = w == want.tasks.end() ? nullptr : &w->second;
    const TaskState* gs = g == got.tasks.end() ? nullptr : &g->second;
    if (!ws || !gs || !(*ws == *gs))
      out.push_back(fmt::format("task {}: stored {}, replayed {}", id, show(gs), show(ws)));
  }
  if (want.assignments != got.assignments)
    out.push_back(fmt::format("assignments: stored {}, replayed {}", show(got.assignments),
                              show(want.assignments)));
}

void diff_instances(const TenantWorld& want, const TenantWorld& got,
                    std::vector<std::string>& out) {
  if (want.instances.size() != got.instances.size())
    out.push_back(fmt::format("instances: stored {}, replayed {}", got.instances.size(),
                              want.instances.size()));
  for (size_t i = 0; i < std::min(want.instances.size(), got.instances.size()); ++i) {
    const auto &w = want.instances[i], &g = got.instances[i];
    std::string who = fmt::format("instance {} ({})", g.id, g.st.playbook);
    if (w.st.playbook != g.st.playbook)
      out.push_back(
          fmt::format("{}: stored playbook {}, replayed {}", who, g.st.playbook, w.st.playbook));
    if (w.hash != g.hash)
      out.push_back(fmt::format("{}: stored pinned {}, replayed {}", who, g.hash, w.hash));
    if (w.st.step != g.st.step || w.st.status != g.st.status || w.st.outcome != g.st.outcome)
      out.push_back(fmt::format("{}: stored {} {} \"{}\", replayed {} {} \"{}\"", who, g.st.step,
                                to_string(g.st.status), g.st.outcome, w.st.step,
                                to_string(w.st.status), w.st.outcome));
    if (w.st.entered_at != g.st.entered_at)
      out.push_back(fmt::format("{}: stored entered_at {}, replayed {}", who,
                                format_iso_instant(g.st.entered_at),
                                format_iso_instant(w.st.entered_at)));
    if (w.st.visits != g.st.visits)
      out.push_back(fmt::format("{}: stored visits {}, replayed {}", who, show(g.st.visits),
                                show(w.st.visits)));
    if (w.st.arrived != g.st.arrived)
      out.push_back(fmt::format("{}: stored arrivals {}, replayed {}", who,
                                arrived_to_json(g.st.arrived).dump(),
                                arrived_to_json(w.st.arrived).dump()));
    if (w.st.regions != g.st.regions)
      out.push_back(fmt::format("{}: stored regions {}, replayed {}", who,
                                regions_to_json(g.st.regions).dump(),
                                regions_to_json(w.st.regions).dump()));
    if (w.st.caller != g.st.caller)
      out.push_back(
          fmt::format("{}: stored caller \"{}\", replayed \"{}\"", who, g.st.caller, w.st.caller));
    if (w.st.returns != g.st.returns)
      out.push_back(fmt::format("{}: stored returns {}, replayed {}", who,
                                returns_to_json(g.st.returns).dump(),
                                returns_to_json(w.st.returns).dump()));
    if (w.st.timers != g.st.timers)
      out.push_back(fmt::format("{}: stored timers {}, replayed {}", who, show(g.st.timers),
                                show(w.st.timers)));
  }
}

void diff_rows(const LoggedRows& replayed, const LoggedRows& stored,
               std::vector<std::string>& out) {
  diff_list("note", replayed.notes, stored.notes, out);
  diff_list("outreach", replayed.outreach, stored.outreach, out);
}

}  // namespace pb::rt
