// cmd_run.cpp — the commands that change a tenant's instances: start, fire,
// complete, reset, mark, note, tick (README, "Using it"). Exit codes: 0 applied, 1 refused by the
// playbook, 2 bad usage/input, 3 busy after retries.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <memory>

#include "model/calendar_math.hpp"
#include "model/diagnostics.hpp"
#include "cli/text_out.hpp"
#include "run_common.hpp"

namespace pb::cli {

namespace {

struct RunOpts {
  std::string tenant;
  std::string playbook;  // start: the positional PLAYBOOK; else --playbook, the instance
  std::string event;     // fire: the event
  std::string text, note, key, kind = "status";
  std::vector<std::string> sets;
  int64_t task = 0;
  std::string state;  // mark: the task state
  int batch = 200;
};

void print_applied(const rt::Response& r) {
  if (r.duplicate) {
    out_line("{}", r.message);
    return;
  }
  out_line("{}", r.applied.summary.empty() ? "recorded (no transition)" : r.applied.summary);
  for (const auto& o : r.applied.sent)
    out_line("sent \"{}\" {} {} <{}>", o.template_name, o.cc ? "cc" : "to", o.contact, o.email);
}

int submit(const Globals& g, rt::LogInput in, const RunOpts& o) {
  int exit;
  auto s = open_session(g, exit, in.input.kind == InputKind::Start ? kWriting : kRunning);
  if (!s) return exit;
  in.at = s->now;
  in.input.actor = actor(g);
  in.playbook = o.playbook;
  if (!o.note.empty()) in.input.note = o.note;
  if (!parse_note_kind(o.kind, in.input.note_kind)) return kBadInput;
  rt::Response r = s->engine->submit(o.tenant, std::move(in), o.key);
  if (r.exit == rt::kOk) print_applied(r);
  if (r.code == RefusalCode::UnknownPlaybook)  // perhaps its file does not load: say why
    for (const auto& d : s->load_errors())
      err_line("{}: error: {} [{}]", d.loc.str(), d.message, d.code);
  return report(r);
}

int run_start(const Globals& g, const RunOpts& o) {
  rt::LogInput in;
  in.op = rt::InputOp::Start;
  in.input.kind = InputKind::Start;
  return submit(g, std::move(in), o);
}

int run_fire(const Globals& g, const RunOpts& o) {
  rt::LogInput in;
  in.op = rt::InputOp::Fire;
  in.input.kind = InputKind::Fire;
  in.input.event = o.event;
  if (!split_sets(o.sets, in.input.sets)) return kBadInput;
  return submit(g, std::move(in), o);
}

// complete TASK, reset TASK
int run_task(const Globals& g, const RunOpts& o, rt::InputOp op, InputKind kind) {
  rt::LogInput in;
  in.op = op;
  in.input.kind = kind;
  in.input.task = o.task;
  return submit(g, std::move(in), o);
}

// mark TASK STATE: the state is one of the task states (exit 2 otherwise).
int run_mark(const Globals& g, const RunOpts& o) {
  rt::LogInput in;
  in.op = rt::InputOp::Mark;
  in.input.kind = InputKind::Mark;
  in.input.task = o.task;
  if (!parse_task_status(o.state, in.input.status)) {
    std::string hint = did_you_mean(o.state, task_status_names());
    err_line("error: '{}' is not a task state; the states are {}{} [{}]", o.state,
             fmt::join(task_status_names(), ", "), hint.empty() ? "" : " (" + hint + ")",
             RefusalId(RefusalCode::BadValue));
    return kBadInput;
  }
  return submit(g, std::move(in), o);
}

int run_note(const Globals& g, const RunOpts& o) {
  rt::LogInput in;
  in.op = rt::InputOp::Note;
  in.input.kind = InputKind::Note;
  RunOpts x = o;
  x.note = o.text;
  return submit(g, std::move(in), x);
}

// When a timer got stuck, the load errors of the playbook directory: it may
// be waiting for a playbook whose file does not load.
void print_load_errors(const Session& s, const rt::TickReport& rep) {
  if (rep.stuck == 0) return;
  for (const auto& d : s.load_errors())
    fmt::print(stderr, "{}: error: {} [{}]\n", d.loc.str(), d.message, d.code);
}

// Exit: 0 every due timer fired; 1 a timer is stuck (it stays and is
// retried); 3 the store stayed busy, 2 it failed: the tick stopped there
// (what it committed stays; the rest stays due). See docs/runtime.md.
int run_tick(const Globals& g, const RunOpts& o) {
  if (o.batch < 1)
    return fmt::print(stderr,
                      "error: tick --batch must be at least 1 (timers per transaction), not {}\n",
                      o.batch),
           kBadInput;
  int exit;
  auto s = open_session(g, exit, kRunning);
  if (!s) return exit;
  auto print_line =
      [](const std::string& line) {  // as each batch commits: a killed tick has said what it did
        out_line("{}", line);
        std::fflush(stdout);
      };
  rt::TickReport rep = s->engine->tick(s->now, o.batch, 1 << 30, print_line);
  print_load_errors(*s, rep);
  out_line("tick {}: {} fired, {} stuck{}", format_iso_instant(s->now), rep.fired, rep.stuck,
           rep.failure.exit == rt::kOk ? "" : ", stopped early");
  if (rep.failure.exit != rt::kOk) return report(rep.failure);  // busy (3) or a store failure (2)
  return rep.stuck ? kCheckFailed : kOk;
}

CLI::App* with_common(CLI::App* cmd, RunOpts& o, bool note) {
  cmd->add_option("--playbook", o.playbook, "the playbook instance (when the tenant runs several)");
  cmd->add_option("--id", o.key, "idempotency key: the same key applies once");
  if (note) cmd->add_option("--note", o.note, "a note recorded with the event");
  cmd->add_option("--kind", o.kind,
                  "note kind: status, technical, engagement or one the playbook declares");
  return cmd;
}

const Registrar reg(Place::Run, [](CLI::App& root, Globals& g) {
  auto o = std::make_shared<RunOpts>();
  auto* start = root.add_subcommand("start", "start a playbook for a tenant");
  start->add_option("tenant", o->tenant, "tenant id")->required();
  start->add_option("playbook", o->playbook, "playbook id")->required();
  start->add_option("--id", o->key, "idempotency key");
  start->callback([o, &g] { g.exit_code = run_start(g, *o); });

  auto* fire = with_common(root.add_subcommand("fire", "fire an event on a tenant"), *o, true);
  fire->add_option("tenant", o->tenant, "tenant id")->required();
  fire->add_option("event", o->event, "event id")->required();
  fire->add_option("--set", o->sets, "payload field or tenant attribute: key=value (repeatable)");
  fire->callback([o, &g] { g.exit_code = run_fire(g, *o); });

  auto* done = with_common(root.add_subcommand("complete", "complete a task"), *o, true);
  done->add_option("tenant", o->tenant, "tenant id")->required();
  done->add_option("task", o->task, "task id")->required();
  done->callback(
      [o, &g] { g.exit_code = run_task(g, *o, rt::InputOp::Complete, InputKind::Complete); });

  auto* reset =
      with_common(root.add_subcommand("reset", "reset a complete task to not started"), *o, true);
  reset->add_option("tenant", o->tenant, "tenant id")->required();
  reset->add_option("task", o->task, "task id")->required();
  reset->callback([o, &g] { g.exit_code = run_task(g, *o, rt::InputOp::Reset, InputKind::Reset); });

  auto* mark = with_common(
      root.add_subcommand("mark", "set a task's state (not_started, in_progress, blocked, ...)"),
      *o, true);
  mark->add_option("tenant", o->tenant, "tenant id")->required();
  mark->add_option("task", o->task, "task id")->required();
  mark->add_option("state", o->state, "the task state")->required();
  mark->callback([o, &g] { g.exit_code = run_mark(g, *o); });

  auto* note = with_common(root.add_subcommand("note", "add a note to a tenant"), *o, false);
  note->add_option("tenant", o->tenant, "tenant id")->required();
  note->add_option("text", o->text, "the note (must start with the playbook's prefix)")->required();
  note->callback([o, &g] { g.exit_code = run_note(g, *o); });

  auto* tick = root.add_subcommand("tick", "fire every timer that is due");
  tick->add_option("--batch", o->batch, "timers per transaction, at least 1 (default 200)");
  tick->callback([o, &g] { g.exit_code = run_tick(g, *o); });
});

}  // namespace

}  // namespace pb::cli
