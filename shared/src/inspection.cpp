#include "secap/core/inspection.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace secap::core {

namespace v1 = secap::v1;

std::string localizedText(const google::protobuf::RepeatedPtrField<v1::LocalizedText>& texts,
                          std::string_view language) {
  const v1::LocalizedText* english = nullptr;
  for (const auto& t : texts) {
    if (t.text().empty()) continue;
    if (t.language() == language) return t.text();
    if (t.language() == "en" && !english) english = &t;
  }
  if (english) return english->text();
  for (const auto& t : texts)
    if (!t.text().empty()) return t.text();
  return {};
}

std::string_view itemKindName(v1::InspectionItemKind kind) {
  switch (kind) {
    case v1::INSPECTION_ITEM_KIND_YES_NO:
      return "yes_no";
    case v1::INSPECTION_ITEM_KIND_NUMBER:
      return "number";
    case v1::INSPECTION_ITEM_KIND_CHOICE:
      return "choice";
    case v1::INSPECTION_ITEM_KIND_TEXT:
      return "text";
    case v1::INSPECTION_ITEM_KIND_PHOTO:
      return "photo";
    default:
      return "unknown";
  }
}

std::string templateTitle(const v1::InspectionTemplate& tmpl, std::string_view language) {
  std::string title = localizedText(tmpl.title(), language);
  return title.empty() ? tmpl.name() : title;
}

bool isAnswered(const v1::InspectionAnswer& answer) {
  switch (answer.value_case()) {
    case v1::InspectionAnswer::kText:
      return answer.text().find_first_not_of(" \t\r\n") != std::string::npos;
    case v1::InspectionAnswer::kChoice:
      return !answer.choice().empty();
    case v1::InspectionAnswer::kAttachmentId:
      return !answer.attachment_id().empty();
    case v1::InspectionAnswer::VALUE_NOT_SET:
      return false;
    default:
      return true;
  }
}

namespace {

bool fits(const v1::InspectionItem& item, const v1::InspectionAnswer& answer) {
  switch (item.kind()) {
    case v1::INSPECTION_ITEM_KIND_YES_NO:
      return answer.value_case() == v1::InspectionAnswer::kYesNo;
    case v1::INSPECTION_ITEM_KIND_NUMBER: {
      if (answer.value_case() != v1::InspectionAnswer::kNumber) return false;
      const double n = answer.number();
      return std::isfinite(n) && (!item.has_min() || n >= item.min()) && (!item.has_max() || n <= item.max());
    }
    case v1::INSPECTION_ITEM_KIND_CHOICE:
      return answer.value_case() == v1::InspectionAnswer::kChoice &&
             std::any_of(item.choices().begin(), item.choices().end(),
                         [&](const auto& c) { return c.key() == answer.choice(); });
    case v1::INSPECTION_ITEM_KIND_TEXT:
      return answer.value_case() == v1::InspectionAnswer::kText;
    case v1::INSPECTION_ITEM_KIND_PHOTO:
      return answer.value_case() == v1::InspectionAnswer::kAttachmentId;
    default:
      return true;  // A kind this build does not know: the server's newer rules decide.
  }
}

}  // namespace

std::vector<AnswerProblem> checkAnswers(const v1::InspectionTemplate& tmpl, const v1::Inspection& inspection) {
  std::vector<AnswerProblem> out;
  std::set<std::string> known;
  for (const auto& item : tmpl.items()) {
    known.insert(item.key());
    const v1::InspectionAnswer* answer = nullptr;
    for (const auto& a : inspection.answers())
      if (a.item_key() == item.key() && isAnswered(a)) answer = &a;
    if (!answer) {
      if (item.required()) out.push_back({item.key(), "inspection.missing_answer"});
      continue;
    }
    if (!fits(item, *answer)) out.push_back({item.key(), "inspection.bad_answer"});
  }
  for (const auto& a : inspection.answers())
    if (!known.count(a.item_key())) out.push_back({a.item_key(), "inspection.bad_answer"});
  return out;
}

}  // namespace secap::core
