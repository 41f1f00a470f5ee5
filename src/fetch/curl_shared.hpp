// fetch/curl_shared.hpp: fetch-internal helpers shared by the two libcurl front ends
// (fetcher.cpp for one URL, multi_fetcher.cpp for batches).
//
// Not part of the module's contract: nothing outside src/fetch/ includes it. One copy of each
// rule, so a single fetch and a scan classify errors and word messages the same way.

#pragma once
#include <curl/curl.h>

#include <chrono>
#include <string>
#include <string_view>

namespace syndcheck::fetch::detail {

// curl_global_init once per process, before the first handle (libcurl requires it).
void ensure_curl_global_init();

// ASCII whitespace trimmed from both ends.
std::string_view trim(std::string_view s);

// "30 s" for whole seconds, else "300 ms": for timeout messages.
std::string format_duration(std::chrono::milliseconds duration);

// True for the libcurl codes that mean a TLS handshake or certificate failure.
bool is_tls_error(CURLcode code);

} // namespace syndcheck::fetch::detail
