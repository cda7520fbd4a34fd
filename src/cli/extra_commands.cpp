// The registry of feature commands; add one line per command.
#include "cli/extra_commands.h"

namespace caravan::cli {

const std::vector<ExtraCommand>& extra_commands() {
  static const std::vector<ExtraCommand> kCommands = {
      // {"assign", "assign annual demand to the network (equilibrium)", run_assign},
  };
  return kCommands;
}

}  // namespace caravan::cli
