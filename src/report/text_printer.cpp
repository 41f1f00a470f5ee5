// report/text_printer.cpp: placeholder until implemented.
