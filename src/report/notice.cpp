// report/notice.cpp: notice letters. The wording is fixed per language; the facts come from the
// finding's stored match (docs/json.md `matches[]`), so the letter says what the report says.
#include "report/notice.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace syndcheck::report {
namespace {

struct Wording {
  const char* subject;
  const char* greeting;
  const char* found;    // {date} {copy} {title} {publisher} {original} {coverage}
  const char* terms;    // {publisher}
  const char* what;     // one failed rule follows
  const char* request;  // {original}
  const char* evidence; // {warc} {sha}
  const char* closing;
};

constexpr Wording k_en = {
    "Subject: reuse of {publisher} material without the required attribution",
    "Dear editors of {site},",
    "On {date} we found that your page {copy} reproduces the article \"{title}\" published by {publisher} at "
    "{original} (about {coverage}% of the original).",
    "{publisher}'s terms of reuse say:",
    "What we found on your page:",
    "We ask you to bring the page in line with these terms within five working days, for example by adding a "
    "hyperlink to the original article ({original}) where the terms require it, or to remove the material.",
    "A copy of your page as we received it is archived (WARC file {warc}, record SHA-256 {sha}).",
    "Kind regards,\nRights desk, {publisher}",
};

constexpr Wording k_uk = {
    "Тема: використання матеріалів {publisher} без обов'язкового посилання",
    "Шановна редакціє {site}!",
    "{date} ми виявили, що ваша сторінка {copy} відтворює статтю «{title}», опубліковану {publisher} за адресою "
    "{original} (близько {coverage}% тексту оригіналу).",
    "Умови використання матеріалів {publisher}:",
    "Що ми виявили на вашій сторінці:",
    "Просимо протягом п'яти робочих днів привести сторінку у відповідність до цих умов, наприклад додати "
    "гіперпосилання на оригінальну статтю ({original}) там, де цього вимагають умови, або видалити матеріал.",
    "Копію вашої сторінки в тому вигляді, в якому ми її отримали, збережено (файл WARC {warc}, SHA-256 запису {sha}).",
    "З повагою,\nвідділ прав, {publisher}",
};

constexpr Wording k_ru = {
    "Тема: использование материалов {publisher} без обязательной ссылки",
    "Уважаемая редакция {site}!",
    "{date} мы обнаружили, что ваша страница {copy} воспроизводит статью «{title}», опубликованную {publisher} по "
    "адресу {original} (около {coverage}% текста оригинала).",
    "Условия использования материалов {publisher}:",
    "Что мы обнаружили на вашей странице:",
    "Просим в течение пяти рабочих дней привести страницу в соответствие с этими условиями, например добавить "
    "гиперссылку на оригинальную статью ({original}) там, где этого требуют условия, или удалить материал.",
    "Копия вашей страницы в том виде, в котором мы её получили, сохранена (файл WARC {warc}, SHA-256 записи {sha}).",
    "С уважением,\nотдел прав, {publisher}",
};

} // namespace

std::expected<std::string, std::string> render_notice(const model::FindingRecord& finding,
                                                      std::string_view publisher_name, std::string_view lang) {
  const Wording* w = lang == "en" ? &k_en : lang == "uk" ? &k_uk : lang == "ru" ? &k_ru : nullptr;
  if (w == nullptr) {
    return std::unexpected("--lang: '" + std::string(lang) + "' is not one of en, uk, ru");
  }
  if (finding.verdict != "violation") {
    return std::unexpected("finding " + std::to_string(finding.id) + " is " + finding.verdict +
                           ": there is no broken term to write about");
  }
  const nlohmann::json match = nlohmann::json::parse(finding.result_json, nullptr, false);
  const std::string title =
      match.is_object() ? match.value("original", nlohmann::json::object()).value("title", "") : std::string();
  const std::string date = finding.last_seen.substr(0, 10);
  const auto args = fmt::arg("publisher", publisher_name);
  const std::string coverage = fmt::format("{:.0f}", finding.coverage * 100.0);
  std::string out;
  out += fmt::format(fmt::runtime(w->subject), args) + "\n\n";
  out += fmt::format(fmt::runtime(w->greeting), fmt::arg("site", finding.site)) + "\n\n";
  out += fmt::format(fmt::runtime(w->found), fmt::arg("date", date), fmt::arg("copy", finding.page_url),
                     fmt::arg("title", title), args, fmt::arg("original", finding.original_url),
                     fmt::arg("coverage", coverage)) +
         "\n\n";
  std::string terms;
  std::string found;
  if (match.is_object()) {
    for (const auto& rule : match.value("rules", nlohmann::json::array())) {
      if (rule.value("status", "") != "fail") {
        continue;
      }
      const std::string source = rule.value("source", "");
      if (!source.empty() && terms.find(source) == std::string::npos) {
        terms += "  \"" + source + "\"\n";
      }
      found += "  - " + rule.value("message", "") + "\n";
    }
  }
  if (!terms.empty()) {
    out += fmt::format(fmt::runtime(w->terms), args) + "\n" + terms + "\n";
  }
  out += std::string(w->what) + "\n" + found + "\n";
  out += fmt::format(fmt::runtime(w->request), fmt::arg("original", finding.original_url)) + "\n\n";
  if (!finding.evidence_path.empty()) {
    out += fmt::format(fmt::runtime(w->evidence), fmt::arg("warc", finding.evidence_path),
                       fmt::arg("sha", finding.evidence_sha256)) +
           "\n\n";
  }
  out += fmt::format(fmt::runtime(w->closing), args) + "\n";
  return out;
}

} // namespace syndcheck::report
