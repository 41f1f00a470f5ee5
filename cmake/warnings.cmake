# warnings.cmake: one warning set for every target of ours; -Werror in the dev and CI presets.
add_library(syndcheck_warnings INTERFACE)
target_compile_options(syndcheck_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${SYNDCHECK_WERROR}>:-Werror>)
