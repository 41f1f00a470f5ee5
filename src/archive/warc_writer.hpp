// archive/warc_writer.hpp: append WARC/1.1 records to a .warc.gz file, one gzip member each.
//
// Rule: a record is written whole or not at all: it is built and compressed in memory, appended
// with one write, and the file is cut back to its previous size if that write fails, so a crash
// or a full disk never leaves a half record for the reader to trip on.

#pragma once
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "archive/warc_record.hpp"

namespace syndcheck::archive {

struct WarcWriterOptions {
  bool fsync_each_record = false; // Durable evidence at the cost of one fsync per record.
  std::string software = "syndcheck";
  // Records above this (uncompressed block) are refused with too_large: 2x fetch's default body
  // cap of 10 MiB leaves room for headers and large rule traces.
  std::uint64_t max_block_bytes = 64ULL * 1024 * 1024;
};

// Owns one open file; movable, not thread-safe (one writer per file, one thread at a time).
class WarcWriter {
public:
  // Opens `path` for appending, creating it; a new or empty file starts with a warcinfo record.
  static std::expected<WarcWriter, ArchiveError> open(const std::filesystem::path& path,
                                                      WarcWriterOptions options = {});
  ~WarcWriter();
  WarcWriter(WarcWriter&&) noexcept;
  WarcWriter& operator=(WarcWriter&&) noexcept;
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // The response block is rebuilt as "<version> <status> <reason>\r\n" + headers + "\r\n" + body.
  // The body is stored decoded, so Content-Encoding / Transfer-Encoding / Content-Length are
  // renamed X-Archive-Orig-* and a Content-Length matching the stored body is added: replay tools
  // then serve exactly the bytes that were analysed.
  std::expected<RecordLocation, ArchiveError> write_response(const HttpResponse& response);
  std::expected<RecordLocation, ArchiveError> write_request(const HttpRequest& request);
  // A `metadata` record (Content-Type application/json) about `target_uri`, e.g. a rule trace;
  // `refers_to` is the WARC-Record-ID it describes (may be empty).
  std::expected<RecordLocation, ArchiveError> write_metadata(std::string_view target_uri, std::string_view json,
                                                             std::string_view refers_to = {});

  const std::filesystem::path& path() const { return m_path; }
  const std::string& warcinfo_id() const { return m_warcinfo_id; } // Empty if the file existed.

private:
  struct Impl;
  WarcWriter(std::filesystem::path path, WarcWriterOptions options, std::unique_ptr<Impl> impl);
  std::expected<RecordLocation, ArchiveError> append(std::string_view type, std::string_view record_id,
                                                     const std::string& header_block, std::string_view block,
                                                     std::string block_digest, std::string payload_digest);

  std::filesystem::path m_path;
  WarcWriterOptions m_options;
  std::string m_warcinfo_id;
  std::unique_ptr<Impl> m_impl;
};

} // namespace syndcheck::archive
