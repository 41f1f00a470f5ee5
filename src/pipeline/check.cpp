// pipeline/check.cpp: placeholder until implemented.
