// cli/options.cpp: placeholder until implemented.
