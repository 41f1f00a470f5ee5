// text/language.cpp: placeholder until implemented.
