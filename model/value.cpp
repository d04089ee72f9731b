// value.cpp — constructors, equality, display and parsing of run-time values
// (value.hpp).
#include "value.hpp"

#include <fmt/format.h>

#include <charconv>

#include "calendar_math.hpp"
#include "decimal.hpp"
#include "diagnostics.hpp"

namespace pb {

Value Value::boolean(bool b) {
  Value v;
  v.kind = Kind::Bool;
  v.i = b ? 1 : 0;
  return v;
}
Value Value::integer(int64_t n) {
  Value v;
  v.kind = Kind::Int;
  v.i = n;
  return v;
}
Value Value::string(std::string s) {
  Value v;
  v.kind = Kind::String;
  v.s = std::move(s);
  return v;
}
Value Value::date(Days d) {
  Value v;
  v.kind = Kind::Date;
  v.i = d.time_since_epoch().count();
  return v;
}
Value Value::decimal(int64_t millionths) {
  Value v;
  v.kind = Kind::Decimal;
  v.i = millionths;
  return v;
}
Value Value::of_records(RecordMap m) {
  Value v;
  v.kind = Kind::Records;
  v.records = std::make_shared<const RecordMap>(std::move(m));
  return v;
}
Value Value::of_contacts(std::vector<Contact> c) {
  Value v;
  v.kind = Kind::Contacts;
  v.contacts = std::make_shared<const std::vector<Contact>>(std::move(c));
  return v;
}

bool Value::operator==(const Value& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::Unset: return true;
    case Kind::Bool:
    case Kind::Int:
    case Kind::Decimal:
    case Kind::Date: return i == o.i;
    case Kind::String: return s == o.s;
    case Kind::Records:
      return records == o.records || (records && o.records && *records == *o.records);
    case Kind::Contacts:
      return contacts == o.contacts || (contacts && o.contacts && *contacts == *o.contacts);
  }
  return false;
}

const char* to_string(Value::Kind k) {
  switch (k) {
    case Value::Kind::Unset: return "unset";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Decimal: return "decimal";
    case Value::Kind::String: return "string";
    case Value::Kind::Date: return "date";
    case Value::Kind::Records: return "records";
    case Value::Kind::Contacts: return "contacts";
  }
  return "unset";
}

std::string to_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Unset: return "";
    case Value::Kind::Bool: return v.i ? "true" : "false";
    case Value::Kind::Int: return std::to_string(v.i);
    case Value::Kind::Decimal: return format_decimal(v.i);
    case Value::Kind::String: return v.s;
    case Value::Kind::Date: return format_iso_date(Days{std::chrono::days{v.i}});
    case Value::Kind::Records: return fmt::format("{} records", v.records ? v.records->size() : 0);
    case Value::Kind::Contacts:
      return fmt::format("{} contacts", v.contacts ? v.contacts->size() : 0);
  }
  return "";
}

static bool parse_bool(std::string_view t, Value& out) {
  if (t == "true" || t == "yes" || t == "1") return out = Value::boolean(true), true;
  if (t == "false" || t == "no" || t == "0") return out = Value::boolean(false), true;
  return false;
}

static bool parse_int(std::string_view t, Value& out) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc{} || p != t.data() + t.size()) return false;
  out = Value::integer(n);
  return true;
}

static std::string_view trim(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

constexpr const char* kContactForm = "'Name <email> [primary] [do-not-contact] [unsubscribed]'";

// A practical e-mail check: local@domain, one '@', no spaces or separators.
static bool plausible_email(std::string_view e) {
  auto at = e.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == e.size() ||
      e.find('@', at + 1) != e.npos)
    return false;
  return e.find_first_of(" \t\r\n<>;,\"") == std::string_view::npos;
}

std::string contact_text(const Contact& c) {
  return fmt::format("{} <{}>{}{}{}{}", c.name, c.email, c.primary ? " primary" : "",
                     c.do_not_contact ? " do-not-contact" : "",
                     c.unsubscribed ? " unsubscribed" : "",
                     c.role.empty() ? "" : " role=" + c.role);
}

std::string contacts_text(const std::vector<Contact>& list) {
  std::string out;
  for (const auto& c : list) out += (out.empty() ? "" : "; ") + contact_text(c);
  return out;
}

const std::vector<std::string>& contact_roles() {
  static const std::vector<std::string> roles = {"customer", "csm", "tam", "atu", "partner", "pdm"};
  return roles;
}

// `role=ROLE`: sets the contact's role; false (and `why`) for an unknown role.
static bool contact_role(std::string_view role, Contact& c, std::string& why) {
  const auto& roles = contact_roles();
  for (const auto& r : roles)
    if (r == role) return c.role = r, true;
  std::string hint = did_you_mean(role, roles);
  why = fmt::format("'{}' is not a contact role ({}){}", role, fmt::join(roles, ", "),
                    hint.empty() ? "" : "; " + hint);
  return false;
}

// Sets the flag named `word` on `c`; false (and `why`) when it names none.
static bool contact_flag(std::string_view word, Contact& c, std::string& why) {
  if (word.starts_with("role=")) return contact_role(word.substr(5), c, why);
  static const std::vector<std::string> kFlags = {"primary", "do-not-contact", "unsubscribed"};
  if (word == kFlags[0]) return c.primary = true;
  if (word == kFlags[1]) return c.do_not_contact = true;
  if (word == kFlags[2]) return c.unsubscribed = true;
  std::string hint = did_you_mean(word, kFlags);
  why = fmt::format(
      "'{}' is not a contact flag (primary, do-not-contact, unsubscribed or role=ROLE){}", word,
      hint.empty() ? "" : "; " + hint);
  return false;
}

// One "Name <email> flag…" (trimmed) → a contact.
static bool parse_contact(std::string_view one, Contact& c, std::string& why) {
  auto lt = one.find('<'), gt = one.find('>');
  std::string_view name = trim(one.substr(0, lt));
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt < lt || name.empty()) {
    why = fmt::format("contact '{}' is not {}", one, kContactForm);
    return false;
  }
  c.name = std::string(name);
  c.email = std::string(one.substr(lt + 1, gt - lt - 1));
  if (!plausible_email(c.email)) {
    why = fmt::format("contact '{}': '{}' is not an e-mail address", one, c.email);
    return false;
  }
  std::string_view flags = one.substr(gt + 1);
  while (!trim(flags).empty()) {
    flags = flags.substr(flags.find_first_not_of(' '));
    auto end = flags.find(' ');
    std::string flag_why;
    if (!contact_flag(flags.substr(0, end), c, flag_why)) {
      why = fmt::format("contact '{}': {}", one, flag_why);
      return false;
    }
    flags = end == std::string_view::npos ? std::string_view{} : flags.substr(end);
  }
  return true;
}

// "Name <email> [primary] [do-not-contact] [unsubscribed]; ..." → contacts.
// Strict: a name, a plausible e-mail address, and only the three flags.
static bool parse_contacts(std::string_view text, Value& out, std::string& why) {
  std::vector<Contact> list;
  while (!trim(text).empty()) {
    auto semi = text.find(';');
    std::string_view one = trim(text.substr(0, semi));
    text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
    if (one.empty()) continue;
    Contact c;
    if (!parse_contact(one, c, why)) return false;
    list.push_back(std::move(c));
  }
  out = Value::of_contacts(std::move(list));
  return true;
}

bool parse_value(const Type& type, std::string_view text, Value& out, std::string& why) {
  Days d;
  switch (type.kind) {
    case TypeKind::Contacts: return parse_contacts(text, out, why);
    case TypeKind::Bool:
      if (parse_bool(text, out)) return true;
      why = fmt::format("'{}' is not a bool (true or false)", text);
      return false;
    case TypeKind::Int:
      if (parse_int(text, out)) return true;
      why = fmt::format("'{}' is not an integer", text);
      return false;
    case TypeKind::Decimal:
      if (auto m = parse_decimal(text)) return out = Value::decimal(*m), true;
      why = fmt::format("'{}' is not a decimal number (at most {} places, e.g. 12.5)", text,
                        kDecimalPlaces);
      return false;
    case TypeKind::Date:
      if (parse_iso_date(text, d)) return out = Value::date(d), true;
      why = fmt::format("'{}' is not a real date YYYY-MM-DD", text);
      return false;
    case TypeKind::String: out = Value::string(std::string(text)); return true;
    case TypeKind::Enum:
      for (const auto& val : type.values)
        if (val == text) return out = Value::string(val), true;
      why = fmt::format("'{}' is not one of {}", text, fmt::join(type.values, ", "));
      return false;
    default: break;
  }
  why = fmt::format("a {} attribute cannot be set from text", to_string(type.kind));
  return false;
}

bool value_fits(const Type& type, const Value& v) {
  if (!v.is_set()) return true;
  switch (type.kind) {
    case TypeKind::Bool: return v.kind == Value::Kind::Bool;
    case TypeKind::Int: return v.kind == Value::Kind::Int;
    case TypeKind::Decimal: return v.kind == Value::Kind::Decimal;
    case TypeKind::Date: return v.kind == Value::Kind::Date;
    case TypeKind::String: return v.kind == Value::Kind::String;
    case TypeKind::Enum:
      if (v.kind != Value::Kind::String) return false;
      for (const auto& val : type.values)
        if (val == v.s) return true;
      return false;
    case TypeKind::Records: return v.kind == Value::Kind::Records;
    case TypeKind::Contacts: return v.kind == Value::Kind::Contacts;
    case TypeKind::Unknown: return true;
  }
  return false;
}

}  // namespace pb
