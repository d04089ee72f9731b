// migrate_fixture.hpp — what the migrate end-to-end tests share: files
// edited in place, a copy of tests/data/run, and three tenants at three
// steps of outreach. Test-only.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_fixture.hpp"

namespace pbt {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

inline void replace(const std::filesystem::path& p, const std::string& from,
                    const std::string& to) {
  std::string text = slurp(p);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write(p, text);
}

// A copy of tests/data/run under the test's temporary directory.
inline std::string copy_run(const Cli& cli, const std::string& name) {
  std::filesystem::path to = cli.db.dir / name;
  std::filesystem::copy(PB_SOURCE_DIR "/tests/data/run", to,
                        std::filesystem::copy_options::recursive);
  return to.string();
}

// contoso in phone (its 2 business days passed), fabrikam in paused, acme
// in email_1 (started after the tick), all at 2026-03-11T10:00:00Z.
inline void three_tenants(Cli& cli) {
  const char* now = "2026-03-11T10:00:00Z";
  for (const char* t : {"acme", "contoso", "fabrikam"})
    REQUIRE(cli(std::string("tenant add ") + t +
                " --set region=AMERICAS --set 'contacts=Ana <ana@x.com> primary'")
                .rc == 0);
  for (const char* t : {"contoso", "fabrikam"})
    REQUIRE(cli(std::string("start ") + t + " outreach").rc == 0);
  REQUIRE(cli("fire fabrikam paused --set until=2026-04-01").rc == 0);
  REQUIRE(cli("tick", now).rc == 0);
  REQUIRE(cli("start acme outreach", now).rc == 0);
  REQUIRE(has(cli("status contoso", now), "step phone"));
}

}  // namespace pbt
