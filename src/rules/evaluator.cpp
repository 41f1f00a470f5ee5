// rules/evaluator.cpp: one RuleResult per rule, from plain model facts.
//
// Rule: every message names its evidence precisely (which link, which paragraph, which rel), so a
// rights desk can act on the report without opening the page.
#include "rules/evaluator.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include "model/url.hpp"
#include "rules/alias_matcher.hpp"

namespace syndcheck::rules {
namespace {

struct LinkAt {
  const model::Link* link;
  int paragraph;
  bool in_sources = false; // inside a "Sources"/"Джерела"/"Источники" section
};

// Hosts that redirect or shorten: a link through them is not a direct link. Collected from the
// shorteners and click-trackers seen in republished news pages (social shares, Telegram and VK
// reposts, Google and Yandex result links); extend when a copy hides a link behind another.
constexpr const char* k_redirect_hosts[] = {
    "bit.ly",         "t.co",
    "goo.gl",         "tinyurl.com",
    "ow.ly",          "buff.ly",
    "is.gd",          "lnkd.in",
    "cutt.ly",        "rebrand.ly",
    "shorturl.at",    "tiny.cc",
    "bit.do",         "clck.ru",
    "u.to",           "vk.cc",
    "l.facebook.com", "lm.facebook.com",
    "away.vk.com",    "href.li",
    "href.li",        "go.redirectingat.com",
    "out.reddit.com", "l.instagram.com",
    "dlvr.it",        "trib.al",
    "fb.me",          "youtu.be",
};

// Words that head a sources section, folded: "Sources:", "Джерела:", "Источники:", "Крыніцы:".
constexpr const char* k_source_words[] = {"sources", "source",  "джерела", "джерело", "источники", "источник",
                                          "крыніцы", "крыніца", "źródła",  "źródło",  "quellen",   "quelle"};

// Advertisement labels and disclaimers, as the issue lists them (Ukrinform, 62.ua and the
// Law of Ukraine "On Advertising" wording).
constexpr const char* k_advertisement_labels[] = {
    "Advertisement",
    "Реклама",
    "На правах реклами",
    "На правах рекламы",
    "Партнерський матеріал",
    "Партнерский материал",
    "Промо",
    "Sponsored",
    "Sponsored content",
    "Partner content",
    "posted in accordance with Part 3 of Article 9 of the Law of Ukraine",
    "відповідно до частини 3 статті 9 Закону України",
};

// What one hyperlink check looks for, after `to` is resolved.
struct Target {
  std::vector<std::string> domains; // host must be in one of these, or
  std::string article_url;          // normalised original URL (for `to: article`)
  std::string label;                // "ukrinform.net", "yna.co.kr (Yonhap News Agency, cited by the original)"
  bool cited_outlet = false;        // the label already says where the link is wanted
};

bool has_blocking_rel(const model::Link& link, std::string* which) {
  for (const std::string& rel : link.rel) {
    if (rel == "nofollow" || rel == "ugc" || rel == "sponsored") {
      if (which != nullptr) {
        *which = rel;
      }
      return true;
    }
  }
  return false;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

std::string where(int paragraph) {
  if (paragraph == 0) {
    return "above the body (paragraph 0)";
  }
  return "in paragraph " + std::to_string(paragraph);
}

std::string requirement(const std::optional<int>& max_paragraph) {
  if (!max_paragraph) {
    return "";
  }
  if (*max_paragraph == 0) {
    return "required: above the body (paragraph 0)";
  }
  return "required: paragraph " + std::to_string(*max_paragraph) + " or above";
}

model::Evidence link_evidence(const LinkAt& at) {
  return model::Evidence{at.link->href, at.paragraph, at.link->rel, at.link->text};
}

bool host_matches(const Target& target, const std::string& host) {
  return !host.empty() && std::any_of(target.domains.begin(), target.domains.end(),
                                      [&](const std::string& domain) { return model::host_in_domain(host, domain); });
}

bool matches(const Target& target, const model::Link& link) {
  if (!target.article_url.empty()) {
    return model::normalise_article_url(link.href) == target.article_url;
  }
  return host_matches(target, model::url_host(link.href));
}

bool is_redirect_host(const std::string& host) {
  return std::any_of(std::begin(k_redirect_hosts), std::end(k_redirect_hosts),
                     [&](const char* known) { return model::host_in_domain(host, known); });
}

// Percent-decoding, enough to see a target URL inside a redirector's query.
std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      unsigned value = 0;
      const auto [ptr, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
      if (ec == std::errc{} && ptr == text.data() + i + 3) {
        out.push_back(static_cast<char>(value));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// A link that stands for the target without being a direct link to it: through a known redirect
// host, or to another host while carrying the target in its URL or naming it in its anchor text.
bool is_masked_link(const Target& target, const model::Link& link, const detail::AliasMatcher* aliases) {
  const std::string host = model::url_host(link.href);
  if (host.empty() || host_matches(target, host)) {
    return false;
  }
  const std::string decoded = percent_decode(link.href);
  bool mentions_target = false;
  if (!target.article_url.empty()) {
    mentions_target = decoded.find(target.article_url) != std::string::npos;
  } else {
    for (const std::string& domain : target.domains) {
      if (decoded.find(domain) != std::string::npos) {
        mentions_target = true;
      }
    }
  }
  if (!mentions_target && aliases != nullptr && !link.text.empty()) {
    mentions_target = !aliases->find(detail::SegmentedText(link.text)).empty();
  }
  return mentions_target;
}

// Contiguous folded words of `needle` inside `haystack`.
bool contains_words(const std::vector<text::Word>& haystack, const std::vector<text::Word>& needle) {
  if (needle.empty() || needle.size() > haystack.size()) {
    return false;
  }
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    bool ok = true;
    for (std::size_t j = 0; j < needle.size() && ok; ++j) {
      ok = haystack[i + j].folded == needle[j].folded;
    }
    if (ok) {
      return true;
    }
  }
  return false;
}

struct LinkVerdict {
  model::RuleStatus status;
  std::string message;
  std::optional<model::Evidence> evidence;
};

bool anchor_ok(const HyperlinkRule& rule, const model::Link& link, const detail::AliasMatcher& aliases) {
  switch (rule.anchor) {
  case AnchorRequirement::any: return true;
  case AnchorRequirement::alias: return !link.text.empty() && !aliases.find(detail::SegmentedText(link.text)).empty();
  case AnchorRequirement::phrase: return contains_words(text::words(link.text), text::words(rule.anchor_phrase));
  }
  return true;
}

std::string anchor_requirement(const HyperlinkRule& rule, const std::string& name) {
  if (rule.anchor == AnchorRequirement::alias) {
    return "anchor text naming " + name;
  }
  return "anchor text containing \"" + rule.anchor_phrase + "\"";
}

bool placed_ok(const HyperlinkRule& rule, const LinkAt& at) {
  return !rule.max_paragraph || at.paragraph <= *rule.max_paragraph || (rule.or_sources_section && at.in_sources);
}

std::string where_link(const HyperlinkRule& rule, const LinkAt& at) {
  return rule.or_sources_section && at.in_sources ? where(at.paragraph) + " (a sources section)" : where(at.paragraph);
}

// Checks one target: the first link that matches and sits high enough and is open to search
// engines (when required) passes; otherwise the message names the closest miss.
LinkVerdict check_target(const Target& target, const HyperlinkRule& rule, const std::vector<LinkAt>& links,
                         bool page_nofollow, const detail::AliasMatcher& aliases, const std::string& name) {
  std::string required = requirement(rule.max_paragraph);
  if (!required.empty() && rule.or_sources_section) {
    required += ", or in a sources section";
  }
  std::vector<LinkAt> matching;
  std::vector<LinkAt> masked;
  for (const LinkAt& at : links) {
    if (matches(target, *at.link)) {
      matching.push_back(at);
    } else if (rule.direct && is_masked_link(target, *at.link, target.cited_outlet ? nullptr : &aliases)) {
      masked.push_back(at);
    }
  }
  if (matching.empty()) {
    if (!masked.empty()) {
      const LinkAt& first = masked.front();
      const std::string host = model::url_host(first.link->href);
      return {model::RuleStatus::fail,
              "the link for " + target.label + " " + where_link(rule, first) + " goes through " + host +
                  (is_redirect_host(host) ? " (a redirector)" : "") + "; the terms require a direct link",
              link_evidence(first)};
    }
    std::string message = "no link to " + target.label;
    if (!target.cited_outlet) {
      message += " in the article body";
    }
    if (!required.empty()) {
      message += "; " + required;
    }
    return {model::RuleStatus::fail, std::move(message), std::nullopt};
  }
  std::vector<LinkAt> placed;
  for (const LinkAt& at : matching) {
    if (placed_ok(rule, at)) {
      placed.push_back(at);
    }
  }
  if (placed.empty()) {
    const LinkAt& first = matching.front();
    return {model::RuleStatus::fail,
            "first link to " + target.label + " is " + where_link(rule, first) + "; " + required, link_evidence(first)};
  }
  if (rule.anchor != AnchorRequirement::any) {
    std::vector<LinkAt> anchored;
    for (const LinkAt& at : placed) {
      if (anchor_ok(rule, *at.link, aliases)) {
        anchored.push_back(at);
      }
    }
    if (anchored.empty()) {
      const LinkAt& first = placed.front();
      return {model::RuleStatus::fail,
              "the link to " + target.label + " " + where_link(rule, first) + " has anchor text \"" + first.link->text +
                  "\"; the terms require " + anchor_requirement(rule, name),
              link_evidence(first)};
    }
    placed = std::move(anchored);
  }
  if (rule.follow) {
    if (page_nofollow) {
      return {model::RuleStatus::fail,
              "the page's robots directives say nofollow, so the link to " + target.label + " " +
                  where_link(rule, placed.front()) +
                  " is not followed; the terms require a link open to search engines",
              link_evidence(placed.front())};
    }
    std::vector<LinkAt> open;
    for (const LinkAt& at : placed) {
      if (!has_blocking_rel(*at.link, nullptr)) {
        open.push_back(at);
      }
    }
    if (open.empty()) {
      const LinkAt& first = placed.front();
      return {model::RuleStatus::fail,
              "the link to " + target.label + " " + where_link(rule, first) + " has rel=\"" +
                  join(first.link->rel, " ") + "\"; the terms require a link open to search engines",
              link_evidence(first)};
    }
    placed = std::move(open);
  }
  // Prefer a link outside the paragraphs where the terms are ambiguous.
  const auto clear = std::find_if(placed.begin(), placed.end(), [&](const LinkAt& at) {
    return std::find(rule.review_paragraphs.begin(), rule.review_paragraphs.end(), at.paragraph) ==
           rule.review_paragraphs.end();
  });
  if (clear == placed.end()) {
    const LinkAt& first = placed.front();
    return {model::RuleStatus::needs_review,
            "link to " + target.label + " " + where_link(rule, first) +
                ": the terms' position clause is ambiguous for this paragraph (see the rule's source); a person "
                "must decide",
            link_evidence(first)};
  }
  const LinkAt& chosen = *clear;
  std::string message = "link to " + target.label + " " + where_link(rule, chosen);
  if (!required.empty()) {
    message += " (" + required + ")";
  }
  return {model::RuleStatus::pass, std::move(message), link_evidence(chosen)};
}

bool is_source_word(const std::string& folded) {
  return std::any_of(std::begin(k_source_words), std::end(k_source_words),
                     [&](const char* word) { return folded == word; });
}

// Links in reading order, each marked when it sits in a sources section: a block that starts
// with "Sources:" (or "Джерела:", ...) or any block under a heading that is such a word.
std::vector<LinkAt> links_of(const model::Article& article) {
  std::vector<LinkAt> out;
  bool under_sources_heading = false;
  for (const model::Block& block : article.blocks) {
    const std::vector<text::Word> words = text::words(block.text, 2);
    const bool source_word = !words.empty() && is_source_word(words.front().folded);
    bool in_sources = under_sources_heading;
    if (block.kind == model::BlockKind::heading) {
      under_sources_heading = source_word && words.size() == 1;
      in_sources = false;
    } else if (source_word) {
      const std::size_t colon = block.text.find(':');
      const std::size_t first_space = block.text.find(' ');
      in_sources =
          in_sources || (colon != std::string::npos && (first_space == std::string::npos || colon < first_space));
    }
    for (const model::Link& link : block.links) {
      out.push_back({&link, block.paragraph, in_sources});
    }
  }
  return out;
}

model::RuleResult evaluate_hyperlink(const Rule& rule, const HyperlinkRule& hyperlink, const PublisherRules& publisher,
                                     const std::vector<const PublisherRules*>& cited, const Facts& facts) {
  model::RuleResult result{rule.id, model::RuleStatus::not_applicable, "", std::nullopt};
  const std::vector<LinkAt> links = links_of(*facts.copy);
  const bool page_nofollow = facts.copy_robots.nofollow || facts.copy->robots.nofollow;

  const detail::AliasMatcher aliases(publisher.aliases);
  std::vector<Target> targets;
  if (std::holds_alternative<ToPublisher>(hyperlink.to)) {
    targets.push_back(
        {publisher.domains, "", publisher.domains.empty() ? publisher.name : publisher.domains.front(), false});
  } else if (const auto* list = std::get_if<ToDomains>(&hyperlink.to)) {
    targets.push_back({list->domains, "", join(list->domains, " or "), false});
  } else if (std::holds_alternative<ToArticle>(hyperlink.to)) {
    const std::string normalised = model::normalise_article_url(facts.original_url);
    if (facts.original_url.empty() || normalised.empty()) {
      result.message = "the original's URL is unknown, so a link to it cannot be checked";
      return result;
    }
    targets.push_back({{}, normalised, facts.original_url, false});
  } else {
    if (cited.empty()) {
      result.message = "the original cites no other outlet";
      return result;
    }
    for (const PublisherRules* outlet : cited) {
      const std::string first = outlet->domains.empty() ? outlet->publisher : outlet->domains.front();
      targets.push_back({outlet->domains, "", first + " (" + outlet->name + ", cited by the original)", true});
    }
  }

  std::vector<std::string> passes;
  std::optional<model::Evidence> first_evidence;
  for (const Target& target : targets) {
    LinkVerdict verdict = check_target(target, hyperlink, links, page_nofollow, aliases, publisher.name);
    if (verdict.status != model::RuleStatus::pass) {
      result.status = verdict.status;
      result.message = std::move(verdict.message);
      result.evidence = std::move(verdict.evidence);
      return result;
    }
    passes.push_back(std::move(verdict.message));
    if (!first_evidence) {
      first_evidence = std::move(verdict.evidence);
    }
  }
  result.status = model::RuleStatus::pass;
  result.message = join(passes, "; ");
  result.evidence = std::move(first_evidence);
  return result;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// credit.phrase: the phrase, placeholders filled, as contiguous words of one block.
model::RuleResult evaluate_credit_phrase(const Rule& rule, const CreditRule& credit, const PublisherRules& publisher,
                                         const Facts& facts) {
  model::RuleResult result{rule.id, model::RuleStatus::fail, "", std::nullopt};
  const std::string phrase =
      replace_all(replace_all(credit.phrase, "{domain}", publisher.domains.empty() ? "" : publisher.domains.front()),
                  "{name}", publisher.name);
  const std::vector<text::Word> wanted = text::words(phrase);
  const std::string required = requirement(credit.max_paragraph);
  std::optional<int> misplaced;
  for (const model::Block& block : facts.copy->blocks) {
    if (!contains_words(text::words(block.text), wanted)) {
      continue;
    }
    if (!credit.max_paragraph || block.paragraph <= *credit.max_paragraph) {
      result.status = model::RuleStatus::pass;
      result.message = "the phrase \"" + phrase + "\" is " + where(block.paragraph);
      result.evidence = model::Evidence{"", block.paragraph, {}, phrase};
      return result;
    }
    if (!misplaced) {
      misplaced = block.paragraph;
    }
  }
  if (misplaced) {
    result.message = "the phrase \"" + phrase + "\" is " + where(*misplaced) + "; " + required;
    result.evidence = model::Evidence{"", *misplaced, {}, phrase};
    return result;
  }
  result.message = "the copy does not contain the phrase \"" + phrase + "\"";
  return result;
}

model::RuleResult evaluate_credit(const Rule& rule, const CreditRule& credit, const PublisherRules& publisher,
                                  const Facts& facts) {
  if (!credit.phrase.empty()) {
    return evaluate_credit_phrase(rule, credit, publisher, facts);
  }
  model::RuleResult result{rule.id, model::RuleStatus::fail, "", std::nullopt};
  const detail::AliasMatcher matcher(publisher.aliases);
  const std::string required = requirement(credit.max_paragraph);
  std::optional<model::Evidence> first_found;
  for (const model::Block& block : facts.copy->blocks) {
    if (block.text.empty()) {
      continue;
    }
    const detail::SegmentedText text(block.text);
    const std::vector<detail::AliasHit> hits = matcher.find(text);
    if (hits.empty()) {
      continue;
    }
    const detail::AliasHit& hit = hits.front();
    model::Evidence evidence;
    evidence.paragraph = block.paragraph;
    evidence.text = std::string(text.slice(text.words[hit.first].begin, text.words[hit.last - 1].end));
    if (!credit.max_paragraph || block.paragraph <= *credit.max_paragraph) {
      result.status = model::RuleStatus::pass;
      result.message = "credit to " + publisher.name + " " + where(block.paragraph) + ": \"" + evidence.text + "\"";
      if (!required.empty()) {
        result.message += " (" + required + ")";
      }
      result.evidence = std::move(evidence);
      return result;
    }
    if (!first_found) {
      first_found = std::move(evidence);
    }
  }
  if (first_found) {
    result.message = "first credit to " + publisher.name + " (\"" + first_found->text + "\") is " +
                     where(first_found->paragraph) + "; " + required;
    result.evidence = std::move(first_found);
    return result;
  }
  result.message =
      "no credit to " + publisher.name + " (aliases: " + join(publisher.aliases, ", ") + ") in the article body";
  if (!required.empty()) {
    result.message += "; " + required;
  }
  return result;
}

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100.0))) + "%";
}

model::RuleResult evaluate_reuse(const Rule& rule, const ReuseRule& reuse, const Facts& facts,
                                 const Licensee* licensee) {
  model::RuleResult result{rule.id, model::RuleStatus::pass, "", std::nullopt};
  model::Evidence evidence;
  evidence.coverage = facts.coverage;
  evidence.chars = facts.chars_reproduced;
  result.evidence = evidence;
  const std::string measured = "the copy reproduces " + percent(facts.coverage) + " of the original (" +
                               std::to_string(facts.chars_reproduced) + " characters)";
  std::vector<std::string> limits;
  if (reuse.licensees_only) {
    if (licensee == nullptr) {
      result.status = model::RuleStatus::fail;
      result.message = measured + "; the terms allow reuse by licensees only, and the copy's site holds no licence";
      return result;
    }
    limits.push_back("licensee " + (licensee->domain.empty() ? licensee->publisher : licensee->domain));
  }
  if (reuse.full_reprint_forbidden && facts.coverage >= k_full_reprint_coverage) {
    if (licensee != nullptr) {
      result.message = measured + ", a full reprint, but the copier is a licensee (" +
                       (licensee->domain.empty() ? licensee->publisher : licensee->domain) + ")";
      return result;
    }
    result.status = model::RuleStatus::fail;
    result.message =
        measured + ": a full reprint (" + percent(k_full_reprint_coverage) + " or more), which the terms forbid";
    return result;
  }
  if (reuse.full_reprint_forbidden) {
    limits.push_back("not a full reprint");
  }
  if (reuse.max_chars) {
    if (facts.chars_reproduced > *reuse.max_chars) {
      result.status = model::RuleStatus::fail;
      result.message = measured + "; the terms allow at most " + std::to_string(*reuse.max_chars) + " characters";
      return result;
    }
    limits.push_back("at most " + std::to_string(*reuse.max_chars) + " characters");
  }
  if (reuse.max_coverage) {
    const double limit = *reuse.max_coverage;
    if (std::fabs(facts.coverage - limit) <= k_coverage_review_margin) {
      result.status = model::RuleStatus::needs_review;
      result.message = measured + ", within " + percent(k_coverage_review_margin) + " of the limit of " +
                       percent(limit) + "; the measurement cannot decide it";
      return result;
    }
    if (facts.coverage > limit) {
      result.status = model::RuleStatus::fail;
      result.message = measured + "; the terms allow at most " + percent(limit);
      return result;
    }
    limits.push_back("at most " + percent(limit));
  }
  result.message = measured + " (allowed: " + join(limits, ", ") + ")";
  return result;
}

std::string duration_text(std::chrono::seconds duration) {
  const long long s = duration.count();
  if (s % 86400 == 0) {
    return std::to_string(s / 86400) + " d";
  }
  if (s % 3600 == 0) {
    return std::to_string(s / 3600) + " h";
  }
  if (s % 60 == 0) {
    return std::to_string(s / 60) + " min";
  }
  return std::to_string(s) + " s";
}

model::RuleResult evaluate_embargo(const Rule& rule, const EmbargoRule& embargo, const Facts& facts) {
  model::RuleResult result{rule.id, model::RuleStatus::needs_review, "", std::nullopt};
  model::Evidence evidence;
  evidence.original_time = facts.original_published;
  const bool declared = !facts.copy_published.empty();
  evidence.copy_time = declared ? facts.copy_published : facts.copy_first_seen;
  evidence.copy_time_basis = declared ? "declared" : (facts.copy_first_seen.empty() ? "" : "first-seen");
  result.evidence = evidence;
  const std::optional<std::int64_t> original = parse_iso8601(facts.original_published);
  if (!original) {
    result.message = "the original's publication time is unknown, so the embargo cannot be checked";
    return result;
  }
  const std::optional<std::int64_t> copy = parse_iso8601(evidence.copy_time);
  if (!copy) {
    result.message = "the copy's time is unknown (it declares none and was not seen), so the embargo cannot be checked";
    return result;
  }
  const std::int64_t earliest = *original + embargo.after.count();
  const std::string basis = declared ? "declares " : "was first seen at ";
  if (*copy < earliest) {
    result.status = model::RuleStatus::fail;
    result.message = "the copy " + basis + evidence.copy_time + ", " +
                     duration_text(std::chrono::seconds(*copy - *original)) + " after the original (" +
                     facts.original_published + "); the embargo is " + duration_text(embargo.after);
    if (*copy < *original) {
      result.message = "the copy " + basis + evidence.copy_time + ", before the original (" + facts.original_published +
                       "); the embargo is " + duration_text(embargo.after);
    }
    return result;
  }
  result.status = model::RuleStatus::pass;
  result.message = "the copy " + basis + evidence.copy_time + ", after the embargo of " + duration_text(embargo.after) +
                   " from the original (" + facts.original_published + ")";
  return result;
}

// Whether a rule's `when` holds: nullopt when it holds; otherwise the status and message.
struct Gate {
  model::RuleStatus status;
  std::string message;
};

struct OriginalFacts {
  bool cites = false;
  std::string kind;
  std::optional<std::string> advertisement;
};

std::optional<Gate> check_when(const WhenConditions& when, const OriginalFacts& original, const Facts& facts) {
  if (when.cites_outlet && *when.cites_outlet != original.cites) {
    return Gate{model::RuleStatus::not_applicable,
                original.cites ? "the original cites another outlet" : "the original cites no other outlet"};
  }
  if (!when.kinds.empty() && std::find(when.kinds.begin(), when.kinds.end(), original.kind) == when.kinds.end()) {
    return Gate{model::RuleStatus::not_applicable,
                "the original is of kind '" + original.kind + "'; the rule applies to " + join(when.kinds, ", ")};
  }
  if (when.advertisement && *when.advertisement != original.advertisement.has_value()) {
    return Gate{model::RuleStatus::not_applicable,
                original.advertisement ? "the original is an advertisement (\"" + *original.advertisement + "\")"
                                       : "the original is not marked as an advertisement"};
  }
  if (when.translated) {
    if (facts.original_language.empty() || facts.copy_language.empty()) {
      return Gate{model::RuleStatus::needs_review,
                  "cannot tell whether the copy is a translation: the language of the original or the copy is unknown"};
    }
    const bool translated = facts.original_language != facts.copy_language;
    if (translated != *when.translated) {
      return Gate{model::RuleStatus::not_applicable,
                  translated
                      ? "the copy is a translation (" + facts.original_language + " -> " + facts.copy_language + ")"
                      : "the copy is in the original's language (" + facts.copy_language + ")"};
    }
  }
  if (!when.relations.empty() &&
      std::find(when.relations.begin(), when.relations.end(), facts.relation) == when.relations.end()) {
    return Gate{model::RuleStatus::not_applicable,
                std::string("the copy's relation to the original is ") + model::to_string(facts.relation)};
  }
  return std::nullopt;
}

// Rule::when (the foundation's flag) folded into the mapping form, for rules built by hand.
WhenConditions conditions_of(const Rule& rule) {
  WhenConditions conditions = rule.conditions;
  if (rule.when == Condition::original_cites_outlet && !conditions.cites_outlet) {
    conditions.cites_outlet = true;
  }
  return conditions;
}

// The first `exclude` flag the original matches, as a message.
std::optional<std::string> excluded_by(const PublisherRules& publisher, const OriginalFacts& original,
                                       const Facts& facts) {
  for (const std::string& flag : publisher.exclude) {
    if (flag == "original.advertisement" && original.advertisement) {
      return "the original is an advertisement (\"" + *original.advertisement +
             "\"); the publisher's terms exclude such originals";
    }
    if (flag == "original.cites-outlet" && original.cites) {
      return std::string("the original cites another outlet; the publisher's terms exclude such originals");
    }
    if (flag == "copy.translated" && !facts.original_language.empty() && !facts.copy_language.empty() &&
        facts.original_language != facts.copy_language) {
      return std::string("the copy is a translation; the publisher's terms exclude translations");
    }
  }
  return std::nullopt;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9U)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) {
    return false;
  }
  const auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + count, out);
  return ec == std::errc{} && ptr == text.data() + at + count;
}

std::string date_of(std::string_view iso) {
  return iso.size() >= 10 ? std::string(iso.substr(0, 10)) : std::string();
}

} // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' || !read_digits(text, 5, 2, month) ||
      text[7] != '-' || !read_digits(text, 8, 2, day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  std::int64_t seconds = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400;
  if (text.size() == 10) {
    return seconds;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if ((text[10] != 'T' && text[10] != ' ') || !read_digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!read_digits(text, at + 1, 2, second) || second > 60) {
      return std::nullopt;
    }
    at += 3;
  }
  if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      ++at;
    }
  }
  seconds += hour * 3600 + minute * 60 + second;
  if (at == text.size()) {
    return seconds; // no zone: read as UTC
  }
  if (text[at] == 'Z' || text[at] == 'z') {
    return at + 1 == text.size() ? std::optional<std::int64_t>(seconds) : std::nullopt;
  }
  if (text[at] != '+' && text[at] != '-') {
    return std::nullopt;
  }
  const int sign = text[at] == '+' ? 1 : -1;
  int zone_hours = 0;
  int zone_minutes = 0;
  if (!read_digits(text, at + 1, 2, zone_hours)) {
    return std::nullopt;
  }
  std::size_t next = at + 3;
  if (next < text.size() && text[next] == ':') {
    ++next;
  }
  if (next < text.size() && !read_digits(text, next, 2, zone_minutes)) {
    return std::nullopt;
  }
  return seconds - sign * (zone_hours * 3600 + zone_minutes * 60);
}

std::string original_kind(const PublisherRules& publisher, const Facts& facts) {
  const std::string path = model::parse_url(facts.original_url).path;
  for (const KindSpec& kind : publisher.kinds) {
    for (const std::string& fragment : kind.url) {
      if (path.find(fragment) != std::string::npos) {
        return kind.name;
      }
    }
    if (facts.original != nullptr) {
      for (const std::string& type : kind.jsonld_type) {
        if (std::find(facts.original->schema_types.begin(), facts.original->schema_types.end(), type) !=
            facts.original->schema_types.end()) {
          return kind.name;
        }
      }
    }
  }
  return "news";
}

std::optional<std::string> advertisement_label(const PublisherRules& publisher, const model::Article& original) {
  if (!original.labels.empty()) {
    return original.labels.front();
  }
  struct Label {
    std::string written;
    std::vector<text::Word> words;
  };
  std::vector<Label> labels;
  for (const char* label : k_advertisement_labels) {
    labels.push_back({label, text::words(label)});
  }
  for (const std::string& label : publisher.advertisement_labels) {
    labels.push_back({label, text::words(label)});
  }
  // Short labels ("Промо", "PR") are words of ordinary prose too: they count only as the whole
  // text of a block or at the start of the title; phrases of four words or more count anywhere.
  constexpr std::size_t k_phrase_words = 4;
  // Only the first words of the title matter, and the cap bounds the work on hostile titles.
  constexpr std::size_t k_title_words = 8;
  const std::vector<text::Word> title = text::words(original.title, k_title_words);
  for (const Label& label : labels) {
    if (label.words.empty()) {
      continue;
    }
    if (title.size() >= label.words.size() &&
        std::equal(label.words.begin(), label.words.end(), title.begin(),
                   [](const text::Word& a, const text::Word& b) { return a.folded == b.folded; })) {
      return label.written;
    }
    for (const model::Block& block : original.blocks) {
      const std::vector<text::Word> words = text::words(block.text);
      const bool whole = words.size() == label.words.size() && contains_words(words, label.words);
      if (whole || (label.words.size() >= k_phrase_words && contains_words(words, label.words))) {
        return label.written;
      }
    }
  }
  return std::nullopt;
}

const Licensee* licensee_for(const RuleSet& set, const PublisherRules& publisher, const Facts& facts) {
  const std::string host = model::url_host(facts.copy_url);
  if (host.empty()) {
    return nullptr;
  }
  std::string date = date_of(facts.copy_published);
  if (date.empty()) {
    date = date_of(facts.copy_first_seen);
  }
  if (date.empty()) {
    date = date_of(facts.now);
  }
  for (const Licensee& licensee : publisher.licensees) {
    bool on_domain = !licensee.domain.empty() && model::host_in_domain(host, licensee.domain);
    if (const PublisherRules* other = licensee.publisher.empty() ? nullptr : set.find(licensee.publisher)) {
      on_domain = std::any_of(other->domains.begin(), other->domains.end(),
                              [&](const std::string& domain) { return model::host_in_domain(host, domain); });
    }
    if (!on_domain) {
      continue;
    }
    // Without any date the licence is taken as current; with one, the dates bound it.
    if (!date.empty() &&
        ((!licensee.from.empty() && date < licensee.from) || (!licensee.until.empty() && date > licensee.until))) {
      continue;
    }
    return &licensee;
  }
  return nullptr;
}

std::vector<model::RuleResult> evaluate(const RuleSet& set, const PublisherRules& publisher, const Facts& facts) {
  // Programmer error, not input: the pipeline always supplies both articles.
  assert(facts.original != nullptr && facts.copy != nullptr);
  std::vector<model::RuleResult> results;
  if (facts.original == nullptr || facts.copy == nullptr) {
    return results;
  }
  // Computed once: several rules may depend on what the original cites, its kind and labels.
  const std::vector<const PublisherRules*> cited = cited_outlets(set, publisher, *facts.original);
  OriginalFacts original;
  original.cites = !cited.empty();
  original.kind = original_kind(publisher, facts);
  original.advertisement = advertisement_label(publisher, *facts.original);
  const Licensee* licensee = licensee_for(set, publisher, facts);
  const std::optional<std::string> excluded = excluded_by(publisher, original, facts);
  for (const Rule& rule : publisher.rules) {
    model::RuleResult result;
    if (excluded) {
      result = {rule.id, model::RuleStatus::not_applicable, *excluded, std::nullopt};
    } else if (const std::optional<Gate> gate = check_when(conditions_of(rule), original, facts)) {
      result = {rule.id, gate->status, gate->message, std::nullopt};
    } else if (const auto* hyperlink = std::get_if<HyperlinkRule>(&rule.kind)) {
      result = evaluate_hyperlink(rule, *hyperlink, publisher, cited, facts);
    } else if (const auto* credit = std::get_if<CreditRule>(&rule.kind)) {
      result = evaluate_credit(rule, *credit, publisher, facts);
    } else if (const auto* reuse = std::get_if<ReuseRule>(&rule.kind)) {
      result = evaluate_reuse(rule, *reuse, facts, licensee);
    } else {
      result = evaluate_embargo(rule, std::get<EmbargoRule>(rule.kind), facts);
    }
    result.source = rule.source;
    results.push_back(std::move(result));
  }
  return results;
}

model::Verdict verdict_of(const std::vector<model::RuleResult>& results) {
  const bool failed = std::any_of(results.begin(), results.end(),
                                  [](const model::RuleResult& r) { return r.status == model::RuleStatus::fail; });
  return failed ? model::Verdict::violation : model::Verdict::compliant;
}

model::Verdict verdict_of(const std::vector<model::RuleResult>& results, const Licensee* licensee) {
  return licensee != nullptr ? model::Verdict::licensed : verdict_of(results);
}

} // namespace syndcheck::rules
