// evaluator_contacts.cpp — the actions on the tenant's contacts: `send` to
// one contact, to the primary one, or to every contact a condition selects
// (`to contacts where …`, with copies to `cc contacts where …`), and `mark
// contact … unsubscribed|do_not_contact`.
//
// Contract:
//  * A contact marked do-not-contact or unsubscribed is never written to:
//    when the condition selects one, the whole input is refused (codes
//    do-not-contact, unsubscribed), never silently filtered out. A `to` that
//    selects nobody is refused (no-contact); an empty `cc` is no copy.
//  * `mark contact` changes the contacts attribute through an attribute write,
//    so the log records it, rules `on set` of it run, and replay redoes it.
#include <fmt/format.h>

#include "evaluator_ctx.hpp"

namespace pb::detail {

namespace {

const std::vector<Contact>* contacts(Ctx& c) {
  const Value* cs = c.cp.contacts_attr ? c.attr(c.cp.contacts_attr->name) : nullptr;
  return cs && cs->contacts ? cs->contacts.get() : nullptr;
}

// Every contact for which `cond` holds, `contact` bound to it.
std::vector<const Contact*> where(Ctx& c, const Expr& cond) {
  std::vector<const Contact*> out;
  const std::vector<Contact>* list = contacts(c);
  if (!list) return out;
  for (const Contact& k : *list) {
    c.bindings.push_back(Binding{"contact", c.cp.contacts_attr, k.name, nullptr, &k});
    bool hit = truthy(eval(c, cond));
    c.bindings.pop_back();
    if (hit) out.push_back(&k);
  }
  return out;
}

// The contact `to` names (by name or e-mail), or the primary one.
const Contact* named(Ctx& c, const std::optional<Expr>& to, std::string& wanted) {
  if (to) wanted = std::string(eval(c, *to).s);
  const std::vector<Contact>* list = contacts(c);
  if (!list) return nullptr;
  for (const Contact& k : *list)
    if (to ? (k.name == wanted || k.email == wanted) : k.primary) return &k;
  return nullptr;
}

bool may_write(Ctx& c, const std::string& name, const Contact& k) {
  if (k.do_not_contact)
    return c.refuse(
        RefusalCode::DoNotContact,
        fmt::format("cannot send \"{}\": contact {} is marked do-not-contact", name, k.name));
  if (k.unsubscribed)
    return c.refuse(RefusalCode::Unsubscribed,
                    fmt::format("cannot send \"{}\": contact {} has unsubscribed", name, k.name));
  return true;
}

// The recipients of `a` (`to`), or a refusal.
bool recipients(Ctx& c, const Action& a, std::vector<const Contact*>& to) {
  if (a.to_contacts && a.expr) {
    to = where(c, *a.expr);
    if (to.empty() && !c.failed())
      return c.refuse(RefusalCode::NoContact,
                      "no contact matches the `to contacts where` of "
                      "the send");
    return !c.failed();
  }
  std::string wanted;
  const Contact* k = named(c, a.expr, wanted);
  if (!k)
    return c.refuse(RefusalCode::NoContact,
                    a.expr ? fmt::format("the tenant has no contact '{}'", wanted)
                           : std::string("the tenant has no primary contact"));
  to.push_back(k);
  return true;
}

}  // namespace

bool send(Ctx& c, const Action& a) {
  std::string name;
  if (!render_text(c, a, name)) return false;
  std::vector<const Contact*> to, cc;
  if (!recipients(c, a, to)) return false;
  if (a.cc) cc = where(c, *a.cc);
  if (c.failed()) return false;
  for (const auto* list : {&to, &cc})
    for (const Contact* k : *list)
      if (!may_write(c, name, *k)) return false;
  for (const Contact* k : to) c.out.sent.push_back(Outreach{name, k->name, k->email, false});
  for (const Contact* k : cc) c.out.sent.push_back(Outreach{name, k->name, k->email, true});
  return true;
}

bool mark_contact(Ctx& c, const Action& a) {
  std::string wanted;
  const std::vector<Contact>* list = contacts(c);
  const Contact* k = a.expr ? named(c, a.expr, wanted) : nullptr;
  if (!list || !k)
    return c.refuse(
        RefusalCode::NoContact,
        fmt::format("cannot mark contact '{}': the tenant has no such contact", wanted));
  std::vector<Contact> changed = *list;
  for (Contact& x : changed)
    if (x.name == k->name && x.email == k->email)
      (a.text == "unsubscribed" ? x.unsubscribed : x.do_not_contact) = true;
  AttrWrite w;
  w.attr = c.cp.contacts_attr->name;
  w.value = Value::of_contacts(std::move(changed));
  return write_attr(c, std::move(w), a.loc);
}

}  // namespace pb::detail
