// dsl_parser.cpp — parse_dsl(): text checks, then the PEGTL DSL grammar with
// its actions, collecting every diagnostic; returns the (possibly partial)
// model, or nullopt when no playbook could be read at all.
#include "dsl_actions.hpp"
#include "dsl_errors.hpp"
#include "frontend.hpp"
#include "region_ids.hpp"
#include "templates.hpp"

namespace pb {

std::optional<Playbook> parse_dsl(std::string_view text, const std::string& filename,
                                  Diagnostics& diags) {
  using namespace grammar;
  if (!check_text(text, filename, diags, true))
    return std::nullopt;  // positions would be meaningless

  DslState s(text, filename, diags);
  std::string_view body = text;
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // a leading byte-order mark
  try {
    p::memory_input<p::tracking_mode::lazy, p::eol::lf_crlf> in(body.data(), body.size(), filename);
    p::parse<dsl_file, action, control>(in, s);
  } catch (const syntax_error& e) {
    s.report(e);
  }
  s.finish();
  if (s.pb.loc.line == 0) return std::nullopt;  // not even 'playbook' was read
  check_parallel_ids(s.pb, diags);
  fill_templates(s.pb, diags);
  return std::move(s.pb);
}

}  // namespace pb
