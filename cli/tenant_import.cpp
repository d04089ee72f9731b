// tenant_import.cpp — `playbook tenant import FILE.csv [--skip-bad]
// [--batch N]`: adds the tenants of a CSV file (header `id,ATTR,…`, RFC 4180
// quoting), or sets the attributes of those that exist; empty cells are left
// alone.
//
// Contract:
//  * All or nothing by default. A first pass applies every row inside one
//    write transaction that is then rolled back, so every bad row is found
//    (wrong cell count, unknown attribute, bad value, a rule refusing) with
//    the same checks as `tenant add|set`, later rows seeing earlier ones. One
//    line per bad row on stderr, "FILE:LINE: tenant ID: message [code]" (LINE
//    is the line the record starts on), at most kShownErrors of them, then
//    "nothing imported" and exit 2.
//  * --skip-bad imports the good rows and reports the bad ones (exit 2 when
//    there were any, so scripts notice).
//  * A file of at most --batch rows is imported by that first pass (its
//    transaction then holds exactly the good rows and is committed).
//  * Otherwise a second pass commits the rows in batches of --batch (default 500) per
//    transaction; a row counts once its batch committed. When the store fails
//    (busy beyond retries) the run stops after the last committed batch and
//    says how many rows are in; running the import again resumes (a row of a
//    tenant that exists is a `tenant set`).
//  * A progress line on stderr when stderr is a terminal and the file has at
//    least kProgressRows rows.
#include "cli/tenant_import.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

#include "cli/text_out.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

constexpr size_t kShownErrors = 20;
constexpr size_t kProgressRows = 2000;

struct Bad {
  size_t row;  // index in CsvTable::rows
  size_t line;
  std::string id, message;
};

// One pass over the rows inside the caller's transaction; `skip` holds the
// row indexes not to apply. Bad rows go to `bad`; returns false on a store
// failure, kept in `store_error` (the transaction must be rolled back).
bool apply_rows(Session& s, const Globals& g, const CsvTable& t, size_t from, size_t to,
                const std::set<size_t>& skip, std::vector<Bad>& bad, rt::Response& store_error) {
  const auto& head = t.rows[0];
  for (size_t i = from; i < to; ++i) {
    if (skip.count(i)) continue;
    const auto& row = t.rows[i];
    if (row.size() != head.size()) {
      bad.push_back({i, t.lines[i], row[0], fmt::format("{} cells, the header has {}", row.size(), head.size())});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> sets;
    for (size_t c = 1; c < head.size(); ++c)
      if (!row[c].empty()) sets.emplace_back(head[c], row[c]);
    rt::Response r = s.engine->tenant_put_in_tx(row[0], sets, actor(g), s.now);
    if (r.exit == rt::kOk) continue;
    if (r.code == "store" || r.exit == rt::kBusy) return store_error = std::move(r), false;
    bad.push_back({i, t.lines[i], row[0], fmt::format("{} [{}]", r.message, r.code)});
  }
  return true;
}

void print_bad(const std::string& file, const std::vector<Bad>& bad) {
  for (size_t i = 0; i < bad.size() && i < kShownErrors; ++i)
    err_line("{}:{}: tenant {}: {}", file, bad[i].line, bad[i].id.empty() ? "(no id)" : bad[i].id,
             bad[i].message);
  if (bad.size() > kShownErrors) fmt::print(stderr, "… and {} more bad rows\n", bad.size() - kShownErrors);
}

// First pass: every row applied in one transaction, rolled back — unless
// `keep` and the rows may be imported (none bad, or --skip-bad): a refused row
// writes nothing, so the pass then holds exactly the good rows applied in
// order, what a second pass would write; it is committed as it is.
// `committed` says which happened.
bool validate(Session& s, const Globals& g, const CsvTable& t, const ImportOpts& o, bool keep,
              std::vector<Bad>& bad, rt::Response& err, bool& committed) {
  rt::Transaction tx(*s.store, true);
  committed = false;
  if (!apply_rows(s, g, t, 1, t.rows.size(), {}, bad, err)) return false;  // ~Transaction rolls back
  if (keep && (bad.empty() || o.skip_bad)) tx.commit(), committed = true;
  return true;
}

void progress(size_t done, size_t total, bool show) {
  if (!show) return;
  int width = 30, filled = int(width * done / total);
  fmt::print(stderr, "\r[{}{}] {}/{} rows", std::string(size_t(filled), '#'), std::string(size_t(width - filled), ' '),
             done, total);
  if (done == total) fmt::print(stderr, "\n");
}

}  // namespace

CsvTable parse_csv(const std::string& text) {
  CsvTable t;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  size_t line = 1, start = 1;
  auto end_row = [&] {
    if (any || !row.empty()) row.push_back(std::move(cell));
    if (!(row.empty() || (row.size() == 1 && row[0].empty()))) t.rows.push_back(std::move(row)), t.lines.push_back(start);
    row.clear(), cell.clear(), any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!any && row.empty()) start = line;
    if (c == '\n') ++line;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell)), cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i, ++line;
      end_row();
      continue;
    } else {
      cell += c;
    }
    any = true;
  }
  end_row();
  return t;
}

int run_import(const Globals& g, const ImportOpts& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return fmt::print(stderr, "error: cannot read '{}'\n", o.file), kBadInput;
  std::stringstream ss;
  ss << in.rdbuf();
  CsvTable t = parse_csv(ss.str());
  if (t.rows.empty() || t.rows[0].empty() || (t.rows[0][0] != "id" && t.rows[0][0] != "tenant"))
    return fmt::print(stderr, "error: {}:1: the first column of the header must be 'id'\n", o.file), kBadInput;
  int exit;
  auto s = open_session(g, exit, kWriting);
  if (!s) return exit;
  std::vector<Bad> bad;
  rt::Response err;
  size_t rows = t.rows.size() - 1, batch = size_t(std::max(1, o.batch));
  bool done = false;  // a file of one batch is imported by its checking pass
  if (!validate(*s, g, t, o, rows <= batch, bad, err, done))
    return report(err), fmt::print(stderr, "nothing imported\n"), err.exit;
  print_bad(o.file, bad);
  if (!bad.empty() && !o.skip_bad)
    return fmt::print(stderr, "{} of {} rows are bad; nothing imported (--skip-bad imports the others)\n",
                      bad.size(), rows), kBadInput;
  std::set<size_t> skip;
  for (const auto& b : bad) skip.insert(b.row);
  bool show = isatty(STDERR_FILENO) && rows >= kProgressRows;
  for (size_t from = done ? t.rows.size() : 1; from < t.rows.size(); from += batch) {
    size_t to = std::min(t.rows.size(), from + batch);
    std::vector<Bad> late;
    rt::Transaction tx(*s->store, true);
    if (!apply_rows(*s, g, t, from, to, skip, late, err) || !late.empty()) {
      if (err.exit == rt::kOk) err.exit = rt::kBusy, err.code = "busy", err.message = late[0].message;
      fmt::print(stderr, "\n");
      report(err);
      fmt::print(stderr, "rows before line {} are imported, run the import again to resume\n", t.lines[from]);
      return err.exit;
    }
    tx.commit();
    progress(to - 1, rows, show);
  }
  fmt::print("imported {} of {} rows{}\n", rows - skip.size(), rows,
             skip.empty() ? "" : fmt::format(" ({} bad rows skipped)", skip.size()));
  return bad.empty() ? kOk : kBadInput;
}

}  // namespace pb::cli
