// archive/warc_record.hpp: the values WARC/1.1 (ISO 28500) evidence is made of, shared by the
// writer and the reader.
//
// Rule: a record is located by (offset, length) of its own gzip member in the file, so the store
// can point at one record and any tool can decompress it alone.

#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace syndcheck::archive {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An HTTP response as received, to be archived as a `response` record.
struct HttpResponse {
  std::string target_uri; // The URL that produced this response (the final URL after redirects).
  long status = 200;
  std::string reason;                    // Empty: the standard phrase for `status`.
  std::string http_version = "HTTP/1.1"; // libcurl decodes HTTP/2 into the same fields.
  HeaderList headers;                    // As received; framing headers are rewritten (see writer).
  std::string body;                      // Decoded bytes as the client saw them.
  std::chrono::system_clock::time_point date = std::chrono::system_clock::now();
  std::string ip_address; // WARC-IP-Address if known.
};

// The request that produced a response, archived as a `request` record.
struct HttpRequest {
  std::string target_uri;
  std::string method = "GET";
  HeaderList headers; // Host is added from target_uri when absent.
  std::chrono::system_clock::time_point date = std::chrono::system_clock::now();
  std::string concurrent_to; // WARC-Record-ID of the response record, "<urn:uuid:...>".
};

// Where one record lives and what it claims.
struct RecordLocation {
  std::string record_id;      // "<urn:uuid:...>"
  std::string type;           // "response", "request", "metadata", "warcinfo"
  std::uint64_t offset = 0;   // Of the record's gzip member in the file.
  std::uint64_t length = 0;   // Compressed bytes of that member.
  std::string block_digest;   // "sha256:<BASE32>"
  std::string payload_digest; // "sha256:<BASE32>"; empty for records without an HTTP payload.
  std::string member_sha256;  // Lower-case hex SHA-256 of the compressed member as stored.
};

enum class ArchiveFailure {
  io,               // open/write/read/fsync failed.
  truncated,        // The file ends inside a record.
  bad_gzip,         // Not gzip, or the deflate data or its CRC is wrong.
  malformed_record, // Decompressed, but not a WARC/1.x record.
  digest_mismatch,  // WARC-Block-Digest or WARC-Payload-Digest does not match the bytes.
  too_large,        // A record above the reader's cap.
};
const char* to_string(ArchiveFailure failure);

struct ArchiveError {
  ArchiveFailure failure;
  std::string path;
  std::uint64_t offset = 0; // Of the record concerned.
  std::string detail;
};
std::string describe(const ArchiveError& error); // "<path>@<offset>: digest mismatch: ..."

// RFC 4648 base32 (A-Z2-7, '=' padded), as WARC digests use it.
std::string base32_encode(std::string_view bytes);
// "sha256:" + base32 of the SHA-256 of `bytes`.
std::string warc_sha256_digest(std::string_view bytes);

// One complete gzip member (RFC 1952) holding `data`; concatenated members form a valid .gz file.
std::string gzip_member(std::string_view data);

} // namespace syndcheck::archive
