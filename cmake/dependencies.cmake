# dependencies.cmake: every third-party library, found once, as an imported target.
# Debian 12 packages only (scripts/setup installs them). Each is linked by exactly one module.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL REQUIRED)                                       # fetch/
find_package(OpenSSL REQUIRED COMPONENTS Crypto)                  # fetch/ (digests)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)   # text/
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)    # extract/
find_package(SQLite3 REQUIRED)                                   # store/
find_package(yaml-cpp REQUIRED)                                   # rules/
find_package(nlohmann_json REQUIRED)                              # report/ (and tests)
find_package(CLI11 REQUIRED)                                      # cli/
find_package(fmt REQUIRED)                                        # report/ (text printer)
find_package(pugixml REQUIRED)                                    # discover/ (feeds, sitemaps)
find_package(ZLIB REQUIRED)                                       # archive/ (gzip per WARC record)
find_library(CLD2_LIBRARY NAMES cld2 REQUIRED)                    # text/ (language id)
find_path(CLD2_INCLUDE_DIR NAMES cld2/public/compact_lang_det.h REQUIRED)
add_library(cld2::cld2 UNKNOWN IMPORTED)
set_target_properties(cld2::cld2 PROPERTIES IMPORTED_LOCATION "${CLD2_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
if(SYNDCHECK_TESTS)
  find_package(Catch2 2 REQUIRED)                                 # tests/
  find_path(HTTPLIB_INCLUDE_DIR NAMES httplib.h REQUIRED)         # tests/support (loopback server)
endif()
