#include "advice.h"

#include <cmath>
#include <cstdio>

namespace bcmhil::diagnosis {

namespace {

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, p < 0.01 ? "%.1f %%" : "%.0f %%", 100 * p);
  return buf;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Advice advise(const Assistant& assistant, int test, const CatalogueTest* entry) {
  const auto& info = assistant.dictionary().tests.at(test);
  Advice a;
  a.test = test;
  a.id = info.id;
  a.cost_min = info.cost_min;
  a.unit = info.unit;
  if (entry) {
    a.title = entry->title;
    a.words = trimmed(entry->words);
    a.access = entry->access;
  }
  for (std::size_t o = 0; o < info.classes.size(); ++o) {
    auto points_at = assistant.pointed_at(test, static_cast<int>(o));
    if (points_at.empty()) continue;
    OutcomeAdvice out{info.classes[o], "", std::move(points_at)};
    if (entry && o < entry->classes.size()) out.means = entry->classes[o].means;
    a.outcomes.push_back(std::move(out));
  }
  return a;
}

std::string to_text(const Advice& a, const Dictionary& d, std::size_t per_outcome) {
  std::string text = a.words.empty() ? a.title.empty() ? a.id : a.title : a.words;
  char cost[64];
  std::snprintf(cost, sizeof cost, " (%g min", a.cost_min);
  text += cost;
  if (!a.access.empty() && a.access != "none") text += "; " + a.access;
  text += ")\n";
  for (const auto& o : a.outcomes) {
    text += "  " + o.outcome + ": ";
    if (!o.means.empty()) text += o.means + ". ";
    text += "Here: ";
    for (std::size_t i = 0; i < o.points_at.size() && i < per_outcome; ++i) {
      if (i) text += ", ";
      text += d.candidates[o.points_at[i].candidate].key() + " " + percent(o.points_at[i].probability);
    }
    if (o.points_at.size() > per_outcome) text += ", ...";
    text += "\n";
  }
  return text;
}

}  // namespace bcmhil::diagnosis
