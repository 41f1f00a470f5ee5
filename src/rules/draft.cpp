// rules/draft.cpp: terms text -> a draft rules file, by cue phrases in uk, ru, be and en.
//
// Rule: cues are matched on text::fold()ed sentences, one sentence at a time; a sentence yields
// rules only from what it states (link, position, indexing, directness, limits, full reprint,
// labels), and a sentence that states nothing we can check is listed as unread.
#include "rules/draft.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "model/url.hpp"
#include "text/normalise.hpp"

namespace syndcheck::rules {
namespace {

bool has_any(const std::string& folded, std::initializer_list<const char*> cues) {
  return std::any_of(cues.begin(), cues.end(), [&](const char* cue) { return folded.find(cue) != std::string::npos; });
}

std::string trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) {
    return "";
  }
  const std::size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Uppercase first letter: ASCII, or Cyrillic А-Я, Ё, Є, І, Ї, Ў (UTF-8 lead byte 0xD0).
bool starts_upper(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 >= 'A' && c0 <= 'Z') {
    return true;
  }
  if (c0 == 0xD0 && s.size() > 1) {
    const auto c1 = static_cast<unsigned char>(s[1]);
    return (c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81 || c1 == 0x84 || c1 == 0x86 || c1 == 0x87 || c1 == 0x8E;
  }
  return false;
}

// "2.1." or "4.": a clause number, which starts a sentence rather than being one.
bool is_clause_number(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789. ") == std::string_view::npos;
}

// Sentences of one line: a break after . ! ? followed by a space and an uppercase letter, so
// "No. 270/96" and "ru.sputnik-tj.com" stay whole.
std::vector<std::string> sentences_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 2 < line.size(); ++i) {
    if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ' &&
        starts_upper(std::string_view(line).substr(i + 2)) && !is_clause_number(line.substr(start, i + 1 - start))) {
      out.push_back(trim(std::string_view(line).substr(start, i + 1 - start)));
      start = i + 2;
    }
  }
  const std::string rest = trim(std::string_view(line).substr(start));
  if (!rest.empty()) {
    out.push_back(rest);
  }
  return out;
}

struct Ordinal {
  const char* word;
  int number;
};

// Folded ordinals of "paragraph" positions, digits and words.
constexpr Ordinal k_ordinals[] = {
    {"first", 1},  {"1st", 1}, {"першого", 1},  {"первого", 1},  {"першы", 1}, {"перш", 1},
    {"second", 2}, {"2nd", 2}, {"другого", 2},  {"второго", 2},  {"другі", 2}, {"другим", 2},
    {"third", 3},  {"3rd", 3}, {"третього", 3}, {"третьего", 3}, {"трэці", 3},
};

struct Position {
  int max_paragraph = 0;
  std::vector<int> review;
};

std::optional<Position> position_of(const std::string& f) {
  const bool paragraph = has_any(f, {"paragraph", "абзац"});
  if (!paragraph) {
    if (has_any(f, {"at the beginning", "на початку", "в начале"})) {
      return Position{1, {}};
    }
    return std::nullopt;
  }
  int best = 0;
  for (const Ordinal& ordinal : k_ordinals) {
    for (const char* after : {"after the ", "після ", "после ", "пасля "}) {
      if (f.find(std::string(after) + ordinal.word) != std::string::npos) {
        // "after the first paragraph": literally the next one; where the readings part, review.
        Position p{ordinal.number + 1, {}};
        for (int i = 0; i <= ordinal.number; ++i) {
          p.review.push_back(i);
        }
        return p;
      }
    }
    const std::size_t at = f.find(ordinal.word);
    if (at != std::string::npos && (at == 0 || f[at - 1] == ' ')) {
      best = std::max(best, ordinal.number);
    }
  }
  if (best == 0) {
    return std::nullopt;
  }
  return Position{best, {}};
}

std::string yaml_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c == '\n' || c == '\t' ? ' ' : c);
  }
  out.push_back('"');
  return out;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// One drafted rule, as YAML lines, plus its signature for de-duplication.
struct DraftRule {
  std::string base_id;
  std::string when; // flow mapping or flag, empty for none
  std::string body; // "hyperlink: {...}" etc.
  std::string source;
  bool is_hyperlink = false;
  bool bare_publisher_link = false;
  // Hyperlink parts, kept so that later sentences can add position or indexing to it.
  std::string to;
  bool follow = false;
  bool direct = false;
  std::optional<int> max_paragraph;
  std::vector<int> review;
  bool or_sources = false;
  std::size_t line = 0;

  void render_hyperlink() {
    std::string b = "hyperlink: {to: " + to;
    if (max_paragraph) {
      b += ", max_paragraph: " + std::to_string(*max_paragraph);
    }
    if (follow) {
      b += ", follow: true";
    }
    if (direct) {
      b += ", direct: true";
    }
    if (or_sources) {
      b += ", or_section: sources";
    }
    if (!review.empty()) {
      b += ", review_paragraphs: [";
      for (std::size_t i = 0; i < review.size(); ++i) {
        b += (i > 0 ? ", " : "") + std::to_string(review[i]);
      }
      b += "]";
    }
    body = b + "}";
    bare_publisher_link = to == "publisher" && !max_paragraph && !follow && !direct && !or_sources && when.empty();
  }
};

struct Header {
  std::string name;
  std::string domain;
  std::string url;
  std::string section;
};

// Title "# Name (domain)", "- url: ..." and the "## Rule sentences" section of a terms Markdown
// file; plain text is all section.
Header read_header(std::string_view terms) {
  Header header;
  std::istringstream in{std::string(terms)};
  std::string line;
  bool markdown = terms.find("\n## Rule sentences") != std::string_view::npos || terms.starts_with("## Rule sentences");
  bool in_section = !markdown;
  std::vector<std::string> lines;
  while (std::getline(in, line)) {
    if (markdown && line.starts_with("# ") && header.name.empty()) {
      std::string title = trim(line.substr(2));
      const std::size_t open = title.rfind(" (");
      if (open != std::string::npos && title.back() == ')') {
        header.domain = title.substr(open + 2, title.size() - open - 3);
        title = title.substr(0, open);
      }
      // A quoted name inside the title ("News agency \"International Reporters\"") is the name.
      const std::size_t q1 = title.find('"');
      const std::size_t q2 = q1 == std::string::npos ? q1 : title.find('"', q1 + 1);
      if (q2 != std::string::npos) {
        title = title.substr(q1 + 1, q2 - q1 - 1);
      }
      const std::size_t paren = title.find(" (");
      header.name = paren == std::string::npos ? title : title.substr(0, paren);
      continue;
    }
    if (markdown && line.starts_with("- url: ") && header.url.empty()) {
      const std::string rest = trim(line.substr(7));
      header.url = rest.substr(0, rest.find(' '));
      continue;
    }
    if (markdown && line.starts_with("## ")) {
      in_section = line.starts_with("## Rule sentences");
      continue;
    }
    if (in_section) {
      lines.push_back(trim(line));
    }
  }
  while (!lines.empty() && lines.front().empty()) {
    lines.erase(lines.begin());
  }
  while (!lines.empty() && lines.back().empty()) {
    lines.pop_back();
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    header.section += (i > 0 ? "\n" : "") + lines[i];
  }
  return header;
}

// "The hyperlink must be placed ...", "такого посилання": the sentence is about a link already named.
bool refers_back(const std::string& f) {
  return has_any(f, {"the hyperlink", "the link", "такого", "такой", "this link", "such"});
}

// The quoted phrase after a cue ("с обязательным указанием \"...\""), quotes "", «» or “”.
std::optional<std::string> quoted_phrase(const std::string& sentence) {
  for (const char* cue : {"указани", "with the words", "phrase"}) {
    const std::size_t at = sentence.find(cue);
    if (at == std::string::npos) {
      continue;
    }
    for (const auto& [open, close] :
         {std::pair<std::string_view, std::string_view>{"\"", "\""}, {"«", "»"}, {"“", "”"}}) {
      const std::size_t b = sentence.find(open, at);
      if (b == std::string::npos || b > at + 40) {
        continue;
      }
      const std::size_t e = sentence.find(close, b + open.size());
      if (e != std::string::npos && e > b + open.size()) {
        return sentence.substr(b + open.size(), e - b - open.size());
      }
    }
  }
  return std::nullopt;
}

std::string kind_context(const std::string& f) {
  if (has_any(f, {"interview", "інтерв", "интервью"})) {
    return "interview";
  }
  if (has_any(f, {"эксклюзив", "ексклюзив", "exclusive material", "exclusive content"})) {
    return "exclusive";
  }
  return "";
}

} // namespace

std::expected<Draft, DraftError> draft_rules(std::string_view terms, const DraftOptions& options) {
  if (terms.size() > options.max_terms_bytes) {
    return std::unexpected(DraftError{DraftFailure::too_large, "the terms text is " + std::to_string(terms.size()) +
                                                                   " bytes; the limit is " +
                                                                   std::to_string(options.max_terms_bytes)});
  }
  Header header = read_header(terms);
  if (header.section.empty()) {
    return std::unexpected(DraftError{DraftFailure::empty, "the terms text is empty"});
  }
  const std::string id = options.publisher.empty() ? "publisher" : options.publisher;
  const std::string name = !options.name.empty() ? options.name : (!header.name.empty() ? header.name : id);
  const std::string url = !options.url.empty() ? options.url : header.url;
  std::string domain = !options.domain.empty() ? options.domain : header.domain;
  if (domain.empty() && !url.empty()) {
    domain = model::url_host(url);
    if (domain.starts_with("www.")) {
      domain = domain.substr(4);
    }
  }
  if (domain.empty()) {
    domain = "example.org";
  }
  const std::string folded_name = text::fold(name);
  const std::string folded_domain = text::fold(domain);

  std::vector<DraftRule> rules;
  std::vector<std::string> unread;
  std::set<std::string> kinds_used;
  bool exclude_ads = false;
  bool collecting_labels = false;
  std::vector<std::string> labels;
  static const std::regex percent_re(R"((\d{1,3})\s?%)");
  static const std::regex chars_re(R"((\d{2,6})\s*(characters|signs|символ|знак|знаків|сімвал))", std::regex::icase);

  std::istringstream in(header.section);
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line == "[…]" || line.starts_with("#")) {
      continue;
    }
    // A list of labels after "позначені такими мітками" / "marked as": «Промо», ...
    if (collecting_labels) {
      const std::size_t open = line.find("«");
      const std::size_t close = line.find("»");
      if (open != std::string::npos && close != std::string::npos && close > open) {
        labels.push_back(line.substr(open + 2, close - open - 2));
        continue;
      }
      collecting_labels = false;
      if (has_any(text::fold(line), {"реклам", "advertis"})) {
        exclude_ads = true;
        continue;
      }
    }
    std::string line_kind;
    for (const std::string& sentence : sentences_of(line)) {
      const std::string f = text::fold(sentence);
      if (const std::string k = kind_context(f); !k.empty()) {
        line_kind = k;
      }
      if (has_any(f, {" mean ", " means ", "shall mean", "означає", "означает", "подразумева"})) {
        unread.push_back(sentence);
        continue;
      }
      const bool online = has_any(f, {"internet", "інтернет", "интернет", "інтэрнэт"});
      if (!online && has_any(f, {"printed", "print media", "друкован", "друкаван", "печатн", "radio", "радио", "радіо",
                                 "аўдыё", "television", "телебач"})) {
        unread.push_back(sentence);
        continue;
      }
      if (has_any(f, {"photo", "фото", "фатаграф", "picture", "відео", "video"})) {
        unread.push_back(sentence);
        continue;
      }
      std::vector<DraftRule> found;
      const std::string when_kind = line_kind.empty() ? "" : "{original.kind: " + line_kind + "}";

      // Labels: "позначені такими мітками, як:" starts a list; "marked as "Advertisement"" is inline.
      if (has_any(f, {"marked as", "позначені", "мітками", "помечен", "labelled as"})) {
        if (has_any(f, {"advertis", "реклам", "sponsored"})) {
          exclude_ads = true;
        } else {
          collecting_labels = true;
        }
        continue;
      }
      if (has_any(f, {"license to", "licensee", "agreement with"})) {
        DraftRule r;
        r.base_id = "licensees-only";
        r.body = "reuse: {licensees_only: true}";
        found.push_back(r);
      }
      std::smatch m;
      std::optional<double> coverage;
      std::optional<std::size_t> chars;
      if (std::regex_search(sentence, m, percent_re) &&
          has_any(f, {"no more than", "not more than", "не более", "не більше", "не больше", "up to", "не болей"})) {
        coverage = std::stod(m[1].str()) / 100.0;
      }
      if (std::regex_search(sentence, m, chars_re) &&
          has_any(f, {"no more than", "not more than", "не более", "не більше", "не больше", "up to", "не болей"})) {
        chars = static_cast<std::size_t>(std::stoul(m[1].str()));
      }
      if (coverage || chars) {
        DraftRule r;
        r.base_id = coverage ? "quote-limit" : "char-limit";
        std::string limit_kind = line_kind;
        if (limit_kind.empty() && has_any(f, {"news item", "новини", "новости"})) {
          limit_kind = "news";
        } else if (limit_kind.empty() && has_any(f, {"of an article", "статті", "статьи"})) {
          limit_kind = "article";
        }
        if (!limit_kind.empty()) {
          r.when = "{original.kind: " + limit_kind + "}";
          r.base_id += "-" + limit_kind;
          if (limit_kind != "news") {
            kinds_used.insert(limit_kind);
          }
        }
        r.body = "reuse: {";
        if (coverage) {
          r.body += "max_coverage: " + number_text(*coverage);
        }
        if (chars) {
          r.body += std::string(coverage ? ", " : "") + "max_chars: " + std::to_string(*chars);
        }
        r.body += "}";
        found.push_back(r);
      }
      if (has_any(f, {"in full", "full reprint", "полное использование", "повний передрук", "повному обсязі",
                      "полностью"}) &&
          has_any(f, {"prohibit", "forbid", "not allowed", "запрещ", "заборон", "забаран"}) &&
          !has_any(f, {"reserves the right", "оставляет за собой право"})) {
        DraftRule r;
        r.base_id = "no-full-reprint";
        r.when = when_kind;
        r.body = "reuse: {full_reprint: forbidden}";
        found.push_back(r);
      }
      if (const std::optional<std::string> phrase = quoted_phrase(sentence)) {
        DraftRule r;
        r.base_id = "credit-phrase";
        r.when = when_kind;
        r.body = "credit: {phrase: " + yaml_quote(*phrase) + "}";
        found.push_back(r);
      }
      const bool has_link = has_any(
          f, {"hyperlink", "link", "гіперпосилан", "посилан", "гиперссылк", "ссылк", "гіперспасылк", "спасылк"});
      const bool name_quoted = !folded_name.empty() && f.find("\"" + folded_name + "\"") != std::string::npos;
      if (has_any(f, {"credit to", "attribution to", "назв"}) || (name_quoted && has_link)) {
        DraftRule r;
        r.base_id = "credit";
        r.when = when_kind;
        if (has_any(f, {"substantial part"})) {
          r.when = "{relation: [partial, verbatim]}";
        } else if (has_any(f, {"combining it with"})) {
          r.when = "{relation: excerpt}";
        }
        r.body = "credit: {}";
        found.push_back(r);
      }
      if (has_link) {
        std::string to;
        if (has_any(f, {"foreign media", "іноземн", "иностранн"})) {
          to = "cited-outlets";
        } else if (has_any(f, {"address of the material", "directly address the material", "address of the page",
                               "final page", "to the material", "corresponding article", "конкретний матеріал",
                               "цитовані статті", "на матэрыял", "на материал", "на матеріал"})) {
          to = "article";
        } else if (has_any(f, {"website", "web site", "the site", "domain", "сайт", "ресурс", "портал"}) ||
                   f.find(folded_domain) != std::string::npos) {
          to = "publisher";
        }
        const bool required = has_any(f, {"must", "only", "mandatory", "obligatory", "required", "should", "shall",
                                          "обов'язков", "має ", "мають", "обязательн", "только", "лише", "тільки",
                                          "за умови", "при условии", "толькі", "пры ўмове", "допускається"});
        const bool direct = has_any(f, {"direct", "прям", "прамой"});
        const bool follow = has_any(
            f, {"search engine", "indexing", "індексац", "индексац", "поисков", "пошуков", "відкрит", "открыт"});
        const std::optional<Position> position = position_of(f);
        const bool sources = has_any(f, {"розділі джерел", "sources section", "разделе источников"});
        const bool attributes = direct || follow || position || sources;
        if (!to.empty() && (required || attributes)) {
          DraftRule r;
          r.is_hyperlink = true;
          r.to = to;
          r.base_id = "link-to-" + to;
          r.when = to == "cited-outlets" ? "original.cites-outlet" : when_kind;
          r.direct = direct;
          r.follow = follow;
          r.or_sources = sources;
          if (position) {
            r.max_paragraph = position->max_paragraph;
            r.review = position->review;
          }
          r.line = line_number;
          r.render_hyperlink();
          found.push_back(r);
        } else if (to.empty() && attributes && (required || refers_back(f))) {
          // "The hyperlink must be placed no lower than the 2nd paragraph": adds to the link of the
          // same line, or to the last one when the sentence refers back to it; else a new rule.
          DraftRule* previous = nullptr;
          for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
            if (it->is_hyperlink) {
              previous = &*it;
              break;
            }
          }
          if (previous != nullptr && (previous->line == line_number || refers_back(f))) {
            previous->direct = previous->direct || direct;
            previous->follow = previous->follow || follow;
            previous->or_sources = previous->or_sources || sources;
            if (position) {
              previous->max_paragraph = position->max_paragraph;
              previous->review = position->review;
            }
            previous->render_hyperlink();
          } else {
            DraftRule r;
            r.is_hyperlink = true;
            r.to = "publisher";
            r.base_id = "link-to-publisher";
            r.when = when_kind;
            r.direct = direct;
            r.follow = follow;
            r.or_sources = sources;
            if (position) {
              r.max_paragraph = position->max_paragraph;
              r.review = position->review;
            }
            r.line = line_number;
            r.render_hyperlink();
            found.push_back(r);
          }
          if (found.empty()) {
            continue; // merged into an earlier rule, which quotes the sentence that made it
          }
        }
      }
      if (found.empty()) {
        unread.push_back(sentence);
        continue;
      }
      for (DraftRule& r : found) {
        r.source = sentence;
        if (r.line == 0) {
          r.line = line_number;
        }
        if (!line_kind.empty() && r.when == when_kind && !when_kind.empty()) {
          kinds_used.insert(line_kind);
        }
        rules.push_back(std::move(r));
      }
    }
  }
  // A bare link to the publisher is implied by any other unconditional link to it or its article.
  const bool other_link = std::any_of(rules.begin(), rules.end(), [](const DraftRule& r) {
    return r.is_hyperlink && !r.bare_publisher_link && r.when.empty() && (r.to == "publisher" || r.to == "article");
  });
  std::vector<DraftRule> kept;
  std::set<std::string> seen;
  for (DraftRule& r : rules) {
    if (r.bare_publisher_link && other_link) {
      continue;
    }
    if (!seen.insert(r.when + "|" + r.body).second) {
      continue;
    }
    kept.push_back(std::move(r));
  }

  std::string y;
  y += "# Draft rules for " + name + ", made by `syndcheck rules draft`" +
       (options.language.empty() ? "" : " (--lang " + options.language + ")") + ".\n";
  y += "# Review every rule against its source sentence before use; see the unread sentences at the end.\n";
  y += "publisher: " + id + "\n";
  y += "name: " + yaml_quote(name) + "\n";
  y += "domains: [" + domain + "]\n";
  if (!kinds_used.empty()) {
    y += "kinds:  # URL patterns are guesses: check them on the publisher's site\n";
    for (const std::string& kind : kinds_used) {
      y += "  " + kind + ": {url: [\"/" + kind + "/\"]}\n";
    }
  }
  if (exclude_ads) {
    y += "exclude: [original.advertisement]\n";
  }
  if (!labels.empty()) {
    y += "advertisement_labels: [";
    for (std::size_t i = 0; i < labels.size(); ++i) {
      y += (i > 0 ? ", " : "") + yaml_quote(labels[i]);
    }
    y += "]\n";
  }
  y += "terms:\n";
  if (!url.empty()) {
    y += "  url: " + yaml_quote(url) + "\n";
  }
  y += "  text: |-\n";
  std::istringstream section(header.section);
  while (std::getline(section, line)) {
    y += line.empty() ? "\n" : "    " + line + "\n";
  }
  y += kept.empty() ? "rules: []\n" : "rules:\n";
  std::map<std::string, int> id_counts;
  for (const DraftRule& r : kept) {
    const int n = ++id_counts[r.base_id];
    y += "  - id: " + r.base_id + (n > 1 ? "-" + std::to_string(n) : "") + "\n";
    if (!r.when.empty()) {
      y += "    when: " + r.when + "\n";
    }
    y += "    " + r.body + "\n";
    y += "    source: " + yaml_quote(r.source) + "\n";
  }
  if (!unread.empty()) {
    y += "# Sentences that yielded no rule (read them yourself):\n";
    for (const std::string& sentence : unread) {
      y += "#   " + sentence + "\n";
    }
  }
  return Draft{std::move(y), std::move(unread)};
}

std::string rule_signature(const Rule& rule) {
  std::ostringstream out;
  const WhenConditions& w = rule.conditions;
  out << "when(";
  if (w.cites_outlet || rule.when == Condition::original_cites_outlet) {
    out << "cites=" << (w.cites_outlet.value_or(true) ? 1 : 0) << ";";
  }
  std::vector<std::string> kinds = w.kinds;
  std::sort(kinds.begin(), kinds.end());
  for (const std::string& k : kinds) {
    out << "kind=" << k << ";";
  }
  if (w.advertisement) {
    out << "ad=" << *w.advertisement << ";";
  }
  if (w.translated) {
    out << "translated=" << *w.translated << ";";
  }
  std::vector<std::string> relations;
  for (const model::Relation r : w.relations) {
    relations.emplace_back(model::to_string(r));
  }
  std::sort(relations.begin(), relations.end());
  for (const std::string& r : relations) {
    out << "relation=" << r << ";";
  }
  out << ") ";
  if (const auto* link = std::get_if<HyperlinkRule>(&rule.kind)) {
    out << "hyperlink to=";
    if (std::holds_alternative<ToPublisher>(link->to)) {
      out << "publisher";
    } else if (std::holds_alternative<ToArticle>(link->to)) {
      out << "article";
    } else if (std::holds_alternative<ToCitedOutlets>(link->to)) {
      out << "cited-outlets";
    } else {
      std::vector<std::string> domains = std::get<ToDomains>(link->to).domains;
      std::sort(domains.begin(), domains.end());
      for (const std::string& d : domains) {
        out << d << ",";
      }
    }
    out << " max=" << (link->max_paragraph ? std::to_string(*link->max_paragraph) : "-") << " follow=" << link->follow
        << " direct=" << link->direct << " anchor=" << static_cast<int>(link->anchor) << ":" << link->anchor_phrase
        << " sources=" << link->or_sources_section << " review=";
    for (const int p : link->review_paragraphs) {
      out << p << ",";
    }
  } else if (const auto* credit = std::get_if<CreditRule>(&rule.kind)) {
    out << "credit max=" << (credit->max_paragraph ? std::to_string(*credit->max_paragraph) : "-")
        << " phrase=" << credit->phrase;
  } else if (const auto* reuse = std::get_if<ReuseRule>(&rule.kind)) {
    out << "reuse coverage=" << (reuse->max_coverage ? number_text(*reuse->max_coverage) : "-")
        << " chars=" << (reuse->max_chars ? std::to_string(*reuse->max_chars) : "-")
        << " full=" << reuse->full_reprint_forbidden << " licensees=" << reuse->licensees_only;
  } else {
    out << "embargo after=" << std::get<EmbargoRule>(rule.kind).after.count();
  }
  return out.str();
}

std::vector<std::string> compare_rules(const PublisherRules& draft, const PublisherRules& library) {
  std::vector<std::string> differences;
  std::multiset<std::string> a;
  std::multiset<std::string> b;
  for (const Rule& rule : draft.rules) {
    a.insert(rule_signature(rule));
  }
  for (const Rule& rule : library.rules) {
    b.insert(rule_signature(rule));
  }
  for (const std::string& s : a) {
    if (a.count(s) > b.count(s)) {
      differences.push_back("only in the draft: " + s);
    }
  }
  for (const std::string& s : b) {
    if (b.count(s) > a.count(s)) {
      differences.push_back("only in the library: " + s);
    }
  }
  differences.erase(std::unique(differences.begin(), differences.end()), differences.end());
  const std::set<std::string> ea(draft.exclude.begin(), draft.exclude.end());
  const std::set<std::string> eb(library.exclude.begin(), library.exclude.end());
  if (ea != eb) {
    differences.push_back("exclude differs");
  }
  const std::set<std::string> la(draft.advertisement_labels.begin(), draft.advertisement_labels.end());
  const std::set<std::string> lb(library.advertisement_labels.begin(), library.advertisement_labels.end());
  if (la != lb) {
    differences.push_back("advertisement_labels differ");
  }
  return differences;
}

} // namespace syndcheck::rules
