// engine_read.cpp — the engine's reads for the read commands (engine.hpp,
// engine_read.hpp): each opens one read transaction, so what it returns is
// one snapshot of the database; none writes.
#include <fmt/format.h>

#include "engine.hpp"
#include "engine_impl.hpp"

namespace pb::rt {

namespace {

Response world_of(Store& s, const std::string& tenant, TenantWorld& out) {
  if (load_world(s, tenant, out)) return Response{};
  return failure(kBadInput, RefusalCode::UnknownTenant,
                 fmt::format("there is no tenant '{}'", tenant));
}

}  // namespace

Response Engine::load(const std::string& tenant, TenantWorld& out) {
  return in_snapshot(store_, [&] { return world_of(store_, tenant, out); });
}

Response Engine::status(const std::string& tenant, TenantStatus& out) {
  return in_snapshot(store_, [&] {
    Response r = world_of(store_, tenant, out.world);
    if (r.exit == kOk) out.stuck = stuck_of(store_, tenant);
    return r;
  });
}

Response Engine::history(const std::string& tenant, TenantHistory& out) {
  return in_snapshot(store_, [&] {
    TenantWorld w;
    Response r = world_of(store_, tenant, w);
    if (r.exit != kOk) return r;
    out.events = events_of(store_, tenant);
    out.notes = notes_of(store_, tenant);
    out.outreach = outreach_of(store_, tenant);
    return r;
  });
}

Response Engine::due(Instant until, const std::string& queue, const DueVisitor& each) {
  return in_snapshot(store_, [&] {
    for_each_due(store_, until, queue, each);
    return Response{};
  });
}

}  // namespace pb::rt
