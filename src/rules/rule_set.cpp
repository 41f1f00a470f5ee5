// rules/rule_set.cpp: the loaded rule model: lookups by id and by URL, and error descriptions.
//
// Rule: lookups never fail loudly; "not found" is a null pointer the caller must branch on, as the
// header states, because an unknown host is an ordinary answer, not an error.
#include "rules/rule_set.hpp"

#include <utility>

#include "model/url.hpp"

namespace syndcheck::rules {

std::string describe(const RulesError& error) {
  const std::string where = core::describe(error.position);
  if (where.empty()) {
    return error.message;
  }
  return where + ": " + error.message;
}

RuleSet::RuleSet(std::vector<PublisherRules> publishers) : m_publishers(std::move(publishers)) {}

const PublisherRules* RuleSet::publisher_for_url(std::string_view url) const {
  const std::string host = model::url_host(url);
  if (host.empty()) {
    return nullptr;
  }
  // The most specific domain wins, so a file for "en.example.org" can sit beside one for
  // "example.org" without the order of files deciding.
  const PublisherRules* best = nullptr;
  std::size_t best_length = 0;
  for (const PublisherRules& publisher : m_publishers) {
    for (const std::string& domain : publisher.domains) {
      if (model::host_in_domain(host, domain) && domain.size() > best_length) {
        best = &publisher;
        best_length = domain.size();
      }
    }
  }
  return best;
}

const PublisherRules* RuleSet::find(std::string_view publisher_id) const {
  for (const PublisherRules& publisher : m_publishers) {
    if (publisher.publisher == publisher_id) {
      return &publisher;
    }
  }
  return nullptr;
}

} // namespace syndcheck::rules
