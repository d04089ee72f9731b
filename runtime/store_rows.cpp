// store_rows.cpp — the row decoders of a tenant's world (store_rows.hpp).
#include "store_rows.hpp"

#include "model/calendar_math.hpp"

namespace pb::rt {

using json = nlohmann::json;

void attr_row(Query& q, int c, TenantState& t) {
  Value v;
  if (value_from_json(json::parse(q.text(c + 1), nullptr, false), v)) t.attrs[q.text(c)] = v;
}

// The `complete` column holds the task's state as the number of its
// TaskStatus: 0 not started and 1 complete, as the bool stores before task
// states wrote; then 2 in progress, 3 blocked, 4 no intent.
static bool task_status_of(int64_t code, TaskStatus& out) {
  if (code < 0 || code > static_cast<int64_t>(TaskStatus::NoIntent)) return false;
  out = static_cast<TaskStatus>(code);
  return true;
}

void task_row(Query& q, int c, TenantState& t) {
  TaskStatus st;
  if (task_status_of(q.i64(c + 1), st))
    t.tasks[q.i64(c)] = TaskState{st, q.text(c + 2), from_secs(q.i64(c + 3))};
}

void assignment_row(Query& q, int c, TenantState& t) {
  t.assignments.push_back(Assignment{q.text(c) == "fm" ? QueueKind::FM : QueueKind::RM,
                                     q.text(c + 1), q.i64(c + 2) != 0});
}

TimerState timer_row(Query& q, int c) {
  return TimerState{q.text(c), uint32_t(q.i64(c + 1)), from_secs(q.i64(c + 2))};
}

// A stored JSON column, parsed; the empty object and array, which most
// instances hold, without the parser.
static json column_json(const Query& q, int c) {
  std::string text = q.text(c);
  if (text == "{}") return json::object();
  if (text == "[]") return json::array();
  return json::parse(text, nullptr, false);
}

InstanceRec instance_row(Query& q, int c) {
  InstanceRec r;
  r.id = q.i64(c);
  r.hash = q.text(c + 1);
  r.st.playbook = q.text(c + 2);
  r.st.step = q.text(c + 3);
  r.st.entered_at = from_secs(q.i64(c + 4));
  parse_instance_status(q.text(c + 5), r.st.status);
  r.st.outcome = q.text(c + 6);
  visits_from_json(column_json(q, c + 7), r.st.visits);
  r.version = q.i64(c + 8);
  arrived_from_json(column_json(q, c + 9), r.st.arrived);
  r.st.caller = q.text(c + 10);
  returns_from_json(column_json(q, c + 11), r.st.returns);
  regions_from_json(column_json(q, c + 12), r.st.regions);
  return r;
}

}  // namespace pb::rt
