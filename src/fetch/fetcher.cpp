// fetch/fetcher.cpp: placeholder until implemented.
