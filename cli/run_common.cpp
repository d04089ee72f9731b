// run_common.cpp — session opening, clock, printing (run_common.hpp).
#include "run_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cli/text_out.hpp"
#include "source/calendar_finder.hpp"
#include "model/calendar_math.hpp"
#include "interpreter/checker.hpp"
#include "runtime/world.hpp"

namespace pb::cli {

using json = nlohmann::json;

static bool read_clock(const Globals& g, Instant& now) {
  if (g.now.empty()) {
    now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return true;
  }
  return parse_time_option("--now", g.now, now);
}

bool parse_time_option(const char* option, const std::string& text, Instant& out) {
  if (parse_iso_instant(text, out)) return true;
  Instant utc;
  if (parse_iso_instant(text + "Z", utc))
    err_line("error: {} '{}' has no zone; add Z (UTC) or an offset such as +01:00", option, text);
  else
    err_line("error: {} '{}' is not an ISO-8601 date or date-time", option, text);
  return false;
}

// The calendar files under the directories (any `calendars/*.yaml|yml`),
// sorted within each directory.
static std::vector<std::string> calendar_files(const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& dir : dirs) {
    size_t from = out.size();
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.parent_path().filename() == "calendars" &&
          (p.extension() == ".yaml" || p.extension() == ".yml"))
        out.push_back(p.string());
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
  }
  return out;
}

// A catalog of nothing loaded yet: the whole directory is loaded when the
// engine first needs it, and a calendar file is read when its calendar (or
// one it may hold) is asked for (src::CalendarFinder).
static rt::Catalog lazy_catalog(const std::vector<std::string>& dirs, const LoadResult& none,
                                std::shared_ptr<Diagnostics> later) {
  rt::Catalog c = catalog_of(none);
  auto finder = std::make_shared<std::optional<src::CalendarFinder>>();
  c.find_calendar = [finder, dirs](const std::string& id) {
    if (!*finder) finder->emplace(calendar_files(dirs));
    return (*finder)->find(id);
  };
  auto full = std::make_shared<LoadResult>();
  c.load_all = [full, dirs, later](rt::Catalog& cat) {
    Diagnostics& d = *later;
    *full = load_paths(dirs, d);
    check_playbook_ids(full->project, d);  // as open_session does
    d.sort();
    rt::Catalog all = catalog_of(*full);
    cat.project = all.project;
    cat.files = std::move(all.files);
    cat.source = std::move(all.source);
  };
  return c;
}

// PLAYBOOK_BUSY_TIMEOUT_MS: how long one try of the busy policy waits for
// another writer's lock (rt::kBusyTimeoutMs when unset).
static bool read_busy_timeout(int& ms) {
  ms = rt::kBusyTimeoutMs;
  const char* v = std::getenv("PLAYBOOK_BUSY_TIMEOUT_MS");
  if (!v || !*v) return true;
  std::string_view text(v);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && end == text.data() + text.size() && ms >= 0 && ms <= 3600000)
    return true;
  fmt::print(
      stderr,
      "error: PLAYBOOK_BUSY_TIMEOUT_MS '{}' is not a number of milliseconds from 0 to 3600000\n",
      text);
  return false;
}

std::optional<Session> open_session(const Globals& g, int& exit, Use use) {
  Session s;
  exit = kBadInput;
  int busy_timeout = 0;
  if (!read_clock(g, s.now) || !read_busy_timeout(busy_timeout)) return std::nullopt;
  const auto& dirs = g.playbook_dirs;
  bool lazy = use.load == Load::Lazy &&
              std::all_of(dirs.begin(), dirs.end(),
                          [](const std::string& d) { return std::filesystem::is_directory(d); });
  s.loaded = std::make_unique<LoadResult>(lazy ? LoadResult{} : load_paths(dirs, s.diags));
  check_playbook_ids(s.loaded->project, s.diags);  // such an id is left out of the catalog
  s.diags.sort();
  try {
    s.store = std::make_unique<rt::Store>(g.db, use.access, busy_timeout);
  } catch (const rt::StoreError& e) {
    exit = report_store_error(e);
    return std::nullopt;
  }
  s.engine = std::make_unique<rt::Engine>(
      *s.store, lazy ? lazy_catalog(dirs, *s.loaded, s.later) : catalog_of(*s.loaded));
  exit = kOk;
  return s;
}

std::vector<Diagnostic> Session::load_errors() const {
  std::vector<Diagnostic> out;
  for (const Diagnostics* ds : {&diags, static_cast<const Diagnostics*>(later.get())})
    for (const auto& d : ds->items())
      if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

bool read_tenant(const Session& s, const std::string& tenant, rt::TenantWorld& w, int& exit) {
  exit = report(s.engine->load(tenant, w));
  return exit == kOk;
}

bool split_sets(const std::vector<std::string>& in,
                std::vector<std::pair<std::string, std::string>>& out) {
  for (const auto& kv : in) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err_line("error: '{}' is not key=value", kv);
      return false;
    }
    out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return true;
}

int report(const rt::Response& r) {
  if (r.exit == rt::kOk) return kOk;
  const char* what = r.exit == rt::kRefused ? "refused" : r.exit == rt::kBusy ? "busy" : "error";
  err_line("{}: {} [{}]", what, r.message, r.code);
  for (const auto& f : r.applied.refusal.also) err_line("  and: {} [{}]", f.reason, f.code);
  for (const auto& line : r.details) err_line("{}", line);
  return r.exit;
}

int report_store_error(const rt::StoreError& e) { return report(rt::store_failure(e)); }

// Only the spelling is checked here: whether the playbook that keeps the note
// has the kind is the engine's check (refusal `unknown-note-kind`).
bool parse_note_kind(const std::string& s, NoteKind& out) {
  bool ok = !s.empty() && !std::isdigit(static_cast<unsigned char>(s[0]));
  for (char ch : s) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
  if (ok) return out = NoteKind{s}, true;
  err_line(
      "error: note kind '{}' is not an identifier (status, technical, engagement or a kind "
      "the playbook declares) [bad-value]",
      s);
  return false;
}

json tenant_json(const TenantState& t) {
  json attrs = json::object(), tasks = json::object(), assigns = json::array();
  for (const auto& [k, v] : t.attrs) attrs[k] = rt::value_to_json(v);
  for (const auto& [id, st] : t.tasks)
    tasks[std::to_string(id)] = {
        {"state", to_string(st.status)}, {"who", st.who}, {"when", format_iso_instant(st.when)}};
  for (const auto& a : t.assignments)
    assigns.push_back({{"queue", to_string(a.queue)}, {"name", a.name}, {"primary", a.primary}});
  return {{"id", t.id}, {"attributes", attrs}, {"tasks", tasks}, {"assignments", assigns}};
}

static json instance_fields(const rt::InstanceRec& r, json timers) {
  return {{"playbook", r.st.playbook},
          {"step", r.st.step},
          {"status", to_string(r.st.status)},
          {"outcome", r.st.outcome},
          {"entered_at", format_iso_instant(r.st.entered_at)},
          {"visits", rt::visits_to_json(r.st.visits)},
          {"timers", timers},
          {"pinned", r.hash},
          {"version", r.version}};
}

json instance_json(const rt::InstanceRec& r) {
  json timers = json::array();
  for (const auto& t : r.st.timers)
    timers.push_back(
        {{"step", t.step}, {"transition", t.transition}, {"due", format_iso_instant(t.due)}});
  json j = instance_fields(r, std::move(timers));
  if (!r.st.caller.empty()) j["caller"] = r.st.caller;  // call and return: only when called
  if (!r.st.returns.empty()) j["returns"] = rt::returns_to_json(r.st.returns);
  json regions = json::array();  // parallel regions: only in a parallel step
  for (const auto& g : r.st.regions)
    regions.push_back(
        {{"region", g.id}, {"step", g.step}, {"entered_at", format_iso_instant(g.entered_at)}});
  if (!regions.empty()) j["regions"] = std::move(regions);
  return j;
}

}  // namespace pb::cli
