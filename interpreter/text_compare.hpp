// text_compare.hpp — comparing names people type (task and role names, enum
// values) the way a reader sees them.
//
// Contract:
//  * Two names are the same when their bytes are equal or their Unicode NFC
//    forms are ("é" precomposed or as e + U+0301 is one name).
//  * When two names differ only by characters a reader cannot see (a
//    trailing or doubled space, a no-break space, a zero-width space, other
//    format characters), `invisible_difference` says which character and
//    where, by its Unicode name; otherwise it returns nothing.
//  * `quoted` writes a name between double quotes with invisible and control
//    characters escaped as the DSL writes them (`\u{200B}`), so a message
//    never hides the difference it reports.
// Pure; text that is not UTF-8 is compared byte for byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pb {

std::string nfc(std::string_view s);  // the NFC form; `s` itself when it is not UTF-8
bool same_text(std::string_view a, std::string_view b);

struct InvisibleDiff {
  bool in_first = true;  // the character stands in the first name (else the second)
  size_t column = 0;     // 1-based, in characters of that name (after NFC)
  char32_t cp = 0;
  bool trailing = false, leading = false;
};
std::optional<InvisibleDiff> invisible_difference(std::string_view a, std::string_view b);

// "a ZERO WIDTH SPACE (U+200B) at column 7", "a trailing SPACE (U+0020) at column 23".
std::string describe(const InvisibleDiff& d);

std::string quoted(std::string_view s);

}  // namespace pb
