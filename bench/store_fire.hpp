// store_fire.hpp — figure 1 of bench_store: durable fire through
// Engine::submit against a raw SQLite loop of one event insert and one
// instance update per transaction, both WAL with synchronous=FULL, in short
// interleaved rounds (engine with its world cache, engine without it, raw);
// plus where an event's time goes besides the fsync (CPU per event without
// fsync, WAL pages per commit). Bench code, included by bench_store.cpp only.
#pragma once

#include <filesystem>

#include "store_fixture.hpp"

namespace bench {

// Brings `id` to step `paused` of customer-engagement, from where the event
// `paused` (a new delay) is valid again and again.
inline rt::LogInput pause(Instant t) {
  return fire_input("paused",
                    {{"until", "2026-04-15"},
                     {"requested_by", "ATU"},
                     {"reason", "budget"},
                     {"next_action", "call back"}},
                    "Re-engaged Customer: ATU asked for a delay", t);
}

inline double engine_fire(rt::Engine& e, const std::string& id, int n, int64_t& clock) {
  auto t0 = Clock::now();
  for (int k = 0; k < n; ++k) must(e.submit(id, pause(at(kT0, ++clock))), "fire paused");
  return n / since(t0);
}

inline double raw_fire(sqlite3* db, const std::string& input, int n, int64_t& clock) {
  Raw begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
  Raw ev(
      db,
      "INSERT INTO events(tenant, instance, playbook, kind, input, actor, at, summary) "
      "VALUES('r', 1, 'customer-engagement', 'fire', ?1, 'bench', ?2, 'paused -> pause_requested')");
  Raw up(
      db,
      "UPDATE instances SET step = 'paused', entered_at = ?1, visits = ?2, version = version + 1 "
      "WHERE id = 1");
  auto t0 = Clock::now();
  for (int k = 0; k < n; ++k) {
    begin.run();
    ev.bind(1, input).bind(2, ++clock).run();
    up.bind(1, clock).bind(2, fmt::format("{{\"paused\":{}}}", clock)).run();
    commit.run();
  }
  return n / since(t0);
}

// WAL frames appended per commit, counted with a wal hook (which replaces
// auto-checkpointing while it is set; restored afterwards).
struct WalCount {
  int last = -1;
  int64_t frames = 0, commits = 0;
  static int hook(void* self, sqlite3*, const char*, int pages) {
    auto* c = static_cast<WalCount*>(self);
    if (c->last >= 0 && pages > c->last) c->frames += pages - c->last, ++c->commits;
    c->last = pages;
    return SQLITE_OK;
  }
};

// Where an event's time goes besides the fsync: CPU per event with
// synchronous=OFF, and WAL pages written per commit, engine beside raw.
inline void anatomy(rt::Store& es, rt::Engine& e, rt::Store& rs, const std::string& input, int n,
                    int64_t& clock) {
  es.exec("PRAGMA synchronous=OFF");
  rs.exec("PRAGMA synchronous=OFF");
  WalCount we, wr;
  sqlite3_wal_hook(es.db(), WalCount::hook, &we);
  sqlite3_wal_hook(rs.db(), WalCount::hook, &wr);
  double raw = raw_fire(rs.db(), input, n, clock), eng = engine_fire(e, "f", n, clock);
  for (auto* s : {&es, &rs}) {
    sqlite3_wal_autocheckpoint(s->db(), 1000);
    s->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    s->exec("PRAGMA synchronous=FULL");
  }
  fmt::print(
      "  (per event without fsync: engine {:.1f} us and {:.1f} WAL pages, raw {:.1f} us and {:.1f} pages)\n",
      1e6 / eng, double(we.frames) / double(std::max<int64_t>(we.commits, 1)), 1e6 / raw,
      double(wr.frames) / double(std::max<int64_t>(wr.commits, 1)));
}

inline void bench_fire(int fire, int rounds, const rt::Catalog& catalog,
                       const std::filesystem::path& dir) {
  rt::Store es((dir / "fire-engine.db").string()), rs((dir / "fire-raw.db").string());
  es.exec("PRAGMA synchronous=FULL");
  rs.exec("PRAGMA synchronous=FULL");
  rt::Engine e(es, catalog);
  int64_t clock = 0;
  make_template(e, "f", "customer-engagement", at(kT0), at(kT0));
  must(e.submit("f", fire_input("research_done", {}, "", at(kT0, ++clock))), "research_done");
  auto contact = fire_input("contact_selected", {{"contact", "Ana"}, {"source", "Contacts list"}},
                            "", at(kT0, ++clock));
  must(e.submit("f", contact), "contact_selected");
  must(e.submit("f", pause(at(kT0, ++clock))), "paused");
  auto input = rt::events_of(es, "f").back().input;  // the raw loop logs a row of the same size
  bench::exec(rs.db(),
              "INSERT INTO tenants VALUES('r', 0, 0); "
              "INSERT INTO playbook_sources VALUES('h', 'customer-engagement', 'f', 's'); "
              "INSERT INTO instances(id, tenant, playbook, hash, step, entered_at, status) "
              "VALUES(1, 'r', 'customer-engagement', 'h', 'paused', 0, 'active')");
  rt::Engine cold(es,
                  catalog);  // re-reads the tenant for every event, as a one-shot CLI process does
  cold.cache_worlds(0);
  // Short interleaved rounds, each ratio taken against the raw round just
  // before it: the disk's fsync time drifts over seconds.
  std::vector<double> raw, eng, uncached, ratios, cold_ratios;
  for (int r = 0; r < rounds; ++r) {
    raw.push_back(raw_fire(rs.db(), input, fire, clock));
    eng.push_back(engine_fire(e, "f", fire, clock));
    uncached.push_back(engine_fire(cold, "f", fire, clock));
    ratios.push_back(eng.back() / raw.back());
    cold_ratios.push_back(uncached.back() / raw.back());
  }
  anatomy(es, e, rs, input, 2000, clock);
  double ratio = median(ratios), cold_ratio = median(cold_ratios);
  line("fire, durable (engine)", fmt::format("{:.0f} events/s", median(eng)),
       fmt::format("{:.0f} txn/s", median(raw)), ratio, ">= 0.70x raw", ratio >= 0.7);
  fmt::print("  (without the world cache: {:.0f} events/s, {:.2f}x raw)\n", median(uncached),
             cold_ratio);
}

}  // namespace bench
