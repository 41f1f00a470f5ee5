// text/charset.cpp: placeholder until implemented.
