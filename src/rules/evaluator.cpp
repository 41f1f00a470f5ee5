// rules/evaluator.cpp: placeholder until implemented.
