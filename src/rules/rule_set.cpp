// rules/rule_set.cpp: placeholder until implemented.
