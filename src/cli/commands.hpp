// cli/commands.hpp: entry point of the command line; parses, dispatches, prints.
//
// Returns the process exit status (0 no violation, 1 violation, 2 error). Setup failures arrive
// as core::FatalError and are turned into one "syndcheck: error: ..." line here.

#pragma once

namespace syndcheck::cli {

int run(int argc, char** argv);

} // namespace syndcheck::cli
