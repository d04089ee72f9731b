// csv_reader.cpp — libcsv driven a block at a time (csv_reader.hpp).
//
// libcsv is a push parser that reports cells and record ends through
// callbacks but not where they are. Each block is therefore fed in pieces
// that end at a comma or a line break: a piece holds at most one cell end
// and one record end, so the position of the piece tells where a record
// starts, where the next cell opens and where a strict-mode fault is.
#include "cli/csv_reader.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace pb::cli {

namespace {

constexpr size_t kBlock = size_t(1) << 16;

struct Reader {
  const std::function<bool(const CsvRecord&)>* each = nullptr;
  CsvRecord rec;
  size_t cells = 0;                    // cells of `rec` filled so far
  bool in_record = false;              // a record has begun and not ended
  bool cell_ended = false;             // the last piece ended a cell
  bool stop = false;                   // `each` asked to stop
  size_t line = 1, col = 1;            // the position of the next byte
  bool after_cr = false;               // the last byte was a CR (a LF after it ends no new line)
  size_t cell_line = 1, cell_col = 1;  // where the cell being read opens
  CsvError* err = nullptr;
};

void on_cell(void* text, size_t n, void* data) {
  auto& r = *static_cast<Reader*>(data);
  r.cell_ended = true;
  if (r.cells == kMaxCells) {
    if (r.err->message.empty())
      *r.err = {r.line, r.col, fmt::format("a record of more than {} cells", kMaxCells)};
    return;
  }
  if (r.cells == r.rec.cells.size()) r.rec.cells.emplace_back();
  r.rec.cells[r.cells++].assign(text ? static_cast<const char*>(text) : "", n);
}

void on_record(int, void* data) {
  auto& r = *static_cast<Reader*>(data);
  r.in_record = false;
  if (!r.err->message.empty()) return;
  r.rec.cells.resize(r.cells);
  r.cells = 0;
  if (!(*r.each)(r.rec)) r.stop = true;
}

// The fault libcsv stopped at, `at` bytes into a piece that starts at r.col.
void strict_fault(Reader& r, const csv_parser& p, size_t at) {
  if (csv_error(const_cast<csv_parser*>(&p)) != CSV_EPARSE) {
    *r.err = {r.line, r.col + at, csv_strerror(csv_error(const_cast<csv_parser*>(&p)))};
    return;
  }
  *r.err = {r.line, r.col + at,
            p.quoted
                ? "only a comma or the end of the line may follow the closing quote of a cell "
                  "(a quote inside a quoted cell is written twice: \"\")"
                : "a quote inside a cell that does not start with one (quote the whole cell and "
                  "write the quote twice: \"a \"\"b\"\" c\")"};
}

// Feeds one piece: bytes up to and including the first comma or line break.
bool feed(Reader& r, csv_parser& p, const char* s, size_t n) {
  bool blank = n == 1 && (s[0] == '\n' || s[0] == '\r');
  if (!r.in_record && !blank)
    r.in_record = true, r.rec.line = r.line, r.cell_line = r.line, r.cell_col = r.col;
  r.cell_ended = false;
  size_t used = csv_parse(&p, s, n, on_cell, on_record, &r);
  if (used < n) return strict_fault(r, p, used), false;
  if (!r.err->message.empty() || r.stop) return false;
  char last = s[n - 1];
  bool lf_of_crlf = n == 1 && last == '\n' && r.after_cr;
  r.after_cr = last == '\r';
  if (last == '\n' || last == '\r') {
    if (!lf_of_crlf) ++r.line;
    r.col = 1;
  } else {
    r.col += n;
  }
  if (r.cell_ended) r.cell_line = r.line, r.cell_col = r.col;
  if (p.entry_pos > kMaxCellBytes) {
    *r.err = {r.cell_line, r.cell_col,
              fmt::format("a cell longer than {} bytes starts here (is a quote not closed?)",
                          kMaxCellBytes)};
    return false;
  }
  return true;
}

bool feed_block(Reader& r, csv_parser& p, const char* s, size_t n) {
  for (size_t from = 0; from < n;) {
    size_t to = from;
    while (to < n && s[to] != ',' && s[to] != '\n' && s[to] != '\r') ++to;
    if (to < n) ++to;  // the comma or line break ends the piece
    if (!feed(r, p, s + from, to - from)) return false;
    from = to;
  }
  return true;
}

bool finish(Reader& r, csv_parser& p) {
  if (csv_fini(&p, on_cell, on_record, &r) != 0) {
    *r.err = {r.cell_line, r.cell_col,
              "this quoted cell is never closed (its closing quote is missing)"};
    return false;
  }
  return r.err->message.empty();
}

}  // namespace

bool read_csv(const std::string& path, const std::function<bool(const CsvRecord&)>& each,
              CsvError& err) {
  err = {};
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f)
    return err.message = fmt::format("cannot read '{}': {}", path, std::strerror(errno)), false;
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return err.message = "out of memory", false;
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&p, csv_free);
  csv_set_space_func(&p, [](unsigned char) { return 0; });  // cells verbatim
  Reader r;
  r.each = &each;
  r.err = &err;
  std::vector<char> block(kBlock);
  bool first = true;
  for (size_t n; (n = std::fread(block.data(), 1, block.size(), f.get())) > 0; first = false) {
    size_t skip = first && n >= 3 && std::memcmp(block.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (!feed_block(r, p, block.data() + skip, n - skip))
      return err.message.empty();  // a fault, or a stop
  }
  if (std::ferror(f.get()))
    return err.message = fmt::format("cannot read '{}': {}", path, std::strerror(errno)), false;
  return r.stop || finish(r, p);
}

}  // namespace pb::cli
