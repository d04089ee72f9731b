// engine_versions.cpp — which version of a playbook each instance runs
// (engine.hpp, "Versions"): version ids of pinned hashes, old FNV aliases
// included, the directory's current version, and the store's versions of a
// playbook with their instances. Reads only.
#include <algorithm>

#include "engine.hpp"
#include "engine_impl.hpp"

namespace pb::rt {

std::string Engine::version_of(const std::string& hash) { return impl_->version_of(hash); }

std::string Engine::current_version(const std::string& playbook) {
  impl_->load_all();
  if (!impl_->cat.files.count(playbook)) return "";
  return impl_->file_version(playbook);
}

namespace {

struct PinnedRow {
  std::string hash, filename;
  int64_t active = 0, finished = 0;
};

// Every hash `playbook` is pinned under, in the order first pinned, with
// its instances counted.
std::vector<PinnedRow> pinned_rows(Store& s, const std::string& playbook) {
  std::vector<PinnedRow> rows;
  Query q(s, "SELECT hash, filename FROM playbook_sources WHERE playbook = ? ORDER BY rowid");
  q.bind(1, playbook);
  while (q.step()) rows.push_back(PinnedRow{q.text(0), q.text(1)});
  Query c(s,
          "SELECT hash, status = 'active', count(*) FROM instances WHERE playbook = ? "
          "GROUP BY 1, 2");
  c.bind(1, playbook);
  while (c.step()) {
    std::string hash = c.text(0);
    auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.hash == hash; });
    if (it == rows.end()) it = rows.insert(rows.end(), PinnedRow{hash, ""});
    (c.i64(1) ? it->active : it->finished) += c.i64(2);
  }
  return rows;
}

}  // namespace

Response Engine::versions(const std::string& playbook, std::vector<VersionRow>& out) {
  std::vector<PinnedRow> rows;
  Response r = in_snapshot(store_, [&] {
    rows = pinned_rows(store_, playbook);
    return Response{};
  });
  if (r.exit != kOk) return r;
  std::string current = current_version(playbook);
  out.clear();
  for (const auto& row : rows) {
    std::string id = version_of(row.hash);
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& v) { return v.version == id; });
    if (it == out.end()) it = out.insert(out.end(), VersionRow{id, {}, row.filename});
    it->pinned.push_back(row.hash);
    it->active += row.active, it->finished += row.finished;
    it->current = id == current;
  }
  return r;
}

}  // namespace pb::rt
