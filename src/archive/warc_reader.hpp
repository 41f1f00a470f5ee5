// archive/warc_reader.hpp: read a .warc.gz back record by record and verify its digests.
//
// Rule: every problem is an ArchiveError value naming the file and the record's offset — a
// truncated, corrupted or foreign file never crashes the reader and never yields a record whose
// digests were not checked.

#pragma once
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "archive/warc_record.hpp"

namespace syndcheck::archive {

struct WarcReaderOptions {
  // Decompressed bytes per record: the writer's max block (64 MiB) plus room for WARC headers.
  std::uint64_t max_record_bytes = 65ULL * 1024 * 1024;
};

struct WarcRecord {
  RecordLocation location;
  std::string version; // "WARC/1.1"
  HeaderList headers;  // WARC named fields in file order.
  std::string block;   // Content block (Content-Length bytes).
  std::string target_uri;
  std::string date;
  // The value of header `name` (case-insensitive); empty if absent.
  std::string header(std::string_view name) const;
  // For application/http blocks: the bytes after the HTTP header section; the whole block otherwise.
  std::string_view payload() const;
};

// Reads sequentially; movable, not thread-safe.
class WarcReader {
public:
  static std::expected<WarcReader, ArchiveError> open(const std::filesystem::path& path,
                                                      WarcReaderOptions options = {});
  ~WarcReader();
  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record with both digests verified; std::nullopt at a clean end of file.
  std::expected<std::optional<WarcRecord>, ArchiveError> next();
  // The record whose gzip member starts at `offset` (as returned by the writer); verified too.
  std::expected<WarcRecord, ArchiveError> read_at(std::uint64_t offset);

private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::archive
