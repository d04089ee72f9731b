// whatif_parse.hpp — the options of `playbook whatif` (cmd_whatif.cpp) and
// their translation into a runtime whatif::Request: dates, offsets
// ("+3d", "+2bd", "+4h", "+1w" or a date), planned inputs
// ("EVENT@OFFSET[:k=v,…]", "TASK@OFFSET") and the tenant's attributes
// (a sample, else defaults; --region and --set on top).
#pragma once

#include <string>
#include <vector>

#include "cli/app.hpp"
#include "grammar/loader.hpp"
#include "runtime/whatif.hpp"

namespace pb::cli {

struct WhatifOpts {
  std::string playbook;
  std::vector<std::string> inputs;
  std::string start, region, sample, until = "+365d", format = "text";
  std::vector<std::string> sets;
  bool follow = false;
};

// "+N{bd|bh|d|h|w|mo}" → amount and unit (bh business hours, mo calendar
// months); false when not an offset.
bool parse_offset(const std::string& text, int64_t& amount, DurationUnit& unit);

// A date (09:00 UTC) or a date-time; false when neither.
bool parse_when(const std::string& text, Instant& out);

// "EVENT@OFFSET[:k=v,…]" / "TASK@OFFSET" → Planned; prints why and returns false when malformed.
bool parse_planned(const std::string& text, rt::whatif::Planned& out);

// Fills `req` from the options; `tenant_source` says where the attributes came
// from. Prints why and returns false on a bad option.
bool build_request(const Globals& g, const WhatifOpts& o, const LoadResult& project,
                   const Playbook& pb, rt::whatif::Request& req, std::string& tenant_source);

}  // namespace pb::cli
