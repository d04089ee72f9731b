// text.hpp — the text rules (docs/runtime.md "Text rules"): what text may
// enter the store, what an id looks like, how stored text is read back, and
// how text is made safe to print on a terminal. UTF-8 is decoded by utf8proc.
//
// Contract:
//  * Text that enters (notes, values, names) is valid UTF-8 (no overlong
//    forms, no surrogates) and holds no control character other than tab,
//    line feed and carriage return. text_fault names the first byte that
//    breaks this, by its 0-based byte offset.
//  * Ids have a charset and a length (id_fault): a tenant id is a GUID or a
//    slug, an actor an e-mail-like login, an idempotency key printable ASCII.
//  * Text read from the store is repaired, never refused: every byte that does
//    not begin a valid UTF-8 sequence reads as U+FFFD. Valid text is unchanged.
//  * escape_controls makes any text one safe line for a terminal: it repairs
//    UTF-8, then writes C0 controls, DEL, C1 controls, the line and paragraph
//    separators and the bidirectional overrides as escapes (`\n`, `\r`, `\t`,
//    `\x1b`, `\u0085`, `\u202e`). A backslash is left as it is, so escaping
//    twice changes nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pb::rt {

struct TextFault {
  size_t offset = 0;  // 0-based byte offset into the text
  std::string what;   // "is not valid UTF-8", "is a control character (U+001B)"
};

// The first byte where `s` breaks the rules for entering text, or nullopt.
std::optional<TextFault> text_fault(std::string_view s);

// The byte offset where `s` stops being valid UTF-8, or nullopt when it is
// valid (control characters are valid UTF-8).
std::optional<size_t> invalid_utf8_at(std::string_view s);

enum class IdKind { Tenant, Actor, Key };

// The rule for an id of this kind, for messages ("1-128 letters, digits …").
const char* id_rule(IdKind kind);

// Why `s` is not a valid id of this kind ("byte offset 3 is ' '", "is
// empty", "is longer than 128 bytes"), or nullopt when it is valid.
std::optional<std::string> id_fault(IdKind kind, std::string_view s);

// Replaces, in place, every byte that does not begin a valid UTF-8 sequence
// with U+FFFD. Cheap on valid text (one pass, no copy).
void repair_utf8(std::string& s);

// `s` as one line that is safe on a terminal (see the contract above).
std::string escape_controls(std::string_view s);

}  // namespace pb::rt
