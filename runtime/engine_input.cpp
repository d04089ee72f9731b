// engine_input.cpp — the engine's boundary (engine.hpp, docs/runtime.md
// "Text rules"): every text an input brings is checked before anything is
// read or written. The actor and the idempotency key must be ids of their
// kind (text.hpp), a new tenant's id a tenant id; every other text (the
// tenant named, playbook, event, attribute names and values, the note) must
// be UTF-8 without control characters other than tab, line feed and carriage
// return. A failure is exit 2, `bad-id` or `bad-text`, naming the field and
// the byte offset; nothing is written.
#include <fmt/format.h>

#include "engine_impl.hpp"
#include "text.hpp"

namespace pb::rt {

namespace {

std::optional<Response> check_text(std::string_view field, std::string_view s) {
  auto f = text_fault(s);
  if (!f) return std::nullopt;
  return failure(kBadInput, RefusalCode::BadText,
                 fmt::format("{}: byte offset {} {}", field, f->offset, f->what));
}

std::optional<Response> check_id(IdKind kind, std::string_view what, std::string_view s) {
  auto why = id_fault(kind, s);
  if (!why) return std::nullopt;
  return failure(kBadInput, RefusalCode::BadId,
                 fmt::format("{} '{}' {}; it must be {}", what, s, *why, id_rule(kind)));
}

std::optional<Response> check_sets(const std::vector<std::pair<std::string, std::string>>& sets) {
  for (const auto& [k, v] : sets) {
    if (auto bad = check_text("attribute name", k)) return bad;
    if (auto bad = check_text(fmt::format("value of '{}'", k), v)) return bad;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Response> check_new_tenant(const std::string& tenant) {
  return check_id(IdKind::Tenant, "tenant id", tenant);
}

std::optional<Response> check_input(const std::string& tenant, const LogInput& in,
                                    const std::string& key, bool create) {
  if (create || tenant.empty()) {
    if (auto bad = check_new_tenant(tenant)) return bad;
  } else if (auto bad = check_text("tenant id", tenant)) {
    return bad;
  }
  if (auto bad = check_id(IdKind::Actor, "actor", in.input.actor)) return bad;
  if (!key.empty())
    if (auto bad = check_id(IdKind::Key, "idempotency key", key)) return bad;
  if (auto bad = check_text("playbook", in.playbook)) return bad;
  if (auto bad = check_text("event", in.input.event)) return bad;
  if (auto bad = check_sets(in.input.sets)) return bad;
  return check_text("note", in.input.note);
}

}  // namespace pb::rt
