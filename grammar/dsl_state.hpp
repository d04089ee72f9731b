// dsl_state.hpp — the model under construction while the DSL grammar runs.
//
// Contract:
//  * Actions (dsl_actions.hpp) only call the small methods here; the grammar
//    guarantees the order (a step exists before its items, a transition
//    before its target…). The accessors still never touch an empty vector,
//    so a grammar bug cannot become a crash.
//  * After a syntax error inside a top-level item, skip_after_error() reports
//    it, resets the construction stacks and tells where parsing resumes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl_grammar.hpp"
#include "parse_state.hpp"

namespace pb::grammar {

inline constexpr int kMaxErrors = 50;

class DslState : public ParseState {
 public:
  DslState(std::string_view text, const std::string& filename, Diagnostics& d);

  Playbook pb;
  bool recovered_to_end = false;  // error recovery skipped to the end of the input

  // ---- error handling (see dsl_grammar.hpp)
  [[noreturn]] void unknown_word(WordContext ctx, const char* b, const char* e);
  const char* skip_after_error(const syntax_error& e, const char* item_start);

  // ---- where the actions write
  Step& step();
  Transition& tr();
  Action& act();
  void action_text(Tok t);  // the action's text (a string token) and where it stands
  Attribute& attr();
  Rule& rule();
  std::vector<Action>& block();

  // ---- structure
  void header(const char* name, Tok t);  // PB011 when given twice
  void begin_step(Tok t);                // a step (in a region when one is open)
  void end_step();                       // its closing brace
  void begin_region(Tok t);
  void region_id(Tok t);
  void end_region();           // its closing brace
  void begin_anywhere(Tok t);  // PB011 when given twice; tr() then adds to it
  void end_anywhere() { in_anywhere_ = false; }
  void add_except(Tok t);
  void step_item_once(const char* name, Tok t);  // PB011 inside a step
  void begin_transition(TriggerKind k, Tok t);
  void begin_action(ActionKind k, Tok t);
  void open_block(std::vector<Action>& b) { blocks_.push_back(&b); }
  void close_block();
  void open_attrs(std::vector<Attribute>& a) { attrs_.push_back(&a); }
  void close_attrs();
  void begin_attr(Tok t);
  void set_type(Tok t);
  void set_unit(DurationUnit u) { tr().unit = u; }
  // A case of `after PATH { … }`: its key, then (after its amount and unit
  // went to the transition) the case itself; the transition's own amount
  // and unit stay 0 days, as the YAML reader leaves them.
  void wait_key(std::string key, Loc at) {
    tr().wait_cases.push_back(WaitCase{at, std::move(key), 0, DurationUnit::Days});
  }
  void end_wait_case() {
    Transition& t = tr();
    if (t.wait_cases.empty()) return;
    t.wait_cases.back().amount = std::exchange(t.amount, 0);
    t.wait_cases.back().unit = std::exchange(t.unit, DurationUnit::Days);
  }
  void finish();  // end of input: leftover comments become trailing ones

  int at_sign = 1;

 private:
  using Seen = std::vector<std::pair<std::string_view, uint32_t>>;  // name, first line
  Seen header_seen_;
  std::vector<Seen> step_seen_;     // per open step (steps nest in regions)
  std::vector<size_t> step_stack_;  // the open steps, innermost last
  struct OpenRegion {
    size_t step;  // the parallel step's index
    std::string id;
  };
  std::vector<OpenRegion> regions_;
  std::vector<std::vector<Action>*> blocks_;
  std::vector<std::vector<Attribute>*> attrs_;
  std::vector<Action> scratch_actions_;
  std::vector<Attribute> scratch_attrs_;
  int errors_ = 0;
  bool in_anywhere_ = false;  // transitions go to pb.anywhere, not a step
};

// The words valid in each context, for "did you mean".
const std::vector<std::string>& context_words(WordContext ctx);

}  // namespace pb::grammar
