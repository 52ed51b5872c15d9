#pragma once
// The car's connectors as a workshop handles them: unplugged, a connector parts every one of its
// pins into two halves, the harness side and the part side (the BC1's own pins, the lock's).
//
// An ordinary run never touches them: the network is elaborated with one node per pin, harness
// and part joined, and stays exactly so (same nodes, same probes, same traces). Only when the
// workshop first needs the two halves apart (an unplug, or a probe on the harness side of a pin)
// does a part's connectors get *installed*: the harness's branches at every pin node of that part
// move onto a new node "harness.<pin node>" ("harness.bc1.tailgate_out"), and a contact branch
// "connector.<label>" joins the halves. The pin's own node stays the part's: the module goes on
// reading its own pins (its input stage, its supply sense hold those nodes), and the probe
// V(bc1.tailgate_out) keeps meaning the module's pin. All connectors of one part install together
// (a node such as the module ground can sit on pins of several of its connectors).
//
// Which branches belong to the part: those with both ends on the part's own nodes, named after it
// ("bc1.tailgate_out", "bc1.sense_supply", "hatch_lock.pin2"): its drivers, input dividers and
// relays, and the water films and dendrites inside the module, which stay with the module when it
// is unplugged. A branch from a pin to anything else (a harness wire, a fuse, a relay coil to body
// ground) is the harness's. An instrument's leads (the network's spares) stay where they were put.
#include "model/circuit/circuit.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bcmhil::model {

struct ConnectorSpec {
  struct Pin {
    std::string label;  // "X330.4", "hatch.2": how a technician names the pin
    std::string node;   // the network node the pin is while plugged, "bc1.tailgate_out"
  };
  std::string name;         // "X330", "hatch"
  std::string part;         // whose pins these are: "bc1", "hatch_lock", "door_lock.driver"
  std::string part_side;    // suffix naming the part's half: "module", "lock"
  std::vector<Pin> pins;    // modelled pins only
};

class Connectors {
 public:
  // A clean tin-plated automotive contact (chosen: datasheets give a few milliohms).
  static constexpr double kContactOhm = 0.002;

  Connectors(Circuit& circuit, std::vector<ConnectorSpec> specs);

  // Throw std::invalid_argument naming the connector and the known ones.
  void unplug(std::string_view connector);
  void plug(std::string_view connector);
  bool plugged(std::string_view connector) const;

  const std::vector<ConnectorSpec>& specs() const { return specs_; }
  const ConnectorSpec* find(std::string_view connector) const;
  // The connector and pin a technician's label names ("X330.4"); nullptr/nullptr if none.
  std::pair<const ConnectorSpec*, const ConnectorSpec::Pin*> find_pin(std::string_view label) const;

  // The harness half of a pin (installs the part's connectors on first use).
  electrical::NodeId harness_side(std::string_view label);
  // The part's half of a pin: the pin's own node, plugged or not.
  electrical::NodeId part_side(std::string_view label) const;
  // The harness half of a pin node once installed; std::nullopt before.
  std::optional<electrical::NodeId> harness_half(electrical::NodeId pin_node) const;
  // Whether a branch at a pin of `part` belongs to the part (see above).
  bool belongs_to_part(const std::string& part, electrical::BranchId branch) const;

 private:
  const ConnectorSpec& spec(std::string_view connector) const;
  void install(const std::string& part);
  bool installed(const std::string& part) const;
  void set_contacts(const ConnectorSpec& spec, double ohms);
  std::string known() const;

  Circuit& circuit_;
  std::vector<ConnectorSpec> specs_;
  std::map<std::string, bool, std::less<>> unplugged_;                  // by connector
  std::map<std::string, bool, std::less<>> installed_;                  // by part
  std::map<electrical::NodeId, electrical::NodeId> split_;              // pin node -> harness half
  std::map<std::string, electrical::BranchId, std::less<>> contacts_;   // by pin label
};

}  // namespace bcmhil::model
