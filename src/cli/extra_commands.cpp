// The registry of feature commands; add one line per command.
#include "cli/extra_commands.h"

#include "cli/assign_command.h"
#include "cli/landed_cost_command.h"
#include "cli/serve_command.h"

namespace caravan::cli {

const std::vector<ExtraCommand>& extra_commands() {
  static const std::vector<ExtraCommand> kCommands = {
      {"assign", "assign annual demand to the network (equilibrium)", run_assign},
      {"landed-cost", "landed cost: duties, taxes, insurance, Incoterm split; processing",
       run_landed_cost},
      {"deal", "landed cost per tonne, margin and matching subsidy on each corridor", run_deal},
      {"serve", "HTTP JSON API (/v1/route, compare, ...) and the map in the browser", run_serve},
  };
  return kCommands;
}

}  // namespace caravan::cli
