// archive/warc_reader.cpp: inflate one gzip member at a time (pread from a known offset) and
// check the record it holds against its own digests.
//
// Rule: every length read from the file is checked against the bytes actually there and against
// the reader's cap before it is used.
#include "archive/warc_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "fetch/digest.hpp"

namespace syndcheck::archive {
namespace {

// Read and inflate in 64 KiB steps: large enough for few syscalls, small enough for the stack.
constexpr std::size_t k_chunk = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

struct Member {
  std::string data;
  std::uint64_t length = 0;
};

// Compares a "sha256:<base32 or hex>" field with the bytes. Digests of other algorithms (sha1 from
// other tools) cannot be checked here and are reported as such.
enum class DigestCheck { match, mismatch, unsupported };
DigestCheck check_digest(std::string_view field, std::string_view bytes) {
  const auto colon = field.find(':');
  if (colon == std::string_view::npos || !iequals(field.substr(0, colon), "sha256")) {
    return DigestCheck::unsupported;
  }
  std::string value(trim(field.substr(colon + 1)));
  if (value.size() == 64 && std::all_of(value.begin(), value.end(),
                                        [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return value == fetch::sha256_hex(bytes) ? DigestCheck::match : DigestCheck::mismatch;
  }
  auto strip = [](std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '='), s.end());
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
  };
  const std::string expected = warc_sha256_digest(bytes).substr(7);
  return strip(value) == strip(expected) ? DigestCheck::match : DigestCheck::mismatch;
}

} // namespace

std::string WarcRecord::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) {
      return value;
    }
  }
  return {};
}

std::string_view WarcRecord::payload() const {
  const std::string type = header("Content-Type");
  if (type.rfind("application/http", 0) != 0) {
    return block;
  }
  const auto end = block.find("\r\n\r\n");
  return end == std::string::npos ? std::string_view{} : std::string_view(block).substr(end + 4);
}

struct WarcReader::Impl {
  int fd = -1;
  std::string path;
  WarcReaderOptions options;
  std::uint64_t next_offset = 0;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (fd >= 0) {
      ::close(fd);
    }
  }

  std::unexpected<ArchiveError> fail(ArchiveFailure failure, std::uint64_t offset, std::string detail) const {
    return std::unexpected(ArchiveError{failure, path, offset, std::move(detail)});
  }

  std::expected<std::uint64_t, ArchiveError> file_size() const {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      return fail(ArchiveFailure::io, 0, std::string("fstat: ") + std::strerror(errno));
    }
    return static_cast<std::uint64_t>(st.st_size);
  }

  std::expected<Member, ArchiveError> inflate_member(std::uint64_t offset) const {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) { // gzip wrapper only: a plain .warc is refused.
      return fail(ArchiveFailure::io, offset, "inflateInit2 failed");
    }
    struct End {
      z_stream* z;
      ~End() { inflateEnd(z); }
    } end{&z};
    std::array<char, k_chunk> in{};
    std::array<char, k_chunk> out{};
    Member member;
    std::uint64_t pos = offset;
    while (true) {
      if (z.avail_in == 0) {
        const ssize_t n = ::pread(fd, in.data(), in.size(), static_cast<off_t>(pos));
        if (n < 0) {
          if (errno == EINTR) {
            continue;
          }
          return fail(ArchiveFailure::io, offset, std::string("read: ") + std::strerror(errno));
        }
        if (n == 0) {
          return fail(ArchiveFailure::truncated, offset, "file ends inside a gzip member");
        }
        pos += static_cast<std::uint64_t>(n);
        z.next_in = reinterpret_cast<Bytef*>(in.data());
        z.avail_in = static_cast<uInt>(n);
      }
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      const int rc = inflate(&z, Z_NO_FLUSH);
      const std::size_t produced = out.size() - z.avail_out;
      if (member.data.size() + produced > options.max_record_bytes) {
        return fail(ArchiveFailure::too_large, offset,
                    "record exceeds " + std::to_string(options.max_record_bytes) + " bytes decompressed");
      }
      member.data.append(out.data(), produced);
      if (rc == Z_STREAM_END) {
        member.length = z.total_in;
        return member;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) {
        continue; // Needs more input.
      }
      if (rc != Z_OK) {
        return fail(ArchiveFailure::bad_gzip, offset, z.msg != nullptr ? z.msg : "inflate failed");
      }
    }
  }

  std::expected<WarcRecord, ArchiveError> read_at(std::uint64_t offset) const {
    auto member = inflate_member(offset);
    if (!member) {
      return std::unexpected(member.error());
    }
    const std::string_view data = member->data;
    WarcRecord record;
    record.location.offset = offset;
    record.location.length = member->length;
    const auto header_end = data.find("\r\n\r\n");
    if (!data.starts_with("WARC/") || header_end == std::string_view::npos) {
      return fail(ArchiveFailure::malformed_record, offset, "not a WARC record (no WARC/ version line)");
    }
    std::string_view head = data.substr(0, header_end + 2);
    const auto first_eol = head.find("\r\n");
    record.version = std::string(head.substr(0, first_eol));
    head.remove_prefix(first_eol + 2);
    while (!head.empty()) {
      const auto eol = head.find("\r\n");
      const std::string_view line = head.substr(0, eol);
      head.remove_prefix(eol + 2);
      if ((line.starts_with(" ") || line.starts_with("\t")) && !record.headers.empty()) {
        record.headers.back().second += " " + std::string(trim(line)); // Folded continuation line.
        continue;
      }
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) {
        return fail(ArchiveFailure::malformed_record, offset, "header line without ':'");
      }
      record.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
    }
    const std::string length_text = record.header("Content-Length");
    std::uint64_t length = 0;
    const auto [ptr, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (length_text.empty() || ec != std::errc{} || ptr != length_text.data() + length_text.size()) {
      return fail(ArchiveFailure::malformed_record, offset, "missing or bad Content-Length");
    }
    const std::size_t block_start = header_end + 4;
    if (length > data.size() - block_start) {
      return fail(ArchiveFailure::malformed_record, offset,
                  "Content-Length " + length_text + " exceeds the record's " +
                      std::to_string(data.size() - block_start) + " bytes");
    }
    record.block = std::string(data.substr(block_start, static_cast<std::size_t>(length)));
    record.target_uri = record.header("WARC-Target-URI");
    record.date = record.header("WARC-Date");
    record.location.record_id = record.header("WARC-Record-ID");
    record.location.type = record.header("WARC-Type");
    record.location.block_digest = record.header("WARC-Block-Digest");
    record.location.payload_digest = record.header("WARC-Payload-Digest");
    if (!record.location.block_digest.empty() &&
        check_digest(record.location.block_digest, record.block) == DigestCheck::mismatch) {
      return fail(ArchiveFailure::digest_mismatch, offset, "WARC-Block-Digest does not match the block");
    }
    if (!record.location.payload_digest.empty() &&
        check_digest(record.location.payload_digest, record.payload()) == DigestCheck::mismatch) {
      return fail(ArchiveFailure::digest_mismatch, offset, "WARC-Payload-Digest does not match the payload");
    }
    // The member's own hash, as the writer reported it: re-read the compressed bytes.
    std::string raw(static_cast<std::size_t>(member->length), '\0');
    std::size_t got = 0;
    while (got < raw.size()) {
      const ssize_t n = ::pread(fd, raw.data() + got, raw.size() - got, static_cast<off_t>(offset + got));
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return fail(ArchiveFailure::io, offset, "re-reading the gzip member failed");
      }
      got += static_cast<std::size_t>(n);
    }
    record.location.member_sha256 = fetch::sha256_hex(raw);
    return record;
  }
};

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
WarcReader::~WarcReader() = default;
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;

std::expected<WarcReader, ArchiveError> WarcReader::open(const std::filesystem::path& path, WarcReaderOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path.string();
  impl->options = options;
  impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (impl->fd < 0) {
    return std::unexpected(
        ArchiveError{ArchiveFailure::io, path.string(), 0, std::string("cannot open: ") + std::strerror(errno)});
  }
  return WarcReader(std::move(impl));
}

std::expected<std::optional<WarcRecord>, ArchiveError> WarcReader::next() {
  const auto size = m_impl->file_size();
  if (!size) {
    return std::unexpected(size.error());
  }
  if (m_impl->next_offset >= *size) {
    return std::optional<WarcRecord>{};
  }
  auto record = m_impl->read_at(m_impl->next_offset);
  if (!record) {
    return std::unexpected(record.error());
  }
  m_impl->next_offset += record->location.length;
  return std::optional<WarcRecord>(std::move(*record));
}

std::expected<WarcRecord, ArchiveError> WarcReader::read_at(std::uint64_t offset) {
  return m_impl->read_at(offset);
}

} // namespace syndcheck::archive
