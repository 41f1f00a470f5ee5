// report/check_report.cpp: placeholder until implemented.
