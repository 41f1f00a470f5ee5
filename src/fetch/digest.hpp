// fetch/digest.hpp: content digests of what was fetched, for evidence and change detection.
//
// The only user of OpenSSL's libcrypto. Hashes the raw bytes as received (before decoding), so a
// lawyer can match the digest against an archived copy byte for byte.

#pragma once
#include <string>
#include <string_view>

namespace syndcheck::fetch {

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace syndcheck::fetch
