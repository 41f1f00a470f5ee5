// report/json_printer.cpp: placeholder until implemented.
