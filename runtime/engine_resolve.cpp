// engine_resolve.cpp — compiling pinned playbook sources through the
// catalog's PlaybookSource (cached by hash, per engine and in the catalog's
// shared CompileCache when it has one) and the live and replay resolvers
// (engine_impl.hpp). No playbook text is parsed here.
#include <fmt/format.h>

#include "engine_impl.hpp"
#include "model/calendar_math.hpp"
#include "model/diagnostics.hpp"

namespace pb::rt {

static std::string pin_text(const PinnedSource& s) {
  return s.filename + "\n" + s.source + '\0' + s.schema_filename + "\n" + s.schema_source;
}

static Playbook tenant_schema_playbook(const Project* p) {
  Playbook pb;
  pb.id = "(tenant)";
  if (!p) return pb;
  for (const auto& b : p->playbooks) {
    for (const auto& a : b.tenant.attributes) pb.tenant.attributes.push_back(a);
    for (const auto& r : b.tenant.rules) pb.tenant.rules.push_back(r);
    for (const auto& x : b.extends) pb.extends.push_back(x);  // checked by extended_values_run
    for (const auto& r : b.rules)
      if (r.on == RuleOn::Set) pb.rules.push_back(r);
  }
  return pb;
}

std::shared_ptr<const CompiledPlaybook> CompileCache::find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = map_.find(key);
  return it == map_.end() ? nullptr : it->second;
}

std::shared_ptr<const CompiledPlaybook> CompileCache::insert(
    const std::string& key, std::shared_ptr<const CompiledPlaybook> cp) {
  std::lock_guard lock(mutex_);
  return map_.emplace(key, std::move(cp)).first->second;
}

static void index_catalog(Engine::Impl& e) {
  e.file_hash.clear();
  static const std::string kTenantSchema = "(tenant schema)";  // not a content hash: no clash
  if (e.cat.cache) e.tenant_schema = e.cat.cache->find(kTenantSchema);
  if (e.tenant_schema) return;
  const Schema* shared = e.cat.project && e.cat.project->schema ? &*e.cat.project->schema : nullptr;
  e.tenant_schema = compile_playbook(tenant_schema_playbook(e.cat.project), shared);
  if (e.cat.cache) e.tenant_schema = e.cat.cache->insert(kTenantSchema, e.tenant_schema);
}

Engine::Impl::Impl(Store& s, Catalog c, int r) : store(s), cat(std::move(c)), retries(r) {
  all_loaded = !cat.load_all;
  if (all_loaded) index_catalog(*this);
}

void Engine::Impl::load_all() {
  if (all_loaded) return;
  all_loaded = true;
  cat.load_all(cat);
  tenant_schema = nullptr;
  index_catalog(*this);
}

const std::string& Engine::Impl::file_version(const std::string& playbook) {
  if (auto it = file_hash.find(playbook); it != file_hash.end()) return it->second;
  const PinnedSource& src = cat.files.at(playbook);
  std::string id = cat.source ? cat.source->version_of("", src) : "";
  if (id.empty()) id = content_hash(pin_text(src));  // does not parse: refused when compiled
  return file_hash[playbook] = std::move(id);
}

std::string Engine::Impl::version_of(const std::string& hash) {
  if (hash.size() == 64 || !cat.source) return hash;  // a version id already
  auto src = load_source(store, hash);
  std::string id = src ? cat.source->version_of(hash, *src) : "";
  return id.empty() ? hash : id;
}

// The shared cache is keyed by version and file: a version names content,
// but what a compiled playbook reports (rules, transitions) carries its file.
static std::string cache_key(const std::string& hash, const PinnedSource& src) {
  return hash + '\n' + src.filename;
}

std::optional<Pinned> Engine::Impl::compile(const std::string& hash, const PinnedSource& src,
                                            Refusal& why) {
  if (auto cp = cat.cache ? cat.cache->find(cache_key(hash, src)) : nullptr)
    return compiled[hash] = Pinned{hash, cp};
  auto cp = cat.source ? cat.source->compile(hash, src) : nullptr;
  if (!cp) {
    why = Refusal{RefusalCode::PinnedUnreadable,
                  fmt::format("the pinned text of playbook '{}' ({}) does not parse", src.playbook,
                              src.filename),
                  true};
    return std::nullopt;
  }
  Pinned p{hash, std::move(cp)};
  if (cat.cache) p.cp = cat.cache->insert(cache_key(hash, src), p.cp);
  compiled[hash] = p;
  return p;
}

std::optional<Pinned> Engine::Impl::by_hash(const std::string& hash, Refusal& why) {
  if (auto it = compiled.find(hash); it != compiled.end()) return it->second;
  auto src = load_source(store, hash);
  if (!src) {
    why = Refusal{RefusalCode::PinnedMissing, fmt::format("no pinned playbook with hash {}", hash),
                  true};
    return std::nullopt;
  }
  return compile(hash, *src, why);
}

bool Engine::Impl::tenant_writes(const Input& given, const TenantState& t, Instant now,
                                 std::vector<AttrWrite>& out, Refusal& why) {
  load_all();
  Input in = given;
  in.kind = InputKind::Set;
  InstanceState none;
  none.status = InstanceStatus::Ended;
  Result r = evaluate(*tenant_schema, t, none, in, now, default_calendar());
  if (!r.ok()) return why = r.refusal, false;
  out = std::move(r.outcome->attrs);
  return true;
}

std::optional<Pinned> LiveResolver::to_start(const std::string& playbook, LogInput& in,
                                             Refusal& why) {
  e_.load_all();
  auto it = e_.cat.files.find(playbook);
  if (it == e_.cat.files.end()) {
    std::vector<std::string> ids;
    for (const auto& [id, src] : e_.cat.files) ids.push_back(id);
    std::string hint = did_you_mean(playbook, ids);
    why = Refusal{
        RefusalCode::UnknownPlaybook,
        fmt::format("there is no playbook '{}'{}", playbook, hint.empty() ? "" : "; " + hint),
        true};
    return std::nullopt;
  }
  if (!e_.lint_clean(playbook, why)) return std::nullopt;
  const std::string& hash = e_.file_version(playbook);
  in.pins[playbook] = hash;
  new_sources[hash] = &it->second;
  if (auto c = e_.compiled.find(hash); c != e_.compiled.end()) return c->second;
  return e_.compile(hash, it->second, why);
}

const Calendar& Engine::Impl::pick_calendar(const CompiledPlaybook& cp, const TenantState& t) {
  static const std::vector<Calendar> none;
  if (!cat.find_calendar)
    return pb::pick_calendar(cp, t, cat.project ? cat.project->calendars : none);
  const std::string* id = calendar_id(cp, t);
  const Calendar* cal = id ? cat.find_calendar(*id) : nullptr;
  return cal ? *cal : default_calendar();
}

const Calendar& LiveResolver::calendar(const CompiledPlaybook& cp, const TenantState& t,
                                       LogInput& in) {
  const Calendar& cal = e_.pick_calendar(cp, t);
  if (&cal == &default_calendar()) return cal;
  auto [pin, fresh] = e_.calendar_pins.try_emplace(&cal);
  if (fresh) {
    pin->second.second = calendar_to_json(cal).dump();
    pin->second.first = content_hash(pin->second.second);
  }
  in.calendar = pin->second.first;
  new_calendars[in.calendar] = &pin->second.second;
  return cal;
}

std::optional<Pinned> ReplayResolver::to_start(const std::string& playbook, LogInput& in,
                                               Refusal& why) {
  auto it = in.pins.find(playbook);
  if (it == in.pins.end()) {
    why = Refusal{RefusalCode::PinnedMissing,
                  fmt::format("the log does not say which '{}' was started", playbook), true};
    return std::nullopt;
  }
  return e_.by_hash(it->second, why);
}

const Calendar& ReplayResolver::calendar(const CompiledPlaybook&, const TenantState&,
                                         LogInput& in) {
  if (in.calendar.empty()) return default_calendar();
  if (auto it = calendars_.find(in.calendar); it != calendars_.end()) return it->second;
  Calendar cal;
  auto body = load_calendar(e_.store, in.calendar);
  if (!body || !calendar_from_json(nlohmann::json::parse(*body, nullptr, false), cal))
    return default_calendar();
  return calendars_[in.calendar] = std::move(cal);
}

Response refused(const Refusal& r) {
  Response out = failure(r.bad_input ? kBadInput : kRefused, r.code, r.reason);
  out.details = r.details;
  return out;
}

Response failure(int exit, RefusalId code, std::string message) {
  Response out;
  out.exit = exit;
  out.code = std::move(code);
  out.message = std::move(message);
  return out;
}

bool store_failed(const Response& r) { return r.exit == kBusy || r.code == RefusalCode::Store; }

Response store_failure(const StoreError& e) {
  return e.busy() ? failure(kBusy, RefusalCode::Busy, e.what())
                  : failure(kBadInput, RefusalCode::Store, e.what());
}

}  // namespace pb::rt
