// pipeline/scan.cpp: composes discover, fetch, extract, similarity, rules, store, archive and
// report into one incremental scan. The order of work and what is committed when live here.
#include "pipeline/scan.hpp"
#include "core/clock.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <set>
#include <unordered_map>

#include "archive/warc_writer.hpp"
#include "core/error.hpp"
#include "discover/discover.hpp"
#include "fetch/digest.hpp"
#include "fetch/multi_fetcher.hpp"
#include "fetch/robots.hpp"
#include "model/url.hpp"
#include "pipeline/check.hpp"
#include "pipeline/matching.hpp"
#include "pipeline/originals.hpp"
#include "report/findings_report.hpp"
#include "report/notice.hpp"
#include "rules/rule_set.hpp"

namespace syndcheck::pipeline {
namespace {

// A sitemap index may point at more sitemaps; real sites nest one level, rarely two. Three
// levels and 200 documents per source list bound what a hostile index can make us fetch.
constexpr int k_max_sitemap_depth = 3;
constexpr std::size_t k_max_discovery_documents = 200;
// A URL list is a text file; a million lines is far beyond any real watch list.
constexpr std::size_t k_max_url_list_lines = 1'000'000;

struct Discovery {
  std::vector<std::string> urls; // in discovery order, without duplicates
  std::vector<std::string> errors;
  std::set<std::string> seen;

  void add(const std::string& url) {
    if (seen.insert(url).second) {
      urls.push_back(url);
    }
  }
};

bool is_http(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

void read_url_list(std::string_view body, Discovery& out) {
  std::size_t start = 0;
  std::size_t lines = 0;
  while (start < body.size() && lines++ < k_max_url_list_lines) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      line.remove_prefix(1);
    }
    if (!line.empty() && line.front() != '#' && is_http(line)) {
      out.add(std::string(line));
    }
  }
}

void read_feed_or_sitemap(fetch::Fetcher& fetcher, const std::string& url, int depth, std::size_t& documents,
                          Discovery& out) {
  if (++documents > k_max_discovery_documents) {
    out.errors.push_back(url + ": more than " + std::to_string(k_max_discovery_documents) +
                         " feeds and sitemaps in one list; the rest is skipped");
    return;
  }
  auto page = fetcher.get(url);
  if (!page) {
    out.errors.push_back(fetch::describe(page.error()));
    return;
  }
  auto document = discover::parse_document(page->body, page->final_url);
  if (!document) {
    out.errors.push_back(discover::describe(document.error()));
    return;
  }
  for (const discover::Entry& entry : document->entries) {
    if (entry.kind == discover::EntryKind::sitemap) {
      if (depth + 1 < k_max_sitemap_depth) {
        read_feed_or_sitemap(fetcher, entry.url, depth + 1, documents, out);
      } else {
        out.errors.push_back(entry.url + ": sitemap nested deeper than " + std::to_string(k_max_sitemap_depth) +
                             " levels; skipped");
      }
    } else {
      out.add(entry.url);
    }
  }
}

Discovery discover_sources(fetch::Fetcher& fetcher, const rules::SourceLists& sources) {
  Discovery out;
  std::size_t documents = 0;
  for (const std::string& url : sources.feeds) {
    read_feed_or_sitemap(fetcher, url, 0, documents, out);
  }
  for (const std::string& url : sources.sitemaps) {
    read_feed_or_sitemap(fetcher, url, 0, documents, out);
  }
  for (const std::string& url : sources.url_lists) {
    auto page = fetcher.get(url);
    if (!page) {
      out.errors.push_back(fetch::describe(page.error()));
      continue;
    }
    read_url_list(page->body, out);
  }
  for (const std::string& url : sources.urls) {
    out.add(url);
  }
  return out;
}

fetch::FetchOptions fetch_options(const rules::FetchSettings& settings) {
  fetch::FetchOptions options;
  options.total_timeout = settings.timeout;
  options.max_body_bytes = settings.max_body_bytes;
  options.user_agent = settings.user_agent;
  return options;
}

// The robots.txt a watched site names explicitly (several sites may share one origin, as the
// demo sites on loopback do): 4xx means no rules, anything else unreadable means stay out.
fetch::RobotsTxt explicit_robots(fetch::Fetcher& fetcher, const std::string& url) {
  auto page = fetcher.get(url);
  if (page) {
    return fetch::robots_from_response({page->http_status, page->body});
  }
  if (page.error().failure == fetch::FetchFailure::http_status && page.error().detail.starts_with("HTTP 4")) {
    return fetch::RobotsTxt::allow_all();
  }
  return fetch::RobotsTxt::disallow_all();
}

archive::HttpResponse archived_response(const fetch::FetchedPage& page) {
  archive::HttpResponse response;
  response.target_uri = page.final_url;
  response.status = page.http_status;
  response.reason = page.reason;
  response.body = page.body;
  for (const auto& [name, value] : page.headers) {
    response.headers.emplace_back(name, value);
  }
  if (response.headers.empty() && !page.content_type.empty()) {
    response.headers.emplace_back("Content-Type", page.content_type);
  }
  return response;
}

class Scanner {
public:
  Scanner(const rules::ScanConfig& config, const ScanRunOptions& options)
      : m_config(config), m_options(options), m_fetcher(discovery_options(config)) {
    auto rule_set = rules::load_rules_dir(config.rules_dir.empty() ? default_rules_dir() : config.rules_dir);
    if (!rule_set) {
      throw core::FatalError(rules::describe(rule_set.error()));
    }
    m_rules = std::move(*rule_set);
    m_db = open_store(config.sqlite);
    std::error_code ec;
    std::filesystem::create_directories(config.evidence_dir, ec);
    if (ec) {
      throw core::FatalError(config.evidence_dir.string() + ": " + ec.message());
    }
  }

  ScanSummary run() {
    auto scan_id = m_db->begin_scan();
    if (!scan_id) {
      throw core::FatalError(store::describe(scan_id.error()));
    }
    m_summary.scan_id = *scan_id;
    index_originals();
    auto catalog = OriginalsCatalog::load(*m_db);
    if (!catalog) {
      throw core::FatalError(store::describe(catalog.error()));
    }
    m_catalog.emplace(std::move(*catalog));
    // A page judged before may copy an original indexed only now: when the index grew, every
    // page is fetched and judged again (no conditional GET, no hash shortcut).
    m_judge_all = m_summary.originals_added > 0;
    for (const rules::WatchedSite& site : m_config.watch) {
      if (stopping()) {
        break;
      }
      scan_site(site);
    }
    store::ScanRecord record;
    record.id = m_summary.scan_id;
    record.pages_fetched = static_cast<std::int64_t>(m_summary.pages_processed);
    record.pages_unchanged = static_cast<std::int64_t>(m_summary.pages_unchanged);
    record.pages_failed = static_cast<std::int64_t>(m_summary.pages_failed);
    if (!stopping()) {
      if (auto finished = m_db->finish_scan(record); !finished) {
        m_summary.errors.push_back(store::describe(finished.error()));
      }
    }
    count_findings();
    write_reports();
    return m_summary;
  }

private:
  static fetch::FetchOptions discovery_options(const rules::ScanConfig& config) {
    fetch::FetchOptions options = fetch_options(config.fetch);
    options.require_text = false; // feeds and sitemaps are application/xml, URL lists text/plain
    return options;
  }

  bool stopping() const { return m_options.stop != nullptr && m_options.stop->load(); }

  void report_progress(const std::string& stage, std::size_t done, std::size_t total) {
    if (m_options.progress) {
      m_options.progress({stage, done, total, m_summary.matches, m_violations_judged});
    }
  }

  fetch::MultiFetchOptions multi_options(std::chrono::milliseconds delay, bool check_robots) const {
    fetch::MultiFetchOptions options;
    options.fetch = fetch_options(m_config.fetch);
    options.max_concurrency = m_config.fetch.concurrency;
    options.per_host_concurrency = m_config.fetch.per_host;
    options.per_host_delay = delay;
    options.check_robots = check_robots;
    return options;
  }

  void index_originals() {
    for (const rules::PublisherSource& publisher : m_config.publishers) {
      Discovery found = discover_sources(m_fetcher, publisher.sources);
      m_summary.errors.insert(m_summary.errors.end(), found.errors.begin(), found.errors.end());
      std::vector<fetch::FetchRequest> requests;
      for (const std::string& url : found.urls) {
        auto known = m_db->find_original(url);
        if (known && known->has_value()) {
          ++m_summary.originals_known;
          continue;
        }
        requests.push_back({url, {}, {}});
      }
      fetch::MultiFetcher fetcher(multi_options(m_config.fetch.delay, m_config.fetch.respect_robots));
      std::size_t done = 0;
      fetcher.fetch_all(requests, [&](fetch::FetchOutcome outcome) {
        report_progress("originals of " + publisher.id, ++done, requests.size());
        if (outcome.kind != fetch::OutcomeKind::fetched || !outcome.result) {
          m_summary.errors.push_back(outcome.result ? outcome.request.url + ": not fetched"
                                                    : fetch::describe(outcome.result.error()));
          return;
        }
        auto document = document_from_page(outcome.request.url, *outcome.result, {});
        if (!document) {
          m_summary.errors.push_back(document.error().message);
          return;
        }
        const rules::PublisherRules* rules_publisher = m_rules.publisher_for_url(document->url());
        const std::string id = rules_publisher != nullptr ? rules_publisher->publisher : publisher.id;
        auto stored = m_db->put_original(*document, id, sign_document(*document).to_bytes());
        if (!stored) {
          m_summary.errors.push_back(store::describe(stored.error()));
          return;
        }
        ++m_summary.originals_added;
        // The original as the publisher served it, so a finding's evidence holds both sides.
        if (auto location = archive_response(*outcome.result)) {
          note(m_db->set_original_evidence(*stored, m_warc->path().string(),
                                           static_cast<std::int64_t>(location->offset), location->member_sha256));
        }
      });
    }
  }

  void scan_site(const rules::WatchedSite& site) {
    Discovery found = discover_sources(m_fetcher, site.sources);
    m_summary.errors.insert(m_summary.errors.end(), found.errors.begin(), found.errors.end());
    std::vector<std::string> urls = found.urls;
    if (urls.size() > site.budget) {
      m_summary.errors.push_back(site.site + ": " + std::to_string(urls.size()) + " pages listed, budget " +
                                 std::to_string(site.budget) + "; the rest waits for the next scan");
      urls.resize(site.budget);
    }
    m_summary.pages_listed += urls.size();
    const bool explicit_rules = m_config.fetch.respect_robots && !site.robots.empty();
    std::optional<fetch::RobotsTxt> robots;
    if (explicit_rules) {
      robots = explicit_robots(m_fetcher, site.robots);
    }
    std::vector<fetch::FetchRequest> requests;
    for (const std::string& url : urls) {
      if (robots && !robots->allowed(fetch::url_path_and_query(url))) {
        ++m_summary.pages_robots;
        continue;
      }
      fetch::FetchRequest request{url, {}, {}};
      auto previous = m_db->find_page(url);
      if (!previous) {
        m_summary.errors.push_back(store::describe(previous.error()));
      } else if (previous->has_value()) {
        // Kept for handle_page's hash comparison, so each page is looked up once per scan.
        m_previous[url] = **previous;
        if (!m_judge_all && (*previous)->error.empty()) {
          request.if_none_match = (*previous)->etag;
          request.if_modified_since = (*previous)->last_modified;
        }
      }
      requests.push_back(std::move(request));
    }
    const auto delay = site.delay.value_or(m_config.fetch.delay);
    fetch::MultiFetcher fetcher(multi_options(delay, m_config.fetch.respect_robots && !explicit_rules));
    std::size_t done = 0;
    fetcher.fetch_all(requests, [&](fetch::FetchOutcome outcome) {
      if (!stopping()) {
        handle_page(site, outcome);
      }
      report_progress(site.site, ++done, requests.size());
    });
  }

  void handle_page(const rules::WatchedSite& site, const fetch::FetchOutcome& outcome) {
    const std::string& url = outcome.request.url;
    if (outcome.kind == fetch::OutcomeKind::not_modified) {
      ++m_summary.pages_unchanged;
      note(m_db->touch_page(url, m_summary.scan_id));
      return;
    }
    if (!outcome.result) {
      const fetch::FetchError& error = outcome.result.error();
      if (error.failure == fetch::FetchFailure::robots_disallowed) {
        ++m_summary.pages_robots;
        return;
      }
      ++m_summary.pages_failed;
      m_summary.errors.push_back(fetch::describe(error));
      store::PageRecord page;
      page.url = url;
      page.site = site.site;
      page.http_status = outcome.http_status;
      page.error = fetch::describe(error);
      if (outcome.http_status == 404 || outcome.http_status == 410) {
        // The copy is gone, and we checked: its findings are resolved.
        note(m_db->record_page(page, m_summary.scan_id, {}));
      } else {
        note(m_db->note_page_error(page, m_summary.scan_id));
      }
      return;
    }
    const fetch::FetchedPage& fetched = *outcome.result;
    store::PageRecord page;
    page.url = url;
    page.site = site.site;
    page.final_url = fetched.final_url;
    page.http_status = fetched.http_status;
    page.etag = fetched.etag;
    page.last_modified = fetched.last_modified;
    page.sha256 = fetch::sha256_hex(fetched.body);
    const auto previous = m_previous.find(url);
    if (!m_judge_all && previous != m_previous.end() && previous->second.sha256 == page.sha256 &&
        previous->second.error.empty()) {
      ++m_summary.pages_unchanged;
      note(m_db->touch_page(url, m_summary.scan_id));
      return;
    }
    auto copy = document_from_page(url, fetched, {});
    if (!copy) {
      ++m_summary.pages_failed;
      m_summary.errors.push_back(copy.error().message);
      page.error = copy.error().message;
      note(m_db->note_page_error(page, m_summary.scan_id));
      return;
    }
    ++m_summary.pages_processed;
    std::vector<store::Finding> findings;
    CheckConfig judge_config;
    for (const std::int64_t id : m_catalog->candidates(*copy)) {
      auto original = m_catalog->original(id);
      if (!original) {
        m_summary.errors.push_back(store::describe(original.error()));
        continue;
      }
      const model::Document& o = original->get();
      if (model::normalise_article_url(o.url()) == model::normalise_article_url(copy->url())) {
        continue; // the publisher's own page, listed on a watched site
      }
      model::Similarity similarity = compare_documents(o, *copy, judge_config.align);
      if (similarity.relation == model::Relation::none) {
        continue;
      }
      const report::MatchReport match = judge_match(m_rules, o, *copy, std::move(similarity), judge_config);
      store::Finding finding;
      finding.original_id = id;
      finding.original_url = o.url();
      finding.publisher = match.original.publisher;
      finding.verdict = model::to_string(match.verdict);
      finding.relation = model::to_string(match.similarity.relation);
      finding.coverage = match.similarity.coverage;
      finding.result_json = report::render_match_json(match);
      finding.copy_text = copy->article.body_text();
      finding.original_text = o.article.body_text();
      m_violations_judged += match.verdict == model::Verdict::violation ? 1U : 0U;
      findings.push_back(std::move(finding));
      ++m_summary.matches;
    }
    if (!findings.empty()) {
      archive_evidence(fetched, findings);
    }
    note(m_db->record_page(page, m_summary.scan_id, findings));
  }

  // The copy's response as received, and each match's rule trace, as WARC records; every
  // finding points at the response record.
  // Appends the response to this scan's WARC file (opened on first use).
  std::optional<archive::RecordLocation> archive_response(const fetch::FetchedPage& fetched) {
    if (!m_warc) {
      const std::filesystem::path path =
          m_config.evidence_dir / ("scan-" + std::to_string(m_summary.scan_id) + ".warc.gz");
      auto opened = archive::WarcWriter::open(path);
      if (!opened) {
        m_summary.errors.push_back(archive::describe(opened.error()));
        return std::nullopt;
      }
      m_warc.emplace(std::move(*opened));
    }
    auto response = m_warc->write_response(archived_response(fetched));
    if (!response) {
      m_summary.errors.push_back(archive::describe(response.error()));
      return std::nullopt;
    }
    return *response;
  }

  void archive_evidence(const fetch::FetchedPage& fetched, std::vector<store::Finding>& findings) {
    const std::optional<archive::RecordLocation> response = archive_response(fetched);
    if (!response) {
      return;
    }
    for (store::Finding& finding : findings) {
      finding.evidence_path = m_warc->path().string();
      finding.evidence_offset = static_cast<std::int64_t>(response->offset);
      finding.evidence_sha256 = response->member_sha256;
      if (auto trace = m_warc->write_metadata(fetched.final_url, finding.result_json, response->record_id); !trace) {
        m_summary.errors.push_back(archive::describe(trace.error()));
      }
    }
  }

  template <typename T> void note(const std::expected<T, store::StoreError>& result) {
    if (!result) {
      m_summary.errors.push_back(store::describe(result.error()));
    }
  }

  void count_findings() {
    auto findings = m_db->findings(0);
    if (!findings) {
      m_summary.errors.push_back(store::describe(findings.error()));
      return;
    }
    for (const store::Finding& f : *findings) {
      const bool violating = f.state == store::FindingState::new_finding || f.state == store::FindingState::open;
      m_summary.violating += violating ? 1U : 0U;
      m_summary.new_findings +=
          (f.state == store::FindingState::new_finding && f.first_scan == m_summary.scan_id) ? 1U : 0U;
    }
  }

  void write_reports() {
    if (m_config.report.formats.empty()) {
      return;
    }
    std::error_code ec;
    std::filesystem::create_directories(m_config.report.dir, ec);
    for (const std::string& format : m_config.report.formats) {
      const std::filesystem::path path = m_config.report.dir / ("report." + format);
      const std::string temporary = path.string() + ".tmp";
      {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << render_report(m_config.sqlite, format);
        if (!out.flush()) {
          m_summary.errors.push_back(path.string() + ": cannot write the report");
          continue;
        }
      }
      std::filesystem::rename(temporary, path, ec);
      if (ec) {
        m_summary.errors.push_back(path.string() + ": " + ec.message());
        continue;
      }
      m_summary.reports.push_back(path);
    }
  }

  const rules::ScanConfig& m_config;
  const ScanRunOptions& m_options;
  fetch::Fetcher m_fetcher; // feeds, sitemaps, URL lists, robots.txt
  rules::RuleSet m_rules;
  std::unique_ptr<store::Store> m_db;
  std::optional<OriginalsCatalog> m_catalog;
  std::optional<archive::WarcWriter> m_warc;
  ScanSummary m_summary;
  bool m_judge_all = false;
  std::unordered_map<std::string, store::PageRecord> m_previous; // pages as the last scan left them
  std::size_t m_violations_judged = 0; // violating matches judged so far in this scan (progress)
};

} // namespace

ScanSummary run_scan(const rules::ScanConfig& config, const ScanRunOptions& options) {
  Scanner scanner(config, options);
  return scanner.run();
}

std::expected<std::string, std::string> draft_notice(const std::filesystem::path& db_path,
                                                     const std::filesystem::path& rules_dir, std::int64_t id,
                                                     std::string_view lang) {
  std::unique_ptr<store::Store> db = open_store(db_path);
  auto findings = db->findings(0);
  if (!findings) {
    return std::unexpected(store::describe(findings.error()));
  }
  for (const store::Finding& f : *findings) {
    if (f.id != id) {
      continue;
    }
    std::string name = f.publisher;
    auto rule_set = rules::load_rules_dir(rules_dir.empty() ? default_rules_dir() : rules_dir);
    if (rule_set) {
      if (const rules::PublisherRules* p = rule_set->find(f.publisher); p != nullptr && !p->name.empty()) {
        name = p->name;
      }
    }
    return report::render_notice(f, name, lang);
  }
  return std::unexpected("no finding " + std::to_string(id) + " in " + db_path.string());
}

std::string render_report(const std::filesystem::path& db_path, std::string_view format, const ReportFilter& filter) {
  std::unique_ptr<store::Store> db = open_store(db_path);
  report::FindingsReport report;
  report.generated_at = core::utc_iso8601();
  auto scans = db->list_scans();
  if (!scans) {
    throw core::FatalError(store::describe(scans.error()));
  }
  report.scans = *scans;
  report.scan_id = filter.scan != 0 ? filter.scan : (scans->empty() ? 0 : scans->back().id);
  auto findings = db->findings(filter.new_only ? 0 : filter.scan);
  if (!findings) {
    throw core::FatalError(store::describe(findings.error()));
  }
  for (store::Finding& f : *findings) {
    // ISO 8601 UTC strings compare in time order; a bare date compares as its midnight.
    if (!filter.since.empty() && f.last_seen < filter.since) {
      continue;
    }
    // New in a scan: a violation whose first_scan is that scan (it may be `open` by now).
    if (filter.new_only && !(f.verdict == "violation" && f.first_scan == report.scan_id)) {
      continue;
    }
    report.findings.push_back(std::move(f));
  }
  return report::render_findings(report, format);
}

} // namespace syndcheck::pipeline
