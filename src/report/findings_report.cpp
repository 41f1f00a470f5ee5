// report/findings_report.cpp: scan reports in four formats from the same findings.
//
// The HTML is one file with inline CSS and no scripts or external references, so it opens
// offline and can be attached to a letter; every value is HTML-escaped.
#include "report/findings_report.hpp"
#include "report/html_escape.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace syndcheck::report {
namespace {

using nlohmann::ordered_json;

ordered_json parse_result(const model::FindingRecord& f) {
  ordered_json parsed = ordered_json::parse(f.result_json, nullptr, false);
  return parsed.is_object() ? parsed : ordered_json::object();
}

bool is_violating(const model::FindingRecord& f) {
  return f.state == model::FindingState::new_finding || f.state == model::FindingState::open;
}

// Failed rules of a finding: (id, message, source sentence).
struct FailedRule {
  std::string id;
  std::string status;
  std::string message;
  std::string source;
};

std::vector<FailedRule> rules_of(const ordered_json& result, bool failed_only) {
  std::vector<FailedRule> out;
  for (const auto& rule : result.value("rules", ordered_json::array())) {
    const std::string status = rule.value("status", "");
    if (failed_only && status != "fail" && status != "needs-review") {
      continue;
    }
    out.push_back({rule.value("id", ""), status, rule.value("message", ""), rule.value("source", "")});
  }
  return out;
}

std::string render_json(const FindingsReport& report) {
  ordered_json out;
  out["generated_at"] = report.generated_at;
  out["scan"] = report.scan_id;
  ordered_json scans = ordered_json::array();
  for (const model::ScanRecord& s : report.scans) {
    scans.push_back({{"id", s.id},
                     {"started_at", s.started_at},
                     {"finished_at", s.finished_at},
                     {"status", s.status},
                     {"pages_fetched", s.pages_fetched},
                     {"pages_unchanged", s.pages_unchanged},
                     {"pages_failed", s.pages_failed}});
  }
  out["scans"] = scans;
  ordered_json findings = ordered_json::array();
  for (const model::FindingRecord& f : report.findings) {
    findings.push_back({{"id", f.id},
                        {"state", model::to_string(f.state)},
                        {"site", f.site},
                        {"copy_url", f.page_url},
                        {"original_url", f.original_url},
                        {"publisher", f.publisher},
                        {"verdict", f.verdict},
                        {"relation", f.relation},
                        {"coverage", f.coverage},
                        {"first_scan", f.first_scan},
                        {"last_scan", f.last_scan},
                        {"first_seen", f.first_seen},
                        {"last_seen", f.last_seen},
                        {"evidence",
                         {{"warc", f.evidence_path},
                          {"offset", f.evidence_offset},
                          {"record_sha256", f.evidence_sha256},
                          {"original_warc", f.original_evidence_path},
                          {"original_offset", f.original_evidence_offset},
                          {"original_record_sha256", f.original_evidence_sha256}}},
                        {"ignored_reason", f.ignored_reason},
                        {"match", parse_result(f)}});
  }
  out["findings"] = findings;
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

std::string render_csv(const FindingsReport& report) {
  std::string out = "id,state,site,copy_url,original_url,publisher,verdict,relation,coverage,failed_rules,"
                    "first_seen,last_seen,evidence_warc,evidence_offset,evidence_sha256,original_evidence_warc,"
                    "original_evidence_offset,original_evidence_sha256\r\n";
  for (const model::FindingRecord& f : report.findings) {
    std::string failed;
    for (const FailedRule& rule : rules_of(parse_result(f), true)) {
      failed += (failed.empty() ? "" : "; ") + rule.id + ": " + rule.message;
    }
    out += fmt::format("{},{},{},{},{},{},{},{},{:.4f},{},{},{},{},{},{},{},{},{}\r\n", f.id, model::to_string(f.state),
                       csv_field(f.site), csv_field(f.page_url), csv_field(f.original_url), csv_field(f.publisher),
                       f.verdict, f.relation, f.coverage, csv_field(failed), f.first_seen, f.last_seen,
                       csv_field(f.evidence_path), f.evidence_offset, f.evidence_sha256,
                       csv_field(f.original_evidence_path), f.original_evidence_offset, f.original_evidence_sha256);
  }
  return out;
}

std::string render_md(const FindingsReport& report) {
  std::string out =
      fmt::format("# syndcheck report\n\nGenerated {}; scan {}.\n\n", report.generated_at, report.scan_id);
  std::size_t violating = 0;
  for (const model::FindingRecord& f : report.findings) {
    violating += is_violating(f) ? 1U : 0U;
  }
  out += fmt::format("{} finding{}, {} violating.\n\n", report.findings.size(), report.findings.size() == 1 ? "" : "s",
                     violating);
  out += "| # | state | site | copy | original | relation | failed rules |\n|---|---|---|---|---|---|---|\n";
  for (const model::FindingRecord& f : report.findings) {
    std::string failed;
    for (const FailedRule& rule : rules_of(parse_result(f), true)) {
      failed += (failed.empty() ? "" : "<br>") + rule.id + ": " + rule.message;
    }
    std::string row = fmt::format("| {} | {} | {} | {} | {} | {} ({:.2f}) | {} |\n", f.id, model::to_string(f.state),
                                  f.site, f.page_url, f.original_url, f.relation, f.coverage, failed);
    // A '|' inside a cell would end it.
    std::string escaped;
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      const bool boundary = row[i] == '|' && (i == 0 || row[i - 1] == ' ') && (row[i + 1] == ' ' || row[i + 1] == '\n');
      escaped += (row[i] == '|' && !boundary) ? std::string("\\|") : std::string(1, row[i]);
    }
    out += escaped + "\n";
  }
  return out;
}

// `text` (paragraphs separated by a blank line) as HTML paragraphs, with the code-point spans
// [begin, end) marked: the copied passages, shown in place in each text.
std::string highlighted(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>> spans) {
  std::sort(spans.begin(), spans.end());
  std::string out = "<p>";
  std::size_t cp = 0;
  std::size_t next = 0; // first span not yet closed
  bool open = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (open && next < spans.size() && cp >= spans[next].second) {
      out += "</mark>";
      open = false;
      ++next;
    }
    while (!open && next < spans.size() && spans[next].second <= cp) {
      ++next; // empty or passed span
    }
    if (!open && next < spans.size() && cp >= spans[next].first) {
      out += "<mark>";
      open = true;
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (text.substr(i, 2) == "\n\n") {
      out += open ? "</mark></p>\n<p><mark>" : "</p>\n<p>";
      i += 2;
      cp += 2;
      continue;
    }
    out += escape_html(text.substr(i, std::min(length, text.size() - i)));
    i += length;
    ++cp;
  }
  if (open) {
    out += "</mark>";
  }
  return out + "</p>";
}

constexpr const char* k_css = R"css(
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f;max-width:1200px}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f5f5f7}.state-new{color:#b00020;font-weight:600}.state-open{color:#b35900;font-weight:600}
.state-resolved,.state-compliant{color:#1b7f3b}.state-licensed,.state-ignored{color:#555}
.finding{border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}
.finding.violating{border-left:6px solid #b00020}.rule-fail{color:#b00020}.rule-pass{color:#1b7f3b}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1em}.passage mark{background:#fff3a3}
.source{font-style:italic;color:#444}.texts mark{background:#fff3a3}.side-by-side p{margin:.4em 0}.meta{color:#666;font-size:.9em}code{font-size:.9em}
)css";

std::string render_html(const FindingsReport& report) {
  std::map<std::string, std::pair<int, int>> by_site;      // (violating, all)
  std::map<std::string, std::pair<int, int>> by_publisher; // (violating, all)
  std::map<std::string, int> by_rule;                      // failed rule id -> violating findings
  std::size_t violating = 0;
  std::size_t fresh = 0;
  for (const model::FindingRecord& f : report.findings) {
    const bool v = is_violating(f);
    violating += v ? 1U : 0U;
    fresh += f.state == model::FindingState::new_finding ? 1U : 0U;
    by_site[f.site].first += v ? 1 : 0;
    by_site[f.site].second += 1;
    by_publisher[f.publisher].first += v ? 1 : 0;
    by_publisher[f.publisher].second += 1;
    if (v) {
      for (const FailedRule& rule : rules_of(parse_result(f), true)) {
        if (rule.status == "fail") {
          by_rule[rule.id] += 1;
        }
      }
    }
  }
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>syndcheck report</title>"
                    "<style>";
  out += k_css;
  out += "</style></head><body>\n";
  out += fmt::format("<h1>syndcheck report</h1>\n<p class=\"meta\">Generated {} &middot; scan {} &middot; "
                     "<span id=\"total-findings\">{}</span> findings, <span id=\"violating-findings\">{}</span> "
                     "violating, {} new in this scan</p>\n",
                     escape_html(report.generated_at), report.scan_id, report.findings.size(), violating, fresh);
  const auto summary = [&out](const char* id, const char* title,
                              const std::map<std::string, std::pair<int, int>>& rows) {
    out += fmt::format("<h2 id=\"{}\">{}</h2>\n<table><tr><th>{}</th><th>violating</th><th>matched copies</th></tr>\n",
                       id, title, title);
    for (const auto& [name, counts] : rows) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape_html(name.empty() ? "-" : name),
                         counts.first, counts.second);
    }
    out += "</table>\n";
  };
  summary("by-site", "Site", by_site);
  summary("by-publisher", "Publisher", by_publisher);
  out += "<h2 id=\"by-rule\">Broken terms</h2>\n<table><tr><th>rule</th><th>violating copies</th></tr>\n";
  for (const auto& [rule, count] : by_rule) {
    out += fmt::format("<tr><td><code>{}</code></td><td>{}</td></tr>\n", escape_html(rule), count);
  }
  out += "</table>\n<h2 id=\"findings\">Findings</h2>\n";
  for (const model::FindingRecord& f : report.findings) {
    const ordered_json result = parse_result(f);
    out += fmt::format("<div class=\"finding{}\" id=\"finding-{}\">\n", is_violating(f) ? " violating" : "", f.id);
    out += fmt::format("<p><span class=\"state-{}\">{}</span> &middot; finding {} &middot; {} &middot; {} "
                       "(coverage {:.2f})</p>\n",
                       model::to_string(f.state), model::to_string(f.state), f.id, escape_html(f.site),
                       escape_html(f.relation), f.coverage);
    out += fmt::format("<div class=\"cols\"><div><b>Copy</b><br><a href=\"{0}\">{0}</a><br><span class=\"meta\">first "
                       "seen {1}, last seen {2}</span></div><div><b>Original</b> ({3})<br><a href=\"{4}\">{4}</a><br>"
                       "<span class=\"meta\">{5}</span></div></div>\n",
                       escape_html(f.page_url), escape_html(f.first_seen), escape_html(f.last_seen),
                       escape_html(f.publisher), escape_html(f.original_url),
                       escape_html(result.value("original", ordered_json::object()).value("title", "")));
    out += "<table><tr><th>rule</th><th>status</th><th>what was found</th><th>term</th></tr>\n";
    for (const FailedRule& rule : rules_of(result, false)) {
      out +=
          fmt::format("<tr class=\"rule-{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"source\">{}</td>"
                      "</tr>\n",
                      escape_html(rule.status), escape_html(rule.id), escape_html(rule.status),
                      escape_html(rule.message), escape_html(rule.source));
    }
    out += "</table>\n";
    const auto passages = result.value("passages", ordered_json::array());
    if (!f.copy_text.empty() && !f.original_text.empty()) {
      std::vector<std::pair<std::size_t, std::size_t>> in_original;
      std::vector<std::pair<std::size_t, std::size_t>> in_copy;
      for (const auto& p : passages) {
        in_original.emplace_back(p["original"][0].get<std::size_t>(), p["original"][1].get<std::size_t>());
        in_copy.emplace_back(p["copy"][0].get<std::size_t>(), p["copy"][1].get<std::size_t>());
      }
      out += std::string(is_violating(f) ? "<details class=\"texts\" open>" : "<details class=\"texts\">") +
             "<summary>Original and copy side by side, copied passages marked</summary>"
             "<div class=\"cols side-by-side\"><div class=\"original-text\"><b>Original</b>" +
             highlighted(f.original_text, in_original) + "</div><div class=\"copy-text\"><b>Copy</b>" +
             highlighted(f.copy_text, in_copy) + "</div></div></details>\n";
    } else if (!passages.empty()) {
      out += "<p><b>Copied passages</b> (as they stand in the copy):</p>\n";
      for (const auto& p : passages) {
        out += fmt::format("<p class=\"passage\">copy ¶{} &larr; original ¶{}: <mark>{}</mark></p>\n",
                           p.value("copy_paragraph", 0), p.value("original_paragraph", 0),
                           escape_html(p.value("text", "")));
      }
    }
    if (!f.evidence_path.empty()) {
      out += fmt::format("<p class=\"meta\">Evidence (the copy as received): <a href=\"{0}\">{0}</a> at offset {1}, "
                         "record SHA-256 <code>{2}</code></p>\n",
                         escape_html(f.evidence_path), f.evidence_offset, escape_html(f.evidence_sha256));
    }
    if (!f.original_evidence_path.empty()) {
      out += fmt::format("<p class=\"meta\">Evidence (the original as published): <a href=\"{0}\">{0}</a> at offset "
                         "{1}, record SHA-256 <code>{2}</code></p>\n",
                         escape_html(f.original_evidence_path), f.original_evidence_offset,
                         escape_html(f.original_evidence_sha256));
    }
    if (!f.ignored_reason.empty()) {
      out += fmt::format("<p class=\"meta\">Ignored: {}</p>\n", escape_html(f.ignored_reason));
    }
    out += "</div>\n";
  }
  out += "</body></html>\n";
  return out;
}

} // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(value);
  }
  std::string out = "\"";
  for (const char c : value) {
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return out + "\"";
}

std::string render_findings(const FindingsReport& input, std::string_view format) {
  // Violations first (new, then open), then the rest; within a state by site and page, so the
  // reader meets what needs action at the top.
  FindingsReport report = input;
  const auto rank = [](model::FindingState state) {
    switch (state) {
    case model::FindingState::new_finding: return 0;
    case model::FindingState::open: return 1;
    case model::FindingState::resolved: return 2;
    case model::FindingState::licensed: return 3;
    case model::FindingState::ignored: return 4;
    case model::FindingState::compliant: return 5;
    }
    return 6;
  };
  std::stable_sort(
      report.findings.begin(), report.findings.end(),
      [&rank](const model::FindingRecord& a, const model::FindingRecord& b) { return rank(a.state) < rank(b.state); });
  if (format == "json") {
    return render_json(report);
  }
  if (format == "csv") {
    return render_csv(report);
  }
  if (format == "md") {
    return render_md(report);
  }
  return render_html(report);
}

} // namespace syndcheck::report
