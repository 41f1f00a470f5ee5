// similarity/aligner.cpp: placeholder until implemented.
