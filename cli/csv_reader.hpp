// csv_reader.hpp — reads a CSV file (RFC 4180) record by record with libcsv
// in strict mode, a block at a time: memory holds one block and one record,
// whatever the size of the file.
//
// Contract:
//  * Cells are taken verbatim: spaces are kept, never trimmed. A quoted cell
//    may hold commas, line breaks and quotes written twice (""). An empty
//    cell and a quoted empty cell ("") are both the empty string: tools
//    differ in which they write for "no value".
//  * Records end at LF, CRLF or a lone CR; blank lines are skipped. A UTF-8
//    byte order mark at the very start of the file is skipped.
//  * Every record carries the 1-based line it starts on.
//  * A malformed file stops the read at the first fault, with its LINE:COL
//    (1-based; COL counts bytes) and what is wrong: a quote inside an
//    unquoted cell, anything but a comma or a line end after a closing quote,
//    a quoted cell never closed (reported where it opens), a cell longer than
//    kMaxCellBytes or a record of more than kMaxCells cells. Records before
//    the fault were already given to the caller, who must not act on them
//    until the whole file was read (tenant import checks first).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace pb::cli {

inline constexpr size_t kMaxCellBytes = size_t(1) << 20;
inline constexpr size_t kMaxCells = 4096;

struct CsvRecord {
  size_t line = 0;
  std::vector<std::string> cells;
};

struct CsvError {
  size_t line = 0, col = 0;  // 0: not a position in the file (it cannot be read)
  std::string message;
};

// Calls `each` for every record in order while it returns true. Returns
// false (with `err`) when the file cannot be read or is malformed; a stop
// asked for by `each` is not an error.
bool read_csv(const std::string& path, const std::function<bool(const CsvRecord&)>& each,
              CsvError& err);

}  // namespace pb::cli
