// diag_format_machine.cpp — diagnostics for machines: JSON (an array of
// objects) and GitHub workflow commands (SARIF: diag_format_sarif.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "diag_format.hpp"

namespace pb::cli {

namespace {

using nlohmann::json;

// GitHub workflow command escaping (data, and property values).
std::string gh_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

json json_place(const Loc& loc) {
  return {{"file", loc.filename()}, {"line", loc.line}, {"column", loc.col}};
}

}  // namespace

std::string format_json(const Diagnostics& diags) {
  json arr = json::array();
  for (const auto& d : diags.items()) {
    json j = json_place(d.loc);
    j.update({{"severity", to_string(d.severity)},
              {"code", to_string(d.code)},
              {"message", d.message},
              {"hint", d.hint}});
    for (const auto& r : d.related) {
      json place = json_place(r.loc);
      place["message"] = r.message;
      j["relatedLocations"].push_back(place);
    }
    if (d.suppression) {
      json sup = json_place(d.suppression->loc);
      sup["kind"] = d.suppression->kind == Suppression::Kind::InSource ? "inSource" : "external";
      sup["justification"] = d.suppression->reason;
      j["suppression"] = sup;
    }
    arr.push_back(std::move(j));
  }
  return arr.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string format_github(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.items()) {
    const char* cmd = d.severity == Severity::Error     ? "error"
                      : d.severity == Severity::Warning ? "warning"
                                                        : "notice";
    std::string msg = d.hint.empty() ? d.message : fmt::format("{} ({})", d.message, d.hint);
    out += fmt::format("::{} file={}", cmd, gh_escape(d.loc.filename(), true));
    if (d.loc.line)
      out += fmt::format(",line={},col={}", d.loc.line, std::max<uint32_t>(1, d.loc.col));
    out +=
        fmt::format(",title={}::{}\n", gh_escape(to_string(d.code), true), gh_escape(msg, false));
  }
  return out;
}

}  // namespace pb::cli
