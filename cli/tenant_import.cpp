// tenant_import.cpp — `playbook tenant import FILE.csv [--skip-bad]
// [--batch N]`: adds the tenants of a CSV file (header `id,ATTR,…`), or sets
// the attributes of those that exist; empty cells are left alone.
//
// Contract:
//  * The file is read twice, each time as a stream (csv_reader.hpp: strict
//    RFC 4180, a UTF-8 byte order mark skipped): memory does not grow with
//    the file. A malformed file imports nothing: "FILE:LINE:COL: what is
//    wrong", exit 2. The header names `id` (or `tenant`) first, then
//    attributes, each once (a repeated or empty name: exit 2).
//  * The first pass checks every row as `tenant add|set` would (cell count,
//    unknown attribute, bad value, a rule refusing) and writes nothing, in
//    one read transaction (the engine's import_check, which keeps the ids
//    met in the store connection), and a second row for the same tenant is bad
//    ([duplicate-id], naming the line of the first). One line per bad row on
//    stderr, "FILE:LINE: tenant ID: message [code]" (LINE: where the record
//    starts), at most kShownErrors. Any bad row: nothing imported, exit 2 —
//    unless --skip-bad, which imports the good rows and still exits 2.
//  * The second pass commits the good rows, --batch (default 500) per
//    transaction (the engine's import_write; a file of one batch: all or
//    nothing). A row that would
//    change nothing writes nothing (no event) and is counted unchanged, so
//    importing the same file again writes nothing. When the store fails, or
//    a row is refused now that another writer changed its tenant since the
//    check, the run stops after the last committed batch and says from which
//    line to resume; running the import again resumes (imported rows are
//    unchanged then).
//  * A progress line on stderr when stderr is a terminal, from kProgressRows
//    rows on.
#include "cli/tenant_import.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <map>

#include "cli/csv_reader.hpp"
#include "cli/text_out.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

constexpr size_t kShownErrors = 20;
constexpr size_t kProgressRows = 2000;
// Not a colour: a carriage return, then the terminal's "erase to the end of
// the line" (CSI K), which wipes the progress line before other output.
constexpr const char* kEraseLine = "\r\x1b[K";

struct Import {
  const Globals& g;
  const ImportOpts& o;
  Session& s;
  std::vector<std::string> head;
  size_t rows = 0, bad = 0, unchanged = 0, written = 0;
  std::vector<size_t> bad_rows;  // numbers (from 1) of the data rows the check found bad, ascending
  bool tty = false, progress_shown = false;
};

void clear_progress(Import& im) {
  if (im.progress_shown) fmt::print(stderr, kEraseLine), im.progress_shown = false;
}

void progress(Import& im, size_t done, size_t total) {
  if (!im.tty || done < kProgressRows || (done % 1000 != 0 && done != total)) return;
  if (total == 0) {
    fmt::print(stderr, "\rchecked {} rows", done);
  } else {
    size_t width = 30, filled = width * done / total;
    fmt::print(stderr, "\r[{}{}] {}/{} rows", std::string(filled, '#'),
               std::string(width - filled, ' '), done, total);
  }
  im.progress_shown = true;
}

void report_bad(Import& im, size_t line, const std::string& id, const std::string& message) {
  clear_progress(im);
  if (im.bad < kShownErrors)
    err_line("{}:{}: tenant {}: {}", im.o.file, line, id.empty() ? "(no id)" : id, message);
  ++im.bad;
  im.bad_rows.push_back(im.rows);
}

bool check_header(Import& im, const CsvRecord& h) {
  const auto& c = h.cells;
  if (c.empty() || (c[0] != "id" && c[0] != "tenant"))
    return fmt::print(stderr, "error: {}:{}: the first column of the header must be 'id'{}\n",
                      im.o.file, h.line, c.empty() ? "" : fmt::format(", not '{}'", c[0])),
           false;
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i].empty())
      return fmt::print(stderr, "error: {}:{}: column {} of the header has no name\n", im.o.file,
                        h.line, i + 1),
             false;
    auto [it, fresh] = seen.emplace(c[i], i);
    if (!fresh)
      return err_line("error: {}:{}: column '{}' is in the header twice (columns {} and {})",
                      im.o.file, h.line, c[i], it->second + 1, i + 1),
             false;
  }
  im.head = c;
  return true;
}

// The import row of a data record: its cells by the header's names (empty
// cells left alone); a record whose cell count is not the header's is bad.
rt::ImportRow row_of(const Import& im, const CsvRecord& r) {
  rt::ImportRow row{r.line, r.cells.empty() ? std::string() : r.cells[0], {}, {}};
  if (r.cells.size() != im.head.size())
    row.bad = fmt::format("{} cells, the header has {}", r.cells.size(), im.head.size());
  for (size_t c = 1; c < im.head.size() && c < r.cells.size(); ++c)
    if (!r.cells[c].empty()) row.sets.emplace_back(im.head[c], r.cells[c]);
  return row;
}

// Why a pass stopped: the store (exit 2 `[store]`, or 3 when busy), a row
// refused only now, a file that changed since the check.
struct Failure {
  int code = kOk;
  std::string message;  // with its [code]
  void set(const rt::Response& r) {
    code = r.exit == rt::kBusy ? kBusy : kBadInput;
    message = fmt::format("{} [{}]", r.message, r.code);
  }
  int print(const std::string& then) const {
    err_line("{}: {}; {}", code == kBusy ? "busy" : "error", message, then);
    return code;
  }
};

// The checking pass (writes nothing). 0, or the exit code (message printed).
int check_pass(Import& im) {
  Failure fail;
  CsvError bad_csv;
  bool header = true, header_ok = true, read = false;
  auto rows = [&](const std::function<bool(const rt::ImportRow&)>& each) {
    return read = read_csv(
               im.o.file,
               [&](const CsvRecord& r) {
                 if (header) return header = false, header_ok = check_header(im, r);
                 return each(row_of(im, r));
               },
               bad_csv);
  };
  auto verdict = [&](const rt::ImportRow& row, const rt::Response& resp) {
    ++im.rows;
    if (resp.exit == rt::kOk) return progress(im, im.rows, 0);
    report_bad(im, row.line, row.id,
               resp.code.empty() ? resp.message : fmt::format("{} [{}]", resp.message, resp.code));
    if (resp.code != RefusalCode::DuplicateId && row.bad.empty()) progress(im, im.rows, 0);
  };
  rt::Response r = im.s.engine->import_check(rows, actor(im.g), im.s.now, verdict);
  if (r.exit != rt::kOk) fail.set(r), read = false;
  clear_progress(im);
  if (!header_ok) return kBadInput;
  if (fail.code) return fail.print("nothing imported");
  if (!read && bad_csv.line == 0)
    return fmt::print(stderr, "error: {}\n", bad_csv.message), kBadInput;
  if (!read)
    return fmt::print(stderr, "error: {}:{}:{}: {}; nothing imported\n", im.o.file, bad_csv.line,
                      bad_csv.col, bad_csv.message),
           kBadInput;
  if (header)
    return fmt::print(stderr, "error: {}: the file is empty (expected a header: id,ATTR,…)\n",
                      im.o.file),
           kBadInput;
  return kOk;
}

// The writing pass over the good rows, --batch rows per transaction. 0, or
// the exit code (message printed: how far the import got).
int write_pass(Import& im) {
  size_t record = 0, next_bad = 0, good = im.rows - im.bad;
  CsvError bad_csv;
  auto rows = [&](const std::function<bool(const rt::ImportRow&)>& each) {
    return read_csv(
        im.o.file,
        [&](const CsvRecord& r) {
          if (++record == 1) return true;  // the header
          if (next_bad < im.bad_rows.size() && im.bad_rows[next_bad] == record - 1)
            return ++next_bad, true;
          return each(row_of(im, r));
        },
        bad_csv);
  };
  auto committed = [&](const rt::ImportWrite& w) { progress(im, w.written + w.unchanged, good); };
  rt::ImportWrite w = im.s.engine->import_write(rows, size_t(std::max(1, im.o.batch)), actor(im.g),
                                                im.s.now, committed);
  im.written = w.written, im.unchanged = w.unchanged;
  clear_progress(im);
  if (w.read) return kOk;
  Failure fail;
  if (w.refused_line)  // another writer changed the tenant since the check
    fail.code = kBusy,
    fail.message = fmt::format("{}:{}: tenant {}: {} [{}] (it changed since the check)", im.o.file,
                               w.refused_line, w.refused_id, w.failure.message, w.failure.code);
  else if (w.failure.exit != rt::kOk)
    fail.set(w.failure);
  else
    fail.code = kBadInput,
    fail.message = fmt::format("{}:{}:{}: {} (the file changed since the check)", im.o.file,
                               bad_csv.line, bad_csv.col, bad_csv.message);
  if (im.written + im.unchanged == 0) return fail.print("nothing imported");
  return fail.print(fmt::format(
      "the rows before line {} are imported: run the import again to resume", w.batch_line));
}

}  // namespace

int run_import(const Globals& g, const ImportOpts& o) {
  int exit;
  auto s = open_session(g, exit, kWriting);
  if (!s) return exit;
  Import im{g, o, *s, {}, 0, 0, 0, 0, {}, false, false};
  im.tty = isatty(STDERR_FILENO) != 0;
  if (int rc = check_pass(im)) return rc;
  if (im.bad > kShownErrors) fmt::print(stderr, "… and {} more bad rows\n", im.bad - kShownErrors);
  if (im.bad && !o.skip_bad)
    return fmt::print(stderr,
                      "{} of {} rows are bad; nothing imported (--skip-bad imports the others)\n",
                      im.bad, im.rows),
           kBadInput;
  if (int rc = write_pass(im)) return rc;
  fmt::print(
      "imported {} of {} rows{}{}\n", im.written, im.rows,
      im.unchanged ? fmt::format(", {} unchanged (nothing written for them)", im.unchanged) : "",
      im.bad ? fmt::format(" ({} bad rows skipped)", im.bad) : "");
  return im.bad ? kBadInput : kOk;
}

}  // namespace pb::cli
