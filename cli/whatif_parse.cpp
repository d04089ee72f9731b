// whatif_parse.cpp — see whatif_parse.hpp.
#include "cli/whatif_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "cli/run_common.hpp"
#include "model/calendar_math.hpp"
#include "runtime/scenario.hpp"
#include "source/scenario_loader.hpp"

namespace pb::cli {

namespace {

// Prints an error line on stderr; returns false.
template <class... A>
bool fail(fmt::format_string<A...> f, A&&... a) {
  fmt::print(stderr, "error: {}\n", fmt::format(f, std::forward<A>(a)...));
  return false;
}

const char* kDefaultContact = "Test Contact <contact@example.invalid> primary";

// Later writes of the same attribute replace earlier ones.
void put(std::vector<std::pair<std::string, std::string>>& attrs, const std::string& k,
         const std::string& v) {
  std::erase_if(attrs, [&](const auto& p) { return p.first == k; });
  attrs.emplace_back(k, v);
}

const Attribute* contacts_attribute(const Project& p, const Playbook& pb) {
  for (const auto* list : {&pb.tenant.attributes, p.schema ? &p.schema->attributes : nullptr}) {
    if (!list) continue;
    for (const auto& a : *list)
      if (a.type.kind == TypeKind::Contacts) return &a;
  }
  return nullptr;
}

bool tenant_attributes(const Globals& g, const WhatifOpts& o, const LoadResult& project,
                       const Playbook& pb, rt::whatif::Request& req, std::string& source) {
  if (!o.sample.empty()) {
    scen::Scenario s;
    Diagnostics d;
    if (!scen::load_sample(g.playbooks + "/samples/" + o.sample + ".tenant.yaml", s, Loc{}, d)) {
      for (const auto& x : d.items()) fmt::print(stderr, "error: {} [{}]\n", x.message, x.code);
      return false;
    }
    req.attributes = s.attributes;
    source = "from sample " + o.sample;
  } else {
    source = "with defaults";
    if (const Attribute* c = contacts_attribute(project.project, pb)) {
      req.attributes.emplace_back(c->name, kDefaultContact);
      source += fmt::format(" ({}={})", c->name, kDefaultContact);
    }
  }
  if (!o.region.empty()) {
    if (!pb.calendar.starts_with("tenant."))
      return fail("playbook {} picks no calendar from the tenant; --region does not apply", pb.id);
    put(req.attributes, pb.calendar.substr(7), o.region);
    source += fmt::format(", {}={}", pb.calendar.substr(7), o.region);
  }
  std::vector<std::pair<std::string, std::string>> sets;
  if (!split_sets(o.sets, sets)) return false;
  for (const auto& [k, v] : sets) put(req.attributes, k, v), source += fmt::format(", {}={}", k, v);
  return true;
}

}  // namespace

bool parse_offset(const std::string& text, int64_t& amount, DurationUnit& unit) {
  static const std::regex re(R"(\+(\d{1,6})(bd|bh|d|h|w|mo))");
  std::smatch m;
  if (!std::regex_match(text, m, re)) return false;
  amount = std::stoll(m[1]);
  std::string u = m[2];
  unit = u == "bd"   ? DurationUnit::BusinessDays
         : u == "bh" ? DurationUnit::BusinessHours
         : u == "d"  ? DurationUnit::Days
         : u == "h"  ? DurationUnit::Hours
         : u == "mo" ? DurationUnit::Months
                     : DurationUnit::Weeks;
  return true;
}

bool parse_when(const std::string& text, Instant& out) {
  if (!parse_iso_instant(text, out)) return false;
  if (text.size() == 10) out += std::chrono::hours{9};  // a date: the start of a working day
  return true;
}

bool parse_planned(const std::string& text, rt::whatif::Planned& out) {
  auto at = text.find('@');
  if (at == std::string::npos || at == 0)
    return fail("'{}' is not EVENT@OFFSET (e.g. research_done@+0h, no_answer@+2bd)", text);
  out.text = text;
  static const std::regex re(
      R"((\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)?|[^:]*)(:(.*))?)");
  std::smatch m;
  std::string what = text.substr(0, at), rest = text.substr(at + 1);
  std::regex_match(rest, m, re);  // always matches: a date-time, else up to the first ':'
  std::string when = m[1], sets = m[5];
  if (std::all_of(what.begin(), what.end(), [](char c) { return c >= '0' && c <= '9'; }))
    out.task = std::stoll(what.substr(0, 12));
  else
    out.event = what;
  Instant abs;
  if (parse_offset(when, out.amount, out.unit)) {
  } else if (parse_when(when, abs)) {
    out.at = abs;
  } else {
    return fail("'{}' in '{}' is not an offset (+3d, +2bd, +4h, +1w) or a date", when, text);
  }
  std::vector<std::string> items;
  for (size_t i = 0; !sets.empty() && i != std::string::npos;) {
    size_t comma = sets.find(',', i);
    items.push_back(sets.substr(i, comma == std::string::npos ? std::string::npos : comma - i));
    i = comma == std::string::npos ? comma : comma + 1;
  }
  return split_sets(items, out.sets);
}

bool build_request(const Globals& g, const WhatifOpts& o, const LoadResult& project,
                   const Playbook& pb, rt::whatif::Request& req, std::string& tenant_source) {
  req.playbook = pb.id;
  req.follow = o.follow;
  if (!parse_when(o.start, req.start))
    return fail("--start '{}' is not a date or a date-time", o.start);
  int64_t n = 0;
  DurationUnit unit{};
  if (parse_offset(o.until, n, unit))
    req.until = add_duration(req.start, n, unit, default_calendar());
  else if (!parse_when(o.until, req.until))
    return fail("--until '{}' is not a date, a date-time or +OFFSET", o.until);
  for (const auto& text : o.inputs)
    if (!parse_planned(text, req.inputs.emplace_back())) return false;
  return tenant_attributes(g, o, project, pb, req, tenant_source);
}

}  // namespace pb::cli
