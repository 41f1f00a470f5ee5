// tests/unit/archive/archive_test.cpp: WARC/1.1 evidence written, read back and verified.
//
// The cases mirror what a lawyer relies on: every record reads back with matching digests, a
// flipped byte is caught, and a cut-off file is reported rather than crashing the reader.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "archive/warc_reader.hpp"
#include "archive/warc_writer.hpp"

using namespace syndcheck::archive;

namespace {

class TempFile {
public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "syndcheck-warc-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    // The mkstemp file stays until the destructor: it reserves the name, so a suite running at
    // the same time (dev and asan builds share /tmp) cannot draw it and write the same .warc.gz.
    m_reserved = pattern;
    m_path = pattern + ".warc.gz";
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
    std::filesystem::remove(m_reserved, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_reserved;
  std::filesystem::path m_path;
};

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

HttpResponse sample_response() {
  HttpResponse r;
  r.target_uri = "https://copy.example/news/1.html";
  r.status = 200;
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Content-Encoding", "gzip"}, {"ETag", "\"abc\""}};
  r.body = "<html><body><p>Скопійований текст.</p></body></html>";
  return r;
}

// Writes warcinfo + response + request + metadata; returns the three locations after warcinfo.
std::vector<RecordLocation> write_three(const std::filesystem::path& path) {
  auto writer = WarcWriter::open(path);
  REQUIRE(writer.has_value());
  std::vector<RecordLocation> out;
  auto response = writer->write_response(sample_response());
  REQUIRE(response.has_value());
  out.push_back(*response);
  HttpRequest request;
  request.target_uri = "https://copy.example/news/1.html?x=1";
  request.headers = {{"User-Agent", "syndcheck/0.1"}};
  request.concurrent_to = response->record_id;
  auto req = writer->write_request(request);
  REQUIRE(req.has_value());
  out.push_back(*req);
  auto meta = writer->write_metadata("https://copy.example/news/1.html", R"({"rule":"link-in-lead","passed":false})",
                                     response->record_id);
  REQUIRE(meta.has_value());
  out.push_back(*meta);
  return out;
}

} // namespace

TEST_CASE("base32 follows RFC 4648 test vectors", "[archive]") {
  CHECK(base32_encode("").empty());
  CHECK(base32_encode("f") == "MY======");
  CHECK(base32_encode("fo") == "MZXQ====");
  CHECK(base32_encode("foo") == "MZXW6===");
  CHECK(base32_encode("foob") == "MZXW6YQ=");
  CHECK(base32_encode("fooba") == "MZXW6YTB");
  CHECK(base32_encode("foobar") == "MZXW6YTBOI======");
  // SHA-256 of "" in base32, as warcio computes it.
  CHECK(warc_sha256_digest("") == "sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====");
}

TEST_CASE("records written read back in order with verified digests", "[archive]") {
  TempFile file;
  const auto written = write_three(file.path());
  auto reader = WarcReader::open(file.path());
  REQUIRE(reader.has_value());

  auto info = reader->next();
  REQUIRE(info.has_value());
  REQUIRE(info->has_value());
  CHECK((*info)->version == "WARC/1.1");
  CHECK((*info)->location.type == "warcinfo");
  CHECK((*info)->location.offset == 0);

  for (const RecordLocation& expected : written) {
    auto record = reader->next();
    REQUIRE(record.has_value());
    REQUIRE(record->has_value());
    const WarcRecord& r = **record;
    CHECK(r.location.record_id == expected.record_id);
    CHECK(r.location.type == expected.type);
    CHECK(r.location.offset == expected.offset);
    CHECK(r.location.length == expected.length);
    CHECK(r.location.block_digest == expected.block_digest);
    CHECK(r.location.member_sha256 == expected.member_sha256);
    CHECK(r.location.record_id.starts_with("<urn:uuid:"));
    CHECK_FALSE(r.date.empty());
  }
  auto end = reader->next();
  REQUIRE(end.has_value());
  CHECK_FALSE(end->has_value());

  SECTION("the response block is the rebuilt HTTP message with the decoded body") {
    auto r = reader->read_at(written[0].offset);
    REQUIRE(r.has_value());
    CHECK(r->header("Content-Type") == "application/http;msgtype=response");
    CHECK(r->target_uri == "https://copy.example/news/1.html");
    CHECK(r->block.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(r->block.find("X-Archive-Orig-Content-Encoding: gzip\r\n") != std::string::npos);
    CHECK(r->block.find("\r\nContent-Encoding") == std::string::npos);
    CHECK(r->payload() == sample_response().body);
    CHECK(r->header("WARC-Payload-Digest") == warc_sha256_digest(sample_response().body));
  }
  SECTION("request and metadata records link to the response") {
    auto req = reader->read_at(written[1].offset);
    REQUIRE(req.has_value());
    CHECK(req->block.starts_with("GET /news/1.html?x=1 HTTP/1.1\r\nHost: copy.example\r\n"));
    CHECK(req->header("WARC-Concurrent-To") == written[0].record_id);
    auto meta = reader->read_at(written[2].offset);
    REQUIRE(meta.has_value());
    CHECK(meta->block == R"({"rule":"link-in-lead","passed":false})");
    CHECK(meta->header("WARC-Refers-To") == written[0].record_id);
  }
}

TEST_CASE("reopening appends without a second warcinfo", "[archive]") {
  TempFile file;
  write_three(file.path());
  auto writer = WarcWriter::open(file.path());
  REQUIRE(writer.has_value());
  CHECK(writer->warcinfo_id().empty());
  const auto size_before = std::filesystem::file_size(file.path());
  auto r = writer->write_response(sample_response());
  REQUIRE(r.has_value());
  CHECK(r->offset == size_before);
  auto reader = WarcReader::open(file.path());
  REQUIRE(reader.has_value());
  int count = 0;
  int warcinfos = 0;
  while (true) {
    auto rec = reader->next();
    REQUIRE(rec.has_value());
    if (!rec->has_value()) {
      break;
    }
    ++count;
    warcinfos += (*rec)->location.type == "warcinfo" ? 1 : 0;
  }
  CHECK(count == 5);
  CHECK(warcinfos == 1);
}

TEST_CASE("damage is an error value, never a crash", "[archive]") {
  TempFile file;
  const auto written = write_three(file.path());
  std::string bytes = read_all(file.path());

  SECTION("a flipped byte inside a compressed record") {
    bytes[static_cast<std::size_t>(written[0].offset + written[0].length / 2)] ^= 0x55;
    write_all(file.path(), bytes);
    auto reader = WarcReader::open(file.path());
    REQUIRE(reader.has_value());
    auto r = reader->read_at(written[0].offset);
    REQUIRE_FALSE(r.has_value());
    CHECK((r.error().failure == ArchiveFailure::bad_gzip || r.error().failure == ArchiveFailure::digest_mismatch));
    CHECK(r.error().offset == written[0].offset);
  }
  SECTION("a record whose block does not match its digest (valid gzip)") {
    const std::string forged = "WARC/1.1\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:x>\r\n"
                               "WARC-Block-Digest: " +
                               warc_sha256_digest("original") + "\r\nContent-Length: 8\r\n\r\ntampered\r\n\r\n";
    write_all(file.path(), gzip_member(forged));
    auto reader = WarcReader::open(file.path());
    REQUIRE(reader.has_value());
    auto r = reader->next();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().failure == ArchiveFailure::digest_mismatch);
    CHECK(describe(r.error()).find("digest") != std::string::npos);
  }
  SECTION("a truncated file") {
    bytes.resize(static_cast<std::size_t>(written[2].offset + written[2].length - 7));
    write_all(file.path(), bytes);
    auto reader = WarcReader::open(file.path());
    REQUIRE(reader.has_value());
    int good = 0;
    while (true) {
      auto r = reader->next();
      if (!r.has_value()) {
        CHECK(r.error().failure == ArchiveFailure::truncated);
        CHECK(r.error().offset == written[2].offset);
        break;
      }
      REQUIRE(r->has_value()); // Must not reach a clean end.
      ++good;
    }
    CHECK(good == 3);
  }
  SECTION("a file that is not gzip") {
    write_all(file.path(), "WARC/1.1\r\nplain text, not gzip\r\n");
    auto reader = WarcReader::open(file.path());
    REQUIRE(reader.has_value());
    auto r = reader->next();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().failure == ArchiveFailure::bad_gzip);
  }
  SECTION("a record above the reader's cap") {
    WarcReaderOptions options;
    options.max_record_bytes = 100;
    auto reader = WarcReader::open(file.path(), options);
    REQUIRE(reader.has_value());
    auto r = reader->read_at(written[0].offset);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().failure == ArchiveFailure::too_large);
  }
}

TEST_CASE("caller input cannot inject WARC or HTTP header lines", "[archive]") {
  TempFile file;
  auto writer = WarcWriter::open(file.path());
  REQUIRE(writer.has_value());
  HttpResponse r = sample_response();
  r.target_uri = "https://copy.example/a b\r\nWARC-Type: forged";
  r.headers.emplace_back("X-Evil", "v\r\nSet-Cookie: x");
  auto loc = writer->write_response(r);
  REQUIRE(loc.has_value());
  auto reader = WarcReader::open(file.path());
  REQUIRE(reader.has_value());
  auto rec = reader->read_at(loc->offset);
  REQUIRE(rec.has_value());
  CHECK(rec->target_uri == "https://copy.example/a%20b%0D%0AWARC-Type:%20forged");
  CHECK(rec->header("WARC-Type") == "response");
  CHECK(rec->block.find("\r\nSet-Cookie") == std::string::npos);
}

TEST_CASE("writer refuses blocks above its cap and opening a bad path is an error", "[archive]") {
  TempFile file;
  WarcWriterOptions options;
  options.max_block_bytes = 1000; // Above the warcinfo record, below the metadata below.
  auto writer = WarcWriter::open(file.path(), options);
  REQUIRE(writer.has_value());
  const auto size = std::filesystem::file_size(file.path());
  auto r = writer->write_metadata("urn:x", std::string(2000, 'x'));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().failure == ArchiveFailure::too_large);
  CHECK(std::filesystem::file_size(file.path()) == size);
  auto bad = WarcWriter::open("/nonexistent-dir/x.warc.gz");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().failure == ArchiveFailure::io);
}
