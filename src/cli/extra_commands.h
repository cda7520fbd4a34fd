// Commands that live in their own files (one per feature: assign, simulate, landed-cost ...),
// dispatched by name before the core commands are parsed.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace caravan::cli {

// `args` are the command's own arguments (after its name); `network_dir` is the --network given
// before the command, or the default. Returns the process exit code (from the api error table).
using CommandFn = int (*)(const std::vector<std::string>& args, const std::string& network_dir,
                          std::ostream& out, std::ostream& err);

struct ExtraCommand {
  const char* name;
  const char* summary;
  CommandFn run;
};

// The list, in extra_commands.cpp: one line per command.
const std::vector<ExtraCommand>& extra_commands();

}  // namespace caravan::cli
