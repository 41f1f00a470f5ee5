// rules/loader.cpp: placeholder until implemented.
