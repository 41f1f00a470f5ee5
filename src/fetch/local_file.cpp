// fetch/local_file.cpp: placeholder until implemented.
