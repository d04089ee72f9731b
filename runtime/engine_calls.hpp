// engine_calls.hpp — internal to engine_core*.cpp: the pieces of applying
// one input that the call-and-return logic (engine_calls.cpp) shares with
// engine_core.cpp. Not part of the runtime's interface.
//
// Contract:
//  * evaluate_on evaluates `input` on instance idx, absorbs the outcome into
//    `w` and `a`, then settles what the outcome asks of other instances
//    (settle): a goto, a call, a return to the caller, a cancellation.
//  * Everything happens in the same input: a refusal anywhere refuses the
//    whole input (the caller discards `w`).
//  * Indices into w.instances stay valid (instances are only appended);
//    references do not.
#pragma once

#include <string>
#include <vector>

#include "engine_core.hpp"

namespace pb::rt::detail {

// More call starts and returns than this in one input refuse it (`call-loop`).
inline constexpr int kMaxCalls = 16;

bool refuse(Applied& a, Refusal why);
bool evaluate_on(TenantWorld& w, int idx, LogInput& in, const Input& input, Resolver& r,
                 Applied& a);
// Starts `playbook` (pinned like `start`) as a run called by `caller` ("" =
// none); refused `already-running` when the tenant runs it.
bool start_playbook(TenantWorld& w, const std::string& playbook, const std::string& caller,
                    LogInput& in, Resolver& r, Applied& a);

// After instance idx was evaluated: `moved` when it entered a step (it left
// the step it was in, or entered it again), `call` the playbook its new step
// calls. Cancels the runs it called when it moved; follows its goto (the
// target inherits its caller); returns its end or handoff to its caller;
// starts the playbook it calls.
bool settle(TenantWorld& w, int idx, bool moved, const std::string& call, LogInput& in, Resolver& r,
            Applied& a);

// Of the active instances `candidates`, the innermost ones: those no active
// instance was called by.
std::vector<int> innermost(const TenantWorld& w, const std::vector<int>& candidates);

}  // namespace pb::rt::detail
