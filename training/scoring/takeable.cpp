#include "takeable.h"

#include <algorithm>

namespace bcmhil::training {

std::vector<std::string> tools_of(const diagnosis::CatalogueTest& test) {
  std::vector<std::string> tools;
  if (test.kind == diagnosis::ReadKind::instrument) tools.push_back(test.instrument.instrument);
  if (test.kind == diagnosis::ReadKind::ds2) tools.push_back("ds2");
  using Kind = diagnosis::WorkshopAction::Kind;
  for (const auto& step : test.stimulus) {
    if (step.person && step.person->action == scenario::Action::diagnose) tools.push_back("ds2");
    if (!step.workshop) continue;
    switch (step.workshop->kind) {
      case Kind::unplug:
      case Kind::plug: tools.push_back("connectors"); break;
      case Kind::pull_fuse:
      case Kind::refit_fuse: tools.push_back("fuses"); break;
      case Kind::flex_loom: break;  // hands only
    }
  }
  return tools;
}

bool session_can_express(const diagnosis::CatalogueTest& test) {
  return std::none_of(test.stimulus.begin(), test.stimulus.end(), [](const auto& s) {
    return (s.person && s.person->action == scenario::Action::diagnose) ||
           (s.workshop && s.workshop->kind == diagnosis::WorkshopAction::Kind::flex_loom);
  });
}

bool student_can_take(const AnswerKey& key, const diagnosis::CatalogueTest& test) {
  if (!session_can_express(test)) return false;
  if (key.tools.empty()) return true;
  for (const auto& tool : tools_of(test))
    if (std::find(key.tools.begin(), key.tools.end(), tool) == key.tools.end()) return false;
  return true;
}

std::vector<int> untakeable_tests(const AnswerKey& key, const std::vector<const diagnosis::CatalogueTest*>& entries) {
  std::vector<int> out;
  for (std::size_t t = 0; t < entries.size(); ++t)
    if (!student_can_take(key, *entries[t])) out.push_back(static_cast<int>(t));
  return out;
}

}  // namespace bcmhil::training
