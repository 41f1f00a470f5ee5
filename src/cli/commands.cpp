// cli/commands.cpp: placeholder until implemented.
