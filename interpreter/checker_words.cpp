// checker_words.cpp — the playbook's words: note kinds. A playbook may use
// the built-in kinds (status, technical, engagement) and the ones it
// declares with `note_kind ID "Name"`.
//
// Contract:
//  * PB141: a declared kind whose id is a built-in kind's, or that an earlier
//    declaration of the playbook already has (reported at the later one).
//  * PB140: a `note KIND "…"` action whose KIND is neither built in nor
//    declared, with "did you mean" against the kinds the playbook has.
//    (`event.note_kind` is typed as an enum of those kinds, so comparing it
//    with another value is PB035 like any enum.)
#include <fmt/format.h>

#include <unordered_set>

#include "checker_internal.hpp"

namespace pb::check {

void check_note_kinds(PlaybookScope& s) {
  std::unordered_set<std::string_view> seen;
  for (const auto& [id, name] : builtin_note_kinds()) seen.insert(id);
  for (const NoteKindDecl& k : s.pb.note_kinds) {
    if (seen.insert(k.id).second) continue;
    bool builtin = false;
    for (const auto& [id, name] : builtin_note_kinds()) builtin = builtin || id == k.id;
    s.diags.error(k.loc, LintCode::NoteKindRedeclared,
                  builtin ? fmt::format("note kind '{}' is built in; declare a kind of another "
                                        "id, or use '{}' as it is",
                                        k.id, k.id)
                          : fmt::format("note kind '{}' is declared twice", k.id));
  }
}

void check_note_kind(PlaybookScope& s, const Action& note) {
  const std::string& kind = note.note_kind.id;
  if (has_note_kind(s.pb, kind)) return;
  s.diags.error(note.loc, LintCode::UnknownNoteKind,
                fmt::format("unknown note kind '{}': playbook '{}' has {}", kind, s.pb.id,
                            join(s.note_kinds.values, ", ")),
                did_you_mean(kind, s.note_kinds.values));
}

}  // namespace pb::check
