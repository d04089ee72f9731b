// replay_diff.hpp — the differences between a tenant as stored and as its
// event log rebuilds it (`replay`). Each difference is one line naming what
// differs, the stored value and the replayed one, e.g.
//   attribute region: stored "EMEA", replayed "AMERICAS"
//   note 2 (event 5): stored [status] "X" by fm1 at …, replayed [status] "Y" by fm1 at …
// Pure: no SQLite (the caller reads the stored rows).
#pragma once

#include <string>
#include <vector>

#include "store_world.hpp"
#include "world.hpp"

namespace pb::rt {

// What the log says was written besides the world: notes and outreach.
struct LoggedRows {
  std::vector<NoteRow> notes;
  std::vector<OutreachRow> outreach;
};

void diff_tenant(const TenantState& replayed, const TenantState& stored,
                 std::vector<std::string>& out);
void diff_instances(const TenantWorld& replayed, const TenantWorld& stored,
                    std::vector<std::string>& out);
void diff_rows(const LoggedRows& replayed, const LoggedRows& stored, std::vector<std::string>& out);

}  // namespace pb::rt
