// Entry point of the `caravan` command.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return caravan::cli::run(args, std::cout, std::cerr);
  } catch (const std::exception& e) {  // the one last-resort catch
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
}
