// render_status.cpp — text and JSON of `playbook status` (render_status.hpp).
#include "render_status.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/text_out.hpp"
#include "grammar/describe.hpp"
#include "model/calendar_math.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

using json = nlohmann::json;

std::string quoted(const std::string& s) { return s.empty() ? "" : " \"" + s + "\""; }

std::string end_text(const rt::PreviewEnd& e) {
  switch (e.status) {
    case InstanceStatus::Goto:
      return fmt::format("ends {}: moves to playbook {}", e.playbook, e.outcome);
    case InstanceStatus::Handoff:
      return fmt::format("ends {}: hands off to {}", e.playbook, e.outcome);
    default:
      return fmt::format("ends {}: {}{}", e.playbook, to_string(e.status), quoted(e.outcome));
  }
}

// One line per effect, `pb` being the instance the event is fired on.
std::vector<std::string> effect_lines(const rt::EventPreview& p, const std::string& pb) {
  std::vector<std::string> out;
  auto where = [&](const std::string& playbook) { return playbook == pb ? "" : playbook + ": "; };
  for (const auto& [playbook, step] : p.entered)
    out.push_back(fmt::format("enters {}{}", where(playbook), step));
  for (const auto& e : p.ended) out.push_back(end_text(e));
  for (const auto& [id, name] : p.opened)
    out.push_back(fmt::format("opens task {}{}", id, quoted(name)));
  for (int64_t id : p.completed) out.push_back(fmt::format("completes task {}", id));
  for (int64_t id : p.reset) out.push_back(fmt::format("resets task {}", id));
  for (const auto& [playbook, n] : p.notes)
    out.push_back(fmt::format("notes [{}] \"{}\"", to_string(n.kind), n.text));
  for (const auto& o : p.sent)
    out.push_back(fmt::format("sends \"{}\" {} {} <{}>", o.template_name, o.cc ? "cc" : "to",
                              o.contact, o.email));
  for (const auto& t : p.timers)
    out.push_back(fmt::format("arms timer {}{} -> {} due {}", where(t.playbook), t.step, t.to,
                              format_iso_instant(t.due)));
  for (const auto& [k, v] : p.attrs)
    out.push_back(v.kind == Value::Kind::Unset ? "clears " + k
                                               : fmt::format("sets {} = {}", k, to_text(v)));
  for (const auto& [a, add] : p.assignments)
    out.push_back(fmt::format("{} {} \"{}\"{}", add ? "assigns" : "unassigns", to_string(a.queue),
                              a.name, a.primary ? " (primary)" : ""));
  if (out.empty()) out.push_back("records the event and changes nothing else");
  return out;
}

// `lead` "refused: … [code]", then one line (under `pad`) per other
// requirement that failed.
void refusal_lines(TextLines& out, const std::string& lead, const Refusal& r,
                   const std::string& pad) {
  out.add("{}refused: {} [{}]", lead, r.reason, r.code);
  for (const auto& f : r.also) out.add("{}  and: {} [{}]", pad, f.reason, f.code);
}

void event_text(TextLines& out, const rt::EventPreview& p, const std::string& pb) {
  if (p.task)
    out.add("    complete task {}{}:", p.task, quoted(p.title));
  else
    out.add("    event {}{}:", p.event, quoted(p.title));
  std::string pad = "      ";
  if (!p.needs.empty()) {
    std::vector<std::string> fields;
    for (const auto& [name, type] : p.needs) fields.push_back(fmt::format("{} ({})", name, type));
    out.add("      needs --set for: {}", fmt::join(fields, ", "));
    out.add("      leads to: {}", fmt::join(p.targets, ", "));
    if (!p.ok) return refusal_lines(out, "      without them it is ", p.refusal, "      ");
    out.add_line("      without them it would:");
    pad = "        ";
  }
  if (!p.ok) return refusal_lines(out, pad, p.refusal, "      ");
  for (const auto& l : effect_lines(p, pb)) out.add("{}{}", pad, l);
}

void indent_lines(TextLines& out, const std::string& text, const std::string& pad) {
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out.add_line(line.empty() ? "" : pad + line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string role_text(const CompiledPlaybook& cp, const Step& s) {
  const Role* r = s.role.empty() ? nullptr : cp.pb.role(s.role);
  return s.role.empty() ? ""
                        : ", role " + s.role + (r && !r->name.empty() ? " (" + r->name + ")" : "");
}

}  // namespace

const Transition* timer_transition(const CompiledPlaybook* cp, const TimerState& t) {
  const Step* s = cp ? cp->step(t.step) : nullptr;
  return s && t.transition < s->transitions.size() ? &s->transitions[t.transition] : nullptr;
}

void timer_json(nlohmann::json& j, const CompiledPlaybook* cp, const TimerState& t) {
  const Transition* tr = timer_transition(cp, t);
  j["to"] = tr ? tr->target : "?";
  if (tr && tr->trigger == TriggerKind::Remind)
    j["remind"] = {{"role", tr->role}, {"text", tr->text}};
}

std::string timer_text(const CompiledPlaybook* cp, const TimerState& t) {
  const Transition* tr = timer_transition(cp, t);
  if (!tr) return "-> ?";
  if (tr->trigger == TriggerKind::Remind)
    return fmt::format("remind {}: \"{}\"", tr->role, tr->text);
  return "-> " + tr->target;
}

namespace {

// " (after PATH {…})" for a timer whose duration depended on a value, so
// the FM sees which table its due date came from; "" for any other timer.
std::string wait_note(const Step* s, const TimerState& t) {
  if (!s || t.transition >= s->transitions.size()) return "";
  const Transition& tr = s->transitions[t.transition];
  if (tr.wait_by.empty()) return "";
  return " (" + trigger_words(tr, TriggerStyle::Compact) + ")";
}

// A complete task that an `on task` transition of step `s` waits on: only a
// new completion moves the step, and that needs a reset first.
bool waits_for_reset(const Step& s, const TenantState& t, int64_t id) {
  auto ts = t.tasks.find(id);
  if (ts == t.tasks.end() || !ts->second.complete()) return false;
  return std::any_of(s.transitions.begin(), s.transitions.end(), [&](const Transition& tr) {
    return tr.trigger == TriggerKind::Task && tr.task == id;
  });
}

std::string reset_hint(const rt::TenantWorld& w, const Step& s, int64_t id) {
  return fmt::format(
      "      step {} waits for a new completion: reset the task first (playbook reset {} {}), "
      "then complete it",
      s.id, w.tenant.id, id);
}

// The regions of a parallel step: where each is, since when, and the tasks
// of the step it is in.
void regions_text(TextLines& out, const rt::TenantWorld& w, const InstanceView& v) {
  for (const auto& g : v.rec->st.regions) {
    const Step* s = v.cp->step(g.step);
    if (!s) continue;
    bool done = s->terminal == TerminalKind::Done;
    out.add("    region {}: step {}{} since {}{}{}", g.id, g.step, quoted(s->title),
            format_iso_instant(g.entered_at), done ? " (done)" : "",
            done ? "" : role_text(*v.cp, *s));
    for (int64_t id : s->tasks) {
      const Task* t = v.cp->pb.task(id);
      auto ts = w.tenant.tasks.find(id);
      bool open = ts == w.tenant.tasks.end() || ts->second.status == TaskStatus::NotStarted;
      out.add("      task {}{}: {}", id, quoted(t ? t->name : ""),
              open ? std::string("open") : std::string(to_string(ts->second.status)));
    }
  }
}

void instance_text(TextLines& out, const rt::TenantWorld& w, const InstanceView& v) {
  const auto& st = v.rec->st;
  const Step* s = v.cp ? v.cp->step(st.step) : nullptr;
  if (st.status != InstanceStatus::Active || !s) {
    out.add("  {}: {} at step {}{}", st.playbook, to_string(st.status), st.step,
            quoted(st.outcome));
    return;
  }
  out.add("  {}: step {}{} since {}{}", st.playbook, st.step, quoted(s->title),
          format_iso_instant(st.entered_at), role_text(*v.cp, *s));
  if (!v.version.empty())
    out.add("    version {}{}", v.version.substr(0, 12),
            v.newer.empty() ? ""
                            : fmt::format(" (a newer version, {}, is in the directory: see "
                                          "`playbook migrate {}`)",
                                          v.newer.substr(0, 12), st.playbook));
  if (!st.caller.empty()) out.add("    called by {}", st.caller);
  if (!s->call.empty()) out.add("    calling {}: waits for its return", s->call);
  if (!s->instructions.empty()) {
    out.add_line("    instructions:");
    indent_lines(out, s->instructions, "      ");
  }
  for (int64_t id : s->tasks) {
    const Task* t = v.cp->pb.task(id);
    auto ts = w.tenant.tasks.find(id);
    bool open = ts == w.tenant.tasks.end() || ts->second.status == TaskStatus::NotStarted;
    out.add("    task {}{}: {}", id, quoted(t ? t->name : ""),
            open ? std::string("open")
                 : fmt::format("{} ({} {})", to_string(ts->second.status), ts->second.who,
                               format_iso_instant(ts->second.when)));
    if (waits_for_reset(*s, w.tenant, id)) out.add_line(reset_hint(w, *s, id));
  }
  regions_text(out, w, v);
  for (const auto& t : st.timers) {
    const rt::StuckMark* m = rt::find_stuck(v.stuck, t);
    const Step* owner = t.step == st.step ? s : v.cp->step(t.step);
    out.add("    timer: {} due {}{}{}{}", timer_text(v.cp.get(), t), format_iso_instant(t.due),
            wait_note(owner, t), t.step == st.step ? "" : " (step " + t.step + ")",
            m ? stuck_text(*m) : "");
  }
  bool events =
      std::any_of(v.events.begin(), v.events.end(), [](const auto& p) { return !p.task; });
  if (!events)
    out.add_line(v.events.empty()
                     ? "    no event is possible in this step"
                     : "    no event is possible in this step; these task completions move it:");
  for (const auto& p : v.events) event_text(out, p, st.playbook);
}

json refusal_json(const Refusal& r) {
  json also = json::array();
  for (const auto& f : r.also) also.push_back({{"code", f.code.str()}, {"reason", f.reason}});
  return {{"code", r.code.str()}, {"reason", r.reason}, {"also", also}};
}

json preview_json(const rt::EventPreview& p) {
  json j = {{"title", p.title}, {"ok", p.ok}, {"targets", p.targets}};
  if (p.task) {
    j["task"] = p.task;
  } else {
    j["event"] = p.event;
    j["needs"] = json::array();
    for (const auto& [name, type] : p.needs)
      j["needs"].push_back({{"field", name}, {"type", type}});
  }
  if (!p.ok) {
    j["refusal"] = refusal_json(p.refusal);
    return j;
  }
  json e = {{"entered", json::array()},      {"ended", json::array()},
            {"tasks_opened", json::array()}, {"tasks_completed", p.completed},
            {"tasks_reset", p.reset},        {"notes", json::array()},
            {"outreach", json::array()},     {"timers", json::array()},
            {"attributes", json::object()},  {"assignments", json::array()}};
  for (const auto& [pb, step] : p.entered)
    e["entered"].push_back({{"playbook", pb}, {"step", step}});
  for (const auto& x : p.ended)
    e["ended"].push_back(
        {{"playbook", x.playbook}, {"status", to_string(x.status)}, {"outcome", x.outcome}});
  for (const auto& [id, name] : p.opened) e["tasks_opened"].push_back({{"id", id}, {"name", name}});
  for (const auto& [pb, n] : p.notes)
    e["notes"].push_back({{"playbook", pb}, {"kind", to_string(n.kind)}, {"text", n.text}});
  for (const auto& o : p.sent)
    e["outreach"].push_back(
        {{"template", o.template_name}, {"contact", o.contact}, {"email", o.email}});
  for (const auto& t : p.timers)
    e["timers"].push_back({{"playbook", t.playbook},
                           {"step", t.step},
                           {"to", t.to},
                           {"due", format_iso_instant(t.due)}});
  for (const auto& [k, v] : p.attrs) e["attributes"][k] = rt::value_to_json(v);
  for (const auto& [a, add] : p.assignments)
    e["assignments"].push_back({{"queue", to_string(a.queue)},
                                {"name", a.name},
                                {"primary", a.primary},
                                {"change", add ? "add" : "remove"}});
  j["effects"] = std::move(e);
  return j;
}

json instance_view_json(const rt::TenantWorld& w, const InstanceView& v) {
  json j = instance_json(*v.rec);
  const Step* s =
      v.cp && v.rec->st.status == InstanceStatus::Active ? v.cp->step(v.rec->st.step) : nullptr;
  for (size_t i = 0; i < v.rec->st.timers.size(); ++i) {
    const TimerState& t = v.rec->st.timers[i];
    const rt::StuckMark* m = rt::find_stuck(v.stuck, t);
    timer_json(j["timers"][i], v.cp.get(), t);
    j["timers"][i]["stuck"] = m ? stuck_json(*m) : json(nullptr);
  }
  if (!v.version.empty()) {  // the version it runs, and a newer one the directory holds
    j["playbook_version"] = v.version;
    j["newer_version"] = v.newer.empty() ? json(nullptr) : json(v.newer);
  }
  if (!s) return j;
  const Role* r = s->role.empty() ? nullptr : v.cp->pb.role(s->role);
  j["title"] = s->title;
  j["role"] = s->role;
  j["role_name"] = r ? r->name : "";
  j["instructions"] = s->instructions;
  j["tasks"] = json::array();
  for (int64_t id : s->tasks) {
    const Task* t = v.cp->pb.task(id);
    auto ts = w.tenant.tasks.find(id);
    bool open = ts == w.tenant.tasks.end() || ts->second.status == TaskStatus::NotStarted;
    j["tasks"].push_back({{"id", id},
                          {"name", t ? t->name : ""},
                          {"state", open ? "open" : to_string(ts->second.status)}});
    j["tasks"].back()["reset_to_redo"] = waits_for_reset(*s, w.tenant, id);
  }
  j["events"] = json::array();
  j["completions"] = json::array();
  for (const auto& p : v.events) j[p.task ? "completions" : "events"].push_back(preview_json(p));
  return j;
}

}  // namespace

std::string stuck_text(const rt::StuckMark& m) {
  if (!m.stuck()) return "";
  return fmt::format("  STUCK since {}: {} [{}]", format_iso_instant(*m.since), m.reason, m.code);
}

json stuck_json(const rt::StuckMark& m) {
  if (!m.stuck()) return nullptr;
  return {{"code", m.code}, {"reason", m.reason}, {"since", format_iso_instant(*m.since)}};
}

std::string render_status_text(const rt::TenantWorld& w, const std::vector<InstanceView>& views) {
  TextLines out;
  out.add("tenant {}", w.tenant.id);
  if (views.empty()) out.add_line("  no playbook started");
  for (const auto& v : views) instance_text(out, w, v);
  return out.str();
}

json render_status_json(const rt::TenantWorld& w, const std::vector<InstanceView>& views) {
  json j = tenant_json(w.tenant);
  j["instances"] = json::array();
  for (const auto& v : views) j["instances"].push_back(instance_view_json(w, v));
  return j;
}

}  // namespace pb::cli
