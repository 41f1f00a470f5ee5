// archive/warc_record.cpp: base32 digests and gzip members for WARC records.
//
// Rule: the digest bytes come from fetch/digest (the one user of libcrypto); zlib is used here and
// in the reader only.
#include "archive/warc_record.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

#include "fetch/digest.hpp"

namespace syndcheck::archive {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  return c - 'a' + 10; // sha256_hex is lower-case by contract.
}

std::string hex_to_bytes(std::string_view hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>((hex_value(hex[i]) << 4) | hex_value(hex[i + 1]));
  }
  return out;
}

} // namespace

const char* to_string(ArchiveFailure failure) {
  switch (failure) {
  case ArchiveFailure::io: return "io";
  case ArchiveFailure::truncated: return "truncated";
  case ArchiveFailure::bad_gzip: return "bad-gzip";
  case ArchiveFailure::malformed_record: return "malformed-record";
  case ArchiveFailure::digest_mismatch: return "digest-mismatch";
  case ArchiveFailure::too_large: return "too-large";
  }
  return "io";
}

std::string describe(const ArchiveError& error) {
  std::string out = error.path + "@" + std::to_string(error.offset) + ": " + to_string(error.failure);
  if (!error.detail.empty()) {
    out += ": " + error.detail;
  }
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return out;
}

std::string base32_encode(std::string_view bytes) {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((bytes.size() + 4) / 5 * 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8U) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += k_alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
    buffer &= (1U << static_cast<unsigned>(bits)) - 1U; // Keep only the bits not yet emitted.
  }
  if (bits > 0) {
    out += k_alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  }
  while (out.size() % 8 != 0) {
    out += '=';
  }
  return out;
}

std::string warc_sha256_digest(std::string_view bytes) {
  return "sha256:" + base32_encode(hex_to_bytes(fetch::sha256_hex(bytes)));
}

std::string gzip_member(std::string_view data) {
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper (header + CRC32 + ISIZE) around raw deflate.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::bad_alloc(); // Only fails on allocation (or programmer error in the constants).
  }
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
  // zlib's API is not const-correct; it never writes through next_in.
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto produced = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) {
    throw std::logic_error("gzip_member: deflateBound was too small");
  }
  out.resize(static_cast<std::size_t>(produced));
  return out;
}

} // namespace syndcheck::archive
