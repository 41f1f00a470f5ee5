# module.cmake: syndcheck_module(NAME SOURCES ... DEPS ...) declares one module library.
# Headers are included as "<module>/<file>.hpp" from src/; DEPS is the module's whole allowed set.
function(syndcheck_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(syndcheck_${name} STATIC ${ARG_SOURCES})
  add_library(syndcheck::${name} ALIAS syndcheck_${name})
  target_include_directories(syndcheck_${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
  target_link_libraries(syndcheck_${name} PUBLIC ${ARG_DEPS} PRIVATE syndcheck_warnings)
endfunction()
