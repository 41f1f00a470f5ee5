// rules/outlets.cpp: placeholder until implemented.
