#pragma once
// The fault dictionary: what every test of the catalogue reads on the healthy car and on every
// fault variant of the library, computed by simulation (simulate-before-test, the D-matrix of
// TEAMS). It is the one table the assistant reasons over, and the contract between the builder
// (`bcmhil dictionary`), the assistant (`bcmhil assist`), `bcmhil merge` and the training product.
//
// Vocabulary:
// - a *candidate* is what a technician repairs: a fault type and the parameters that say where it
//   is (`hinge_wire_open` with `wire: tailgate_feed`), or the healthy car ("healthy", no
//   parameters). The assistant's posterior is over candidates.
// - a *variant* is one simulated car: a candidate with every other parameter drawn from its spread
//   (how wet, how many ohms, which seed). Several variants stand behind one candidate; the table
//   has one row per variant.
// - a *reading* is what one test showed on one variant: the raw value in the test's unit and its
//   outcome class (an index into the test's classes).
#include <map>
#include <string>
#include <vector>

namespace bcmhil::diagnosis {

struct Candidate {
  std::string fault;                              // a fault type of the library, or "healthy"
  std::map<std::string, std::string> parameters;  // as a scenario writes them: {"wire": "tailgate_feed"}
  double prior = 1.0;                             // relative field frequency (an estimate, see the variants file)

  // "hinge_wire_open{wire=tailgate_feed}", "healthy": a stable key and what people read.
  std::string key() const;
};

struct Variant {
  std::string id;                                 // "hinge_wire_open{wire=tailgate_feed}#2": key and index
  int candidate = 0;                              // index into Dictionary::candidates
  std::map<std::string, std::string> parameters;  // every parameter of the fault as simulated, scenario-style
};

struct TestInfo {
  std::string id;                    // catalogue test id
  double cost_min = 0;               // workshop minutes including access (an estimate)
  std::string unit;                  // "V", "ohm", "A", "flashes", "" for a yes/no observation
  std::vector<std::string> classes;  // outcome classes in order: {"0 V", "low", "battery"}
};

struct Reading {
  double raw = 0;   // in the test's unit; NaN when the instrument shows nothing (OL, no answer)
  int outcome = 0;  // index into TestInfo::classes
};

struct Dictionary {
  std::string model_version;      // of the model that computed it; a dictionary from another is refused
  std::string catalogue_sha256;   // of the catalogue file's bytes
  std::string variants_sha256;    // of the variants file's bytes
  std::vector<TestInfo> tests;
  std::vector<Candidate> candidates;
  std::vector<Variant> variants;
  std::vector<std::vector<Reading>> readings;  // [variant][test]
  // A partial dictionary (`--shard I/N`) holds the variants i with i % shard_count == shard_index,
  // in order; merge_dictionaries joins the parts. A whole dictionary: 0 of 1.
  int shard_index = 0;
  int shard_count = 1;

  int test_index(const std::string& id) const;  // -1 when absent
};

}  // namespace bcmhil::diagnosis
