// cmd_tenant.cpp — `tenant add|set|show|import|assign|unassign` (README, "Using it";
// import in tenant_import.cpp). Attribute values are typed by the tenant
// schema; unknown attributes and bad values are exit 2; `on set` rules that
// refuse are exit 1. `assign|unassign TENANT rm|fm NAME` change the RM/FM
// assignments through the engine (a logged input); a queue kind other than
// rm or fm is exit 2 with "did you mean".
#include <fmt/format.h>

#include <cctype>
#include <memory>

#include "cli/options.hpp"
#include "cli/tenant_import.hpp"
#include "model/calendar_math.hpp"
#include "model/refusal_code.hpp"
#include "cli/text_out.hpp"
#include "model/diagnostics.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

struct TenantOpts {
  std::string id;
  std::vector<std::string> sets;
  std::string format = "text";
  std::string note, kind = "status", playbook;
};

int run_add_set(const Globals& g, const TenantOpts& o, bool add) {
  std::vector<std::pair<std::string, std::string>> sets;
  if (!split_sets(o.sets, sets)) return kBadInput;
  rt::TenantNote note{o.note, NoteKind::OverallStatus, o.playbook};
  if (!parse_note_kind(o.kind, note.kind)) return kBadInput;
  int exit;
  auto s = open_session(g, exit, kWriting);
  if (!s) return exit;
  rt::Response r = add ? s->engine->tenant_add(o.id, sets, actor(g), s->now, note)
                       : s->engine->tenant_set(o.id, sets, actor(g), s->now, note);
  if (r.exit == rt::kOk) out_line("tenant {} {}", o.id, add ? "added" : "updated");
  return report(r);
}

void print_tenant_text(const rt::TenantWorld& w) {
  out_line("tenant {}", w.tenant.id);
  for (const auto& [k, v] : w.tenant.attrs) {
    if (v.kind == Value::Kind::Records && v.records) {
      for (const auto& [key, fields] : *v.records)
        for (const auto& [f, fv] : fields) out_line("  {}.{}.{} = {}", k, key, f, to_text(fv));
    } else if (v.kind == Value::Kind::Contacts && v.contacts) {
      for (const auto& c : *v.contacts) out_line("  {}: {}", k, contact_text(c));
    } else {
      out_line("  {} = {}", k, to_text(v));
    }
  }
  for (const auto& [id, st] : w.tenant.tasks)
    out_line("  task {} {} ({} {})", id, to_string(st.status), st.who, format_iso_instant(st.when));
  for (const auto& a : w.tenant.assignments)
    out_line("  {} {}{}", to_string(a.queue), a.name, a.primary ? " (primary)" : "");
}

struct AssignOpts {
  std::string tenant, queue, name;
  bool primary = false;
};

bool parse_queue(const std::string& text, QueueKind& out) {
  std::string s = text;
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (s == "rm" || s == "fm") return out = s == "rm" ? QueueKind::RM : QueueKind::FM, true;
  std::string hint = did_you_mean(s, {"rm", "fm"});
  fmt::print(stderr, "error: '{}' is not a queue kind: rm or fm{} [{}]\n", text,
             hint.empty() ? "" : " (" + hint + ")", to_string(RefusalCode::BadValue));
  return false;
}

int run_assign(const Globals& g, const AssignOpts& o, bool add) {
  AssignChange c{QueueKind::RM, o.name, o.primary, add};
  if (!parse_queue(o.queue, c.queue)) return kBadInput;
  int exit;
  auto s = open_session(g, exit, kWriting);
  if (!s) return exit;
  rt::Response r = s->engine->assign(o.tenant, c, actor(g), s->now);
  if (r.exit != rt::kOk) return report(r);
  if (r.unchanged)
    out_line("tenant {}: {} \"{}\" is already assigned{} (nothing written)", o.tenant,
             to_string(c.queue), c.name, c.primary ? " as primary" : "");
  else
    out_line("tenant {}: {} (event {})", o.tenant, r.applied.summary, r.event);
  return kOk;
}

int run_show(const Globals& g, const TenantOpts& o) {
  int exit;
  auto s = open_session(g, exit, kReading);
  if (!s) return exit;
  rt::TenantWorld w;
  if (!read_tenant(*s, o.id, w, exit)) return exit;
  if (o.format == "json")
    fmt::print("{}\n", json_text(tenant_json(w.tenant)));
  else
    print_tenant_text(w);
  return kOk;
}

void note_opts(CLI::App* cmd, TenantOpts& o) {
  cmd->add_option("--note", o.note, "a note given with the change (rules read it as event.note)");
  cmd->add_option(
      "--kind", o.kind,
      "note kind: status (default), technical, engagement or one the playbook declares");
  cmd->add_option("--playbook", o.playbook, "the running playbook the note is filed under");
}

const Registrar reg(Place::Tenant, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<TenantOpts>();
  auto* tenant =
      root.add_subcommand("tenant", "add, change, show or import tenants; assign RMs and FMs");
  tenant->require_subcommand(1);
  auto* add = tenant->add_subcommand("add", "add a tenant");
  add->add_option("id", o->id, "tenant id")->required();
  add->add_option("--set", o->sets, "attribute=value (repeatable)");
  note_opts(add, *o);
  add->callback([o, &g] { g.exit_code = run_add_set(g, *o, true); });
  auto* set = tenant->add_subcommand("set", "change tenant attributes");
  set->add_option("id", o->id, "tenant id")->required();
  set->add_option("sets", o->sets, "attribute=value …")->required();
  note_opts(set, *o);
  set->callback([o, &g] { g.exit_code = run_add_set(g, *o, false); });
  auto* show = tenant->add_subcommand("show", "show a tenant's attributes, tasks and assignments");
  show->add_option("id", o->id, "tenant id")->required();
  show->add_option("--format", o->format, "text or json")->check(one_of({"text", "json"}));
  show->callback([o, &g] { g.exit_code = run_show(g, *o); });
  auto ao = std::make_shared<AssignOpts>();
  auto* assign = tenant->add_subcommand(
      "assign", "assign an RM or FM to a tenant (--primary: the queue's primary)");
  auto* unassign = tenant->add_subcommand("unassign", "remove an RM or FM assignment of a tenant");
  for (auto* cmd : {assign, unassign}) {
    cmd->add_option("tenant", ao->tenant, "tenant id")->required();
    cmd->add_option("queue", ao->queue, "rm or fm")->required();
    cmd->add_option("name", ao->name, "the RM's or FM's name")->required();
  }
  assign->add_flag("--primary", ao->primary,
                   "make this the primary RM/FM of the tenant (the others stay, not primary)");
  assign->callback([ao, &g] { g.exit_code = run_assign(g, *ao, true); });
  unassign->callback([ao, &g] { g.exit_code = run_assign(g, *ao, false); });
  auto io = std::make_shared<ImportOpts>();
  auto* imp = tenant->add_subcommand("import",
                                     "add or update tenants from a CSV file (header: id,attr,…); "
                                     "nothing is imported when a row is bad, unless --skip-bad");
  imp->add_option("file", io->file, "CSV file")->required();
  imp->add_flag("--skip-bad", io->skip_bad, "import the good rows, report the bad ones");
  imp->add_option("--batch", io->batch, "rows per transaction (default 500)")
      ->check(whole_number(1));
  imp->callback([io, &g] { g.exit_code = run_import(g, *io); });
});

}  // namespace

}  // namespace pb::cli
