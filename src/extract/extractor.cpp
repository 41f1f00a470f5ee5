// extract/extractor.cpp: placeholder until implemented.
