#!/usr/bin/env python3
# gen_dsl.py — writes 300 random, mostly valid DSL playbooks (every construct,
# parallel regions with `done` steps and joins included,
# random nesting, comments and line breaks between tokens) to OUTDIR, for the
# round-trip check: `python3 fuzz/gen_dsl.py OUTDIR [SEED]` then
# `fuzz_dsl OUTDIR/*` (each file once: parse, print, re-parse, compare) or use
# OUTDIR as extra seeds for a fuzzing run. Some files have syntax errors
# (chained comparisons): those only check that nothing crashes.
import random, sys, os
R = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
def ws():
    r = R.random()
    if r < 0.6: return " "
    if r < 0.8: return "\n" + " " * R.randint(0, 6)
    if r < 0.9: return "  # c%d\n" % R.randint(0, 99)
    return "\n# own %d\n  " % R.randint(0, 99)
def ident(): return R.choice(["a", "b", "x1", "step_2", "tenant", "event", "workload", "_z", "task", "days"])
def path(): return ".".join([R.choice(["tenant", "event", "workload"])] + [ident() for _ in range(R.randint(0, 2))])
def string():
    return '"' + R.choice(["", "x", "In Progress", "a\\\"b", "tab\\there", "\\u{e9}", "#not a comment", "\\\\"]) + '"'
def expr(d=0):
    if d > 4: return R.choice([path(), str(R.randint(0, 99)), "true"])
    r = R.randint(0, 14)
    if r == 0: return "(" + ws() + expr(d+1) + ws() + ")"
    if r == 1: return "not" + ws() + expr(d+1)
    if r == 2: return "-" + expr(d+1)
    if r == 3: return expr(d+1) + ws() + R.choice(["and", "or"]) + ws() + expr(d+1)
    if r == 4: return expr(d+1) + ws() + R.choice(["==", "!=", "<", "<=", ">", ">=", "+", "-", "starts_with"]) + ws() + expr(d+1)
    if r == 5: return expr(d+1) + ws() + "in" + ws() + "[" + ", ".join(expr(d+1) for _ in range(R.randint(0, 3))) + "]"
    if r == 6: return R.choice(["days_until", "business_days_until"]) + "(" + expr(d+1) + ")"
    if r == 7: return "visits(" + ident() + ")"
    if r == 8: return "task(" + str(R.randint(0, 9999)) + ")"
    if r == 9: return R.choice(["any", "count"]) + "(" + path() + ws() + "where" + ws() + expr(d+1) + ")"
    if r == 10: return R.choice(["2026-02-28", "2024-02-29", "1999-12-31"])
    if r == 11: return string()
    if r == 12: return R.choice(["true", "false"])
    return path()
def action(d=0):
    r = R.randint(0, 9)
    if r == 0: return "complete " + str(R.randint(0, 9999))
    if r == 1: return "reset " + str(R.randint(0, 9999))
    if r == 2: return "note " + R.choice(["status", "technical", "engagement"]) + ws() + string()
    if r == 3: return "set " + path() + ws() + "=" + ws() + expr()
    if r == 4: return "assign " + R.choice(["rm", "fm"]) + " " + string() + R.choice(["", " primary"])
    if r == 5: return "unassign " + R.choice(["rm", "fm"]) + " " + R.choice([string(), "me"])
    if r == 6: return "send " + string() + R.choice(["", " to " + expr()])
    if r == 7: return "require " + expr() + ws() + "else " + string() + R.choice(["", " code " + ident()])
    if r == 8 and d < 3: return "each " + ident() + " in " + path() + R.choice(["", " where " + expr()]) + " {" + block(d+1) + "}"
    return "complete 1"
def block(d=0):
    return ws() + (R.choice([";", "", " "])).join(action(d) + ws() for _ in range(R.randint(0, 3)))
def target(): return R.choice(["s0", "s1", "done", "x"])
def transition():
    r = R.randint(0, 5)
    g = R.choice(["", " when " + expr()])
    tail = " ->" + ws() + target() + R.choice(["", " {" + block() + "}"])
    if r == 0: return "on " + R.choice(["e1", "paused", "task"]) + g + tail
    if r == 1: return "on task " + str(R.randint(0, 99)) + g + tail
    if r == 2: return "after " + str(R.randint(0, 9)) + " " + R.choice(["business days", "business day", "day", "days", "week", "weeks", "hours", "hour"]) + g + tail
    if r == 3: return "at " + path() + R.choice(["", " + 2 days", " - 1 day", "+3 days"]) + g + tail
    if r == 4: return "when " + expr() + tail
    return "otherwise" + tail
def region_step(i, r, j, last):
    s = "step r%d_%d_%d" % (i, r, j) + R.choice(["", " " + string()]) + " {" + ws()
    items = [transition() for _ in range(R.randint(0, 2))]
    if last and R.random() < 0.7: items = ["done"]
    return s + "".join(it + ws() for it in items) + "}"
def parallel(i):
    regions = []
    for r in range(R.randint(0, 3)):
        n = R.randint(0, 3)
        steps = "".join(region_step(i, r, j, j == n - 1) + ws() for j in range(n))
        regions.append("region " + R.choice(["a", "b", "edge", "all"]) + R.choice(["", " " + string()]) + " {" + ws() + steps + "}")
    return "parallel {" + ws() + "".join(g + ws() for g in regions) + "}"
def join():
    which = R.choice(["all", "a", "a, b", "edge, a, b"])
    return "join " + which + R.choice(["", " when " + expr()]) + " ->" + ws() + target() + R.choice(["", " {" + block() + "}"])
def step(i):
    s = "step s%d" % i + R.choice(["", " " + string()]) + R.choice(["", " role fm"]) + " {" + ws()
    items = []
    if R.random() < 0.3: items.append("services " + ", ".join(string() for _ in range(R.randint(1, 3))))
    if R.random() < 0.3: items.append("instructions " + R.choice([string(), '"""\n      one\n        two\n\n      three\n      """']))
    if R.random() < 0.3: items.append("tasks " + ", ".join(str(R.randint(0, 99)) for _ in range(R.randint(1, 3))))
    if R.random() < 0.5: items.append("enter {" + block() + "}")
    if R.random() < 0.3: items.append(parallel(i))
    for _ in range(R.randint(0, 4)): items.append(transition())
    for _ in range(R.randint(0, 2) if R.random() < 0.3 else 0): items.append(join())
    if R.random() < 0.4: items.append(R.choice(['end "x"', "goto playbook p-2", "handoff ext-1", "done"]))
    return s + "".join(it + ws() for it in items) + "}"
def attr(d=0):
    t = R.choice(["bool", "int", "string", "date", "contacts", "enum(A, \"B c\", d)"] + (["records k {" + ws() + "".join(attr(d+1) + ws() for _ in range(R.randint(0, 2))) + "}"] if d < 2 else []))
    return "attr " + ident() + " " + t + R.choice(["", " " + string()]) + R.choice(["", " calendar"])
def playbook():
    items = []
    head = [("title", string()), ("version", str(R.randint(0, 9))), ("phase", string()), ("motions", string() + ", " + string()),
            ("owner", string()), ("note_prefix", string()), ("calendar", path()), ("next", "a-b, c"), ("start", "s0")]
    for k, v in R.sample(head, R.randint(0, len(head))): items.append(k + " " + v)
    for _ in range(R.randint(0, 2)): items.append("role " + ident() + " " + string())
    for _ in range(R.randint(0, 2)): items.append("task %d " % R.randint(0, 99) + string() + R.choice([" mandatory", " optional"]) + " role fm" + R.choice(["", " services " + string()]))
    if R.random() < 0.3: items.append("group g " + string() + " exactly_one 1, 2")
    for _ in range(R.randint(0, 2)): items.append("event " + ident() + R.choice(["", " " + string()]) + R.choice(["", " {" + ws() + "".join(attr() + ws() for _ in range(R.randint(0, 2))) + "}"]))
    if R.random() < 0.3: items.append("external ext-1 " + string())
    if R.random() < 0.4: items.append("tenant {" + ws() + "".join(attr() + ws() for _ in range(R.randint(0, 3))) + "}")
    for _ in range(R.randint(0, 2)): items.append("rule " + ident() + " " + string() + " on " + R.choice(["complete 3", "set " + path(), "event e"]) + " require " + expr())
    for i in range(R.randint(0, 4)): items.append(step(i))
    R.shuffle(items)
    return R.choice(["", "# top\n"]) + "playbook p-1 {" + ws() + "".join(it + ws() for it in items) + "}" + R.choice(["", "\n# end\n"])
out = sys.argv[1]
for i in range(300):
    open(os.path.join(out, "g%03d.playbook" % i), "w").write(playbook())
