// archive/warc_writer.cpp: WARC/1.1 records, each compressed as its own gzip member and appended
// with a single write(2) on an O_APPEND descriptor.
//
// Rule: what goes into a header line is sanitised here (no CR/LF, no spaces in URIs), so no caller
// input can forge a WARC or HTTP header.
#include "archive/warc_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>

#include "fetch/digest.hpp"

namespace syndcheck::archive {
namespace {

std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    out += (c == '\r' || c == '\n') ? ' ' : c;
  }
  return out;
}

// WARC-Target-URI may not contain whitespace or controls: percent-encode them.
std::string uri_field(std::string_view uri) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : uri) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20U || c == 0x7FU) {
      out += '%';
      out += k_hex[c >> 4U];
      out += k_hex[c & 0x0FU];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string warc_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buffer{};
  const std::size_t n = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buffer.data(), n);
}

const char* reason_phrase(long status) {
  switch (status) {
  case 200: return "OK";
  case 201: return "Created";
  case 204: return "No Content";
  case 206: return "Partial Content";
  case 301: return "Moved Permanently";
  case 302: return "Found";
  case 303: return "See Other";
  case 304: return "Not Modified";
  case 307: return "Temporary Redirect";
  case 308: return "Permanent Redirect";
  case 400: return "Bad Request";
  case 401: return "Unauthorized";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 410: return "Gone";
  case 429: return "Too Many Requests";
  case 500: return "Internal Server Error";
  case 502: return "Bad Gateway";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  default: return "";
  }
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string host_of(std::string_view uri) {
  const auto sep = uri.find("://");
  std::string_view rest = sep == std::string_view::npos ? uri : uri.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    rest.remove_prefix(at + 1);
  }
  return std::string(rest);
}

std::string path_of(std::string_view uri) {
  const auto sep = uri.find("://");
  std::string_view rest = sep == std::string_view::npos ? uri : uri.substr(sep + 3);
  const auto slash = rest.find_first_of("/?");
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  rest = rest.substr(0, rest.find('#'));
  return rest.empty() || rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
}

std::unexpected<ArchiveError> fail(ArchiveFailure failure, const std::filesystem::path& path, std::uint64_t offset,
                                   std::string detail) {
  return std::unexpected(ArchiveError{failure, path.string(), offset, std::move(detail)});
}

} // namespace

struct WarcWriter::Impl {
  int fd = -1;
  std::mt19937_64 rng{std::random_device{}()};

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (fd >= 0) {
      ::close(fd);
    }
  }

  // A random (version 4) UUID as a WARC-Record-ID.
  std::string new_record_id() {
    std::array<unsigned char, 16> b{};
    for (std::size_t i = 0; i < b.size(); i += 8) {
      const std::uint64_t r = rng();
      for (std::size_t k = 0; k < 8; ++k) {
        b[i + k] = static_cast<unsigned char>((r >> (8 * k)) & 0xFFU);
      }
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0FU) | 0x40U);
    b[8] = static_cast<unsigned char>((b[8] & 0x3FU) | 0x80U);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out = "<urn:uuid:";
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        out += '-';
      }
      out += k_hex[b[i] >> 4U];
      out += k_hex[b[i] & 0x0FU];
    }
    return out + ">";
  }
};

WarcWriter::WarcWriter(std::filesystem::path path, WarcWriterOptions options, std::unique_ptr<Impl> impl)
    : m_path(std::move(path)), m_options(std::move(options)), m_impl(std::move(impl)) {}
WarcWriter::~WarcWriter() = default;
WarcWriter::WarcWriter(WarcWriter&&) noexcept = default;
WarcWriter& WarcWriter::operator=(WarcWriter&&) noexcept = default;

std::expected<WarcWriter, ArchiveError> WarcWriter::open(const std::filesystem::path& path, WarcWriterOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (impl->fd < 0) {
    return fail(ArchiveFailure::io, path, 0, std::string("cannot open for appending: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(impl->fd, &st) != 0) {
    return fail(ArchiveFailure::io, path, 0, std::string("fstat: ") + std::strerror(errno));
  }
  WarcWriter writer(path, std::move(options), std::move(impl));
  if (st.st_size == 0) {
    const std::string id = writer.m_impl->new_record_id();
    const std::string block = "software: " + one_line(writer.m_options.software) +
                              "\r\nformat: WARC File Format 1.1\r\n"
                              "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/"
                              "warc-1.1/\r\n";
    std::string header = "WARC-Type: warcinfo\r\nWARC-Record-ID: " + id +
                         "\r\nWARC-Date: " + warc_date(std::chrono::system_clock::now()) +
                         "\r\nWARC-Filename: " + uri_field(path.filename().string()) +
                         "\r\nContent-Type: application/warc-fields\r\n";
    auto written = writer.append("warcinfo", id, header, block, warc_sha256_digest(block), {});
    if (!written) {
      return std::unexpected(written.error());
    }
    writer.m_warcinfo_id = id;
  }
  return writer;
}

std::expected<RecordLocation, ArchiveError> WarcWriter::append(std::string_view type, std::string_view record_id,
                                                               const std::string& header_block, std::string_view block,
                                                               std::string block_digest, std::string payload_digest) {
  struct stat st {};
  if (::fstat(m_impl->fd, &st) != 0) {
    return fail(ArchiveFailure::io, m_path, 0, std::string("fstat: ") + std::strerror(errno));
  }
  const auto offset = static_cast<std::uint64_t>(st.st_size);
  if (block.size() > m_options.max_block_bytes) {
    return fail(ArchiveFailure::too_large, m_path, offset,
                "record block of " + std::to_string(block.size()) + " bytes exceeds the cap of " +
                    std::to_string(m_options.max_block_bytes));
  }
  std::string record = "WARC/1.1\r\n" + header_block;
  record += "WARC-Block-Digest: " + block_digest + "\r\n";
  if (!payload_digest.empty()) {
    record += "WARC-Payload-Digest: " + payload_digest + "\r\n";
  }
  record += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  record += block;
  record += "\r\n\r\n";
  const std::string member = gzip_member(record);

  std::size_t done = 0;
  while (done < member.size()) {
    const ssize_t n = ::write(m_impl->fd, member.data() + done, member.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      // Cut the partial member off so the file stays a sequence of whole records.
      if (::ftruncate(m_impl->fd, static_cast<off_t>(offset)) != 0) {
        return fail(ArchiveFailure::io, m_path, offset, "write failed (" + why + ") and truncation failed too");
      }
      return fail(ArchiveFailure::io, m_path, offset, "write failed: " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (m_options.fsync_each_record && ::fsync(m_impl->fd) != 0) {
    return fail(ArchiveFailure::io, m_path, offset, std::string("fsync: ") + std::strerror(errno));
  }
  RecordLocation location;
  location.record_id = std::string(record_id);
  location.type = std::string(type);
  location.offset = offset;
  location.length = member.size();
  location.block_digest = std::move(block_digest);
  location.payload_digest = std::move(payload_digest);
  location.member_sha256 = fetch::sha256_hex(member);
  return location;
}

std::expected<RecordLocation, ArchiveError> WarcWriter::write_response(const HttpResponse& response) {
  std::string http = one_line(response.http_version.empty() ? std::string("HTTP/1.1") : response.http_version) + " " +
                     std::to_string(response.status) + " " +
                     one_line(response.reason.empty() ? std::string(reason_phrase(response.status)) : response.reason) +
                     "\r\n";
  for (const auto& [name, value] : response.headers) {
    const bool framing =
        iequals(name, "Content-Encoding") || iequals(name, "Transfer-Encoding") || iequals(name, "Content-Length");
    http += (framing ? "X-Archive-Orig-" : "") + one_line(name) + ": " + one_line(value) + "\r\n";
  }
  http += "Content-Length: " + std::to_string(response.body.size()) + "\r\n\r\n";
  http += response.body;

  const std::string id = m_impl->new_record_id();
  std::string header = "WARC-Type: response\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + warc_date(response.date) +
                       "\r\nWARC-Target-URI: " + uri_field(response.target_uri) + "\r\n";
  if (!response.ip_address.empty()) {
    header += "WARC-IP-Address: " + one_line(response.ip_address) + "\r\n";
  }
  if (!m_warcinfo_id.empty()) {
    header += "WARC-Warcinfo-ID: " + m_warcinfo_id + "\r\n";
  }
  header += "Content-Type: application/http;msgtype=response\r\n";
  return append("response", id, header, http, warc_sha256_digest(http), warc_sha256_digest(response.body));
}

std::expected<RecordLocation, ArchiveError> WarcWriter::write_request(const HttpRequest& request) {
  std::string http = one_line(request.method) + " " + uri_field(path_of(request.target_uri)) + " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& [name, value] : request.headers) {
    has_host = has_host || iequals(name, "Host");
  }
  if (!has_host) {
    http += "Host: " + one_line(host_of(request.target_uri)) + "\r\n";
  }
  for (const auto& [name, value] : request.headers) {
    http += one_line(name) + ": " + one_line(value) + "\r\n";
  }
  http += "\r\n";
  const std::string id = m_impl->new_record_id();
  std::string header = "WARC-Type: request\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + warc_date(request.date) +
                       "\r\nWARC-Target-URI: " + uri_field(request.target_uri) + "\r\n";
  if (!request.concurrent_to.empty()) {
    header += "WARC-Concurrent-To: " + one_line(request.concurrent_to) + "\r\n";
  }
  if (!m_warcinfo_id.empty()) {
    header += "WARC-Warcinfo-ID: " + m_warcinfo_id + "\r\n";
  }
  header += "Content-Type: application/http;msgtype=request\r\n";
  return append("request", id, header, http, warc_sha256_digest(http), {});
}

std::expected<RecordLocation, ArchiveError>
WarcWriter::write_metadata(std::string_view target_uri, std::string_view json, std::string_view refers_to) {
  const std::string id = m_impl->new_record_id();
  std::string header = "WARC-Type: metadata\r\nWARC-Record-ID: " + id +
                       "\r\nWARC-Date: " + warc_date(std::chrono::system_clock::now()) +
                       "\r\nWARC-Target-URI: " + uri_field(target_uri) + "\r\n";
  if (!refers_to.empty()) {
    header += "WARC-Refers-To: " + one_line(refers_to) + "\r\n";
  }
  if (!m_warcinfo_id.empty()) {
    header += "WARC-Warcinfo-ID: " + m_warcinfo_id + "\r\n";
  }
  header += "Content-Type: application/json\r\n";
  return append("metadata", id, header, json, warc_sha256_digest(json), {});
}

} // namespace syndcheck::archive
