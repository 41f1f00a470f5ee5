// text/normalise.cpp: placeholder until implemented.
