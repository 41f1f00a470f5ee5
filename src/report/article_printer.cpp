// report/article_printer.cpp: `extract` output. JSON is one line per document (JSON Lines).
#include "report/article_printer.hpp"
#include "report/html_escape.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>
#include <sstream>

namespace syndcheck::report {
namespace {

using nlohmann::ordered_json;

// Block links are inside the body by construction; "in_body" says so explicitly so that they
// read the same as `outside_links` entries.
ordered_json links_json(const std::vector<model::Link>& links) {
  ordered_json out = ordered_json::array();
  for (const model::Link& link : links) {
    out.push_back({{"href", link.href}, {"text", link.text}, {"rel", link.rel}, {"in_body", true}});
  }
  return out;
}

ordered_json og_json(const model::OpenGraph& og) {
  return {{"title", og.title},
          {"type", og.type},
          {"url", og.url},
          {"site_name", og.site_name},
          {"description", og.description},
          {"locale", og.locale},
          {"image", og.image}};
}

ordered_json credits_json(const model::Credits& c) {
  return {{"authors", c.authors},
          {"publisher", c.publisher},
          {"is_based_on", c.is_based_on},
          {"credit_text", c.credit_text},
          {"copyright_holder", c.copyright_holder},
          {"license", c.license},
          {"syndication_source", c.syndication_source},
          {"original_source", c.original_source},
          {"canonical_elsewhere", c.canonical_elsewhere}};
}

ordered_json outside_links_json(const std::vector<model::PageLink>& links) {
  ordered_json out = ordered_json::array();
  for (const model::PageLink& link : links) {
    out.push_back({{"href", link.link.href},
                   {"text", link.link.text},
                   {"rel", link.link.rel},
                   {"in_body", false},
                   {"region", model::to_string(link.region)}});
  }
  return out;
}

std::string dump(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// Written piece by piece: a whole-document json tree and its dump held ~4 copies of a 4 MiB body
// at once (bench/extract-rss). The bytes are the same as dumping the whole object.
void write_json(std::ostream& out, const model::Document& d) {
  const model::Article& a = d.article;
  ordered_json head;
  head["url"] = d.source;
  head["final_url"] = d.final_url;
  head["http_status"] = d.http_status;
  head["sha256"] = d.sha256;
  head["charset"] = d.charset;
  head["title"] = a.title;
  head["canonical_url"] = a.canonical_url;
  head["language"] = a.language;
  head["published"] = a.published;
  head["modified"] = a.modified;
  head["published_basis"] = a.published_basis; // added with issue 3 point 5, as og, credits, outside_links
  head["schema_types"] = a.schema_types;
  head["labels"] = a.labels;
  head["robots"] = {{"noindex", a.robots.noindex}, {"nofollow", a.robots.nofollow}};
  head["truncated"] = !a.truncated.empty();
  if (!a.truncated.empty()) {
    head["truncated_by"] = a.truncated;
  }
  head["og"] = og_json(a.og);
  head["credits"] = credits_json(a.credits);
  head["paragraphs"] = a.paragraph_count();
  std::string text = dump(head);
  text.pop_back(); // the closing brace: more members follow
  out << text << ",\"text\":\"";
  // a.reading_text(), one block at a time: each block's escaped text without its quotes.
  bool first = true;
  for (const model::Block& block : a.blocks) {
    if (!(block.counted() || block.kind == model::BlockKind::heading) || block.text.empty()) {
      continue;
    }
    if (!first) {
      out << "\\n\\n";
    }
    first = false;
    text = dump(block.text);
    out.write(text.data() + 1, static_cast<std::streamsize>(text.size() - 2));
  }
  out << "\",\"blocks\":[";
  first = true;
  for (const model::Block& block : a.blocks) {
    out << (first ? "" : ",")
        << dump({{"paragraph", block.paragraph},
                 {"kind", model::to_string(block.kind)},
                 {"counted", block.counted()},
                 {"text", block.text},
                 {"links", links_json(block.links)}});
    first = false;
  }
  out << "],\"outside_links\":" << dump(outside_links_json(a.outside_links)) << "}\n";
}

std::string render_text(const model::Document& d, bool with_links) {
  std::string out;
  for (const model::Block& block : d.article.blocks) {
    // The same blocks as reading_text(): the body and its subheadings.
    if (!(block.counted() || block.kind == model::BlockKind::heading) || block.text.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += "\n";
    }
    out += block.text + "\n";
    if (with_links) {
      for (const model::Link& link : block.links) {
        out += fmt::format("  [¶{} link] {} ({}){}\n", block.paragraph, link.href, link.text,
                           link.rel.empty() ? "" : " rel=" + fmt::format("{}", fmt::join(link.rel, " ")));
      }
    }
  }
  return out;
}

std::string render_html(const model::Document& d, bool with_links) {
  std::string out = "<article>\n";
  if (!d.article.title.empty()) {
    out += "<h1>" + escape_html(d.article.title) + "</h1>\n";
  }
  for (const model::Block& block : d.article.blocks) {
    const char* tag = block.kind == model::BlockKind::heading     ? "h2"
                      : block.kind == model::BlockKind::quote     ? "blockquote"
                      : block.kind == model::BlockKind::caption   ? "figcaption"
                      : block.kind == model::BlockKind::list_item ? "li"
                      : block.kind == model::BlockKind::insert    ? "aside"
                                                                  : "p";
    out += fmt::format("<{} data-paragraph=\"{}\">{}", tag, block.paragraph, escape_html(block.text));
    if (with_links) {
      for (const model::Link& link : block.links) {
        out += fmt::format(" <a href=\"{}\">{}</a>", escape_html(link.href), escape_html(link.text));
      }
    }
    out += fmt::format("</{}>\n", tag);
  }
  out += "</article>\n";
  return out;
}

} // namespace

std::string render_article(const model::Document& document, const ArticleRenderOptions& options) {
  if (options.format == ArticleFormat::json) {
    std::ostringstream out;
    write_json(out, document);
    return std::move(out).str();
  }
  return options.format == ArticleFormat::html ? render_html(document, options.with_links)
                                               : render_text(document, options.with_links);
}

void write_article(std::ostream& out, const model::Document& document, const ArticleRenderOptions& options) {
  if (options.format == ArticleFormat::json) {
    write_json(out, document);
  } else {
    out << render_article(document, options);
  }
}

} // namespace syndcheck::report
