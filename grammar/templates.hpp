// templates.hpp — the placeholders of the texts actions write, read once a
// playbook is parsed, the same way for both front ends: `note status "Paused
// by {event.requested_by} until {event.until}"` keeps its text as written
// and gets a TextTemplate of two placeholders.
//
// Contract:
//  * `{EXPR}` is a placeholder: EXPR is an expression of docs/language.md,
//    parsed by parse_expression (its errors, with positions inside the text).
//  * `{{` and `}}` stand for a brace; a lone `{` or `}` is PB131.
//  * A text without braces gets an empty TextTemplate (no pieces): it is
//    written as it stands.
//  * Texts read: Note, Assign and Unassign names, Send templates and
//    `require … else` messages, at every depth (`each` bodies included).
#pragma once

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace pb {

// Fills Action::tmpl of every action of `pb` that writes a text.
void fill_templates(Playbook& pb, Diagnostics& diags);

// Splits one text; `at` is where the text stands (its opening quote).
TextTemplate parse_template(const std::string& text, const Loc& at, Diagnostics& diags);

}  // namespace pb
