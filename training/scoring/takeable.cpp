#include "takeable.h"

#include <algorithm>

namespace bcmhil::training {

std::vector<std::string> tools_of(const diagnosis::CatalogueTest& test) {
  std::vector<std::string> tools;
  if (test.kind == diagnosis::ReadKind::instrument) tools.push_back(test.instrument.instrument);
  if (test.kind == diagnosis::ReadKind::ds2) tools.push_back("ds2");
  if (forces_over_ds2(test)) tools.push_back("ds2");
  for (const auto& step : test.stimulus) {
    if (!step.workshop) continue;
    const auto kind = step.workshop->kind;
    const bool connector = kind == diagnosis::WorkshopAction::Kind::unplug || kind == diagnosis::WorkshopAction::Kind::plug;
    tools.push_back(connector ? "connectors" : "fuses");
  }
  return tools;
}

bool forces_over_ds2(const diagnosis::CatalogueTest& test) {
  return std::any_of(test.stimulus.begin(), test.stimulus.end(), [](const auto& s) {
    return s.person && s.person->action == scenario::Action::diagnose;
  });
}

bool student_can_take(const AnswerKey& key, const diagnosis::CatalogueTest& test) {
  if (forces_over_ds2(test)) return false;
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
