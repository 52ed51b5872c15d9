#pragma once
// A blown fuse on one of the BC1's KL30 feeds. For the 30CDL feed it looks like a flooded
// module at the hatch (no voltage at the BC1 pin either), but the feed pin of the BC1 reads 0 V
// too, and every other consumer of that feed (central locking) is dead with it.
#include "fault.h"

namespace bcmhil::faults {

class BlownFuse : public Fault {
 public:
  BlownFuse(sc_core::sc_module_name name, const FaultSpec& spec, model::Vehicle& vehicle);

 private:
  void begin() override;
  model::Vehicle& vehicle_;
  model::Fuse& fuse_;
};

std::vector<ParamSpec> blown_fuse_params();

}  // namespace bcmhil::faults
