// placeholder
#include "cli/cli.h"
namespace dyad::cli {
Command AddShowCommand(CLI::App& root, Globals& g) {
  CLI::App* app = root.add_subcommand("show", "(not yet)");
  return {app, [](Globals&) { return 5; }, false};
}
}  // namespace dyad::cli
