// report/check_report.cpp: format dispatch and the exit status of a report.
#include "report/check_report.hpp"

#include "core/error.hpp"

namespace syndcheck::report {

std::string render(const CheckReport& report, Format format) {
  switch (format) {
  case Format::text: return render_text(report);
  case Format::json: return render_json(report);
  }
  return render_text(report);
}

int exit_code(const CheckReport& report) {
  if (!report.errors.empty()) {
    return core::k_exit_error;
  }
  return report.verdict == model::Verdict::violation ? core::k_exit_violation : core::k_exit_ok;
}

} // namespace syndcheck::report
