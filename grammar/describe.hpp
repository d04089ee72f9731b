// describe.hpp — a transition's trigger as text, for every place that shows
// one: coverage lines, `playbook paths`/`whatif`/`test --scaffold`, graph
// edges, `playbook explain` and the DSL printer. One function, so that they
// all name a trigger the same way.
//
// Contract (pure; `E` is print_expr of the guard or condition):
//
//   trigger        Source              Compact          Graph                Sentence
//   event          on X                X                on X                 X
//   task           on task N           task N           task N completed     task N completed
//   after          after 2 business days | after 1 week | after 1 hour       (all styles)
//                  with an anchor: after 1 week since entering STEP           (all styles)
//   remind         remind R after 2 days [since entering S] "T"  (Source; the others
//                  without the text)
//   after by value after P {K: 2 days, else 3 days} (Source, Compact); Graph: after P
//                  then one line per case ("K: 2 days", "else: 3 days"); Sentence:
//                  after P {K: 2 days, otherwise 3 days}
//   at             at PATH | at PATH + 3 days | at PATH - 1 day             (all styles)
//   when           when E              when E           when E               if E
//   otherwise      otherwise                                                (all styles)
//   return         on return           return           on return            the called playbook returns
//   guard (event,  " when E"           " when E"        "\n[E]"              ", only if E"
//   task, timer, return)
//
//  * Source is what the DSL writes before `->` (the DSL printer uses it):
//    coverage quotes a transition as its author wrote it.
//  * Compact labels an edge inside a one-line path ("a -(x)-> b").
//  * Graph labels a flowchart edge; the guard goes on a line of its own.
//  * Sentence is read by an FM (`explain`), who may add the event's title
//    between the trigger and its guard: trigger_words() + guard_words().
//  * A `when` branch without a condition (never built by the parsers) reads
//    "when true" (Sentence: "if true"), as the DSL printer writes it.
#pragma once

#include <string>

#include "model/model.hpp"

namespace pb {

enum class TriggerStyle { Source, Compact, Graph, Sentence };

// The trigger with its guard: trigger_words(t, s) + guard_words(t, s).
std::string describe_trigger(const Transition& t, TriggerStyle style);

// The trigger alone ("on X", "after 2 business days", "when E", …).
std::string trigger_words(const Transition& t, TriggerStyle style);

// The guard of an event, task or timer transition in `style` (see the table),
// or "" when there is none or when the trigger is a `when`/`otherwise` branch.
std::string guard_words(const Transition& t, TriggerStyle style);

// "after PATH {KEY: N UNIT, …, else N UNIT}" of a wait that depends on a value.
std::string wait_cases_words(const Transition& t);

// "1 business day", "2 weeks": a non-negative amount and its unit (also the
// YAML printer's `after:` value).
std::string duration_words(int64_t amount, DurationUnit unit);

// PB114 for a region id given twice in one parallel step; both front ends
// report it, since a region's steps are told by its id.
std::string repeated_region_message(const std::string& step, const std::string& region);

}  // namespace pb
