// value.hpp — run-time values of tenant attributes, record fields and event
// payload fields. Plain data; no I/O.
//
// Contract:
//  * A Value is Unset (never written) or one of the schema's types. Enum
//    values are kept as their text (kind String). Dates are days since
//    1970-01-01.
//  * Records and contacts are shared, immutable once built: a write makes a
//    new map (copy on write), so states can be copied cheaply.
//  * parse_value turns user text (CLI --set, CSV) into a value of a declared
//    type, or says why it cannot (never throws).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"
#include "model.hpp"

namespace pb {

struct Value;
using Fields = std::map<std::string, Value, std::less<>>;      // field → value
using RecordMap = std::map<std::string, Fields, std::less<>>;  // key → record

struct Contact {
  std::string name;
  std::string email;
  bool do_not_contact = false;
  bool unsubscribed = false;
  bool primary = false;
  std::string role;  // one of contact_roles(), "" = not given
  bool operator==(const Contact&) const = default;
};

struct Value {
  enum class Kind : uint8_t { Unset, Bool, Int, String, Date, Records, Contacts, Decimal };
  Kind kind = Kind::Unset;
  int64_t i = 0;  // Bool (0/1), Int, Date (days since epoch), Decimal (millionths)
  std::string s;  // String / enum value
  std::shared_ptr<const RecordMap> records;
  std::shared_ptr<const std::vector<Contact>> contacts;

  static Value boolean(bool b);
  static Value integer(int64_t v);
  static Value string(std::string v);
  static Value date(Days d);
  static Value decimal(int64_t millionths);
  static Value of_records(RecordMap m);
  static Value of_contacts(std::vector<Contact> c);
  bool is_set() const { return kind != Kind::Unset; }
  bool operator==(const Value& o) const;  // deep
};

const char* to_string(Value::Kind);

// The roles a contact may have (`role=tam` in contact text; contact.role in
// expressions): customer, csm, tam, atu, partner, pdm.
const std::vector<std::string>& contact_roles();

// A contact as parse_value reads it back: "Name <email> [primary]
// [do-not-contact] [unsubscribed] [role=ROLE]"; contacts joined by "; ".
std::string contact_text(const Contact& c);
std::string contacts_text(const std::vector<Contact>& list);

// Display text: true/false, 42, text, 2026-03-01; records/contacts as a
// short summary. Unset is "".
std::string to_text(const Value& v);

// Parses `text` as a value of `type`. Bool: true/false/yes/no/1/0; Int:
// decimal; Date: YYYY-MM-DD; Enum: one of the values (exact); String: as is.
// Contacts: "Name <email> [primary] [do-not-contact] [unsubscribed]; …".
// Records cannot be given as text (write fields one by one: ATTR.KEY.FIELD). On failure returns false and
// sets `why` ("'x' is not one of A, B").
bool parse_value(const Type& type, std::string_view text, Value& out, std::string& why);

// Whether a value fits a declared type (enum values checked).
bool value_fits(const Type& type, const Value& v);

}  // namespace pb
