#include "car_session.h"

namespace bcmhil::diagnosis {

std::vector<const CatalogueTest*> catalogue_entries(const Dictionary& d, const Catalogue& catalogue) {
  std::vector<const CatalogueTest*> entries;
  for (const auto& info : d.tests) {
    const CatalogueTest* t = catalogue.find(info.id);
    if (!t) throw MismatchError("the catalogue " + catalogue.file + " has no test '" + info.id + "' of the dictionary");
    if (t->info().classes != info.classes)
      throw MismatchError("test '" + info.id + "' has other outcome classes in the catalogue " + catalogue.file +
                          " than in the dictionary: rebuild the dictionary");
    entries.push_back(t);
  }
  return entries;
}

Session diagnose_car(const Dictionary& d, const Catalogue& catalogue, const CarUnderTest& car,
                     const AssistantOptions& options,
                     const std::function<void(const CatalogueTest&, const Reading&)>& on_reading,
                     const std::vector<int>& complaint, const std::vector<int>& skipped) {
  const auto entries = catalogue_entries(d, catalogue);
  Assistant a(d, options);
  for (int t : skipped) a.skip(t);
  Session s;
  for (int t : complaint) {  // what the owner saw: simulated on the car too, free
    const Reading r = play_test(car, *entries.at(t));
    if (on_reading) on_reading(*entries[t], r);
    a.observe({t, r.outcome, r.raw});
  }
  s.complaint = static_cast<int>(complaint.size());
  while (!a.done()) {
    const int t = a.next_test()->test;
    const Reading r = play_test(car, *entries[t]);
    if (on_reading) on_reading(*entries[t], r);
    a.observe({t, r.outcome, r.raw});
    s.cost_min += d.tests[t].cost_min;
  }
  s.observations = a.observations();
  s.ranking = a.ranking();
  s.explained = a.explained();
  return s;
}

}  // namespace bcmhil::diagnosis
