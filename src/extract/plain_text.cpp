// extract/plain_text.cpp: placeholder until implemented.
