// fetch/digest.cpp: SHA-256 through libcrypto's EVP interface (the non-deprecated one in OpenSSL 3).
#include "fetch/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>

namespace syndcheck::fetch {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest is one-shot and cannot fail for SHA-256 on in-memory data except on allocation
  // failure, which we treat as fatal like any other allocation failure.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::bad_alloc();
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(length) * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4U];
    out += k_hex[digest[i] & 0x0FU];
  }
  return out;
}

} // namespace syndcheck::fetch
