#pragma once
// Inspections against their checklist (DESIGN.md §3 InspectionTemplate and
// Inspection, §7 "Inspection wizard"). One rule for the device, which keeps
// the Submit button from sending an incomplete checklist, and the server,
// which refuses one that was sent anyway (validation.cpp).
//
// Pure functions over values; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "secap/v1/entities.pb.h"

namespace secap::core {

// A localised text in `language` ("pl", "en", "de"), else English, else the
// first one given; empty when there is none.
std::string localizedText(const google::protobuf::RepeatedPtrField<secap::v1::LocalizedText>& texts,
                          std::string_view language);

// An item kind's stable name, as the app's checklist uses it: "yes_no",
// "number", "choice", "text", "photo" ("unknown" for another).
std::string_view itemKindName(secap::v1::InspectionItemKind kind);

// A checklist's name in `language` (its `title`), else its `name`.
std::string templateTitle(const secap::v1::InspectionTemplate& tmpl, std::string_view language);

// What is wrong with the answer to one checklist item.
struct AnswerProblem {
  std::string itemKey;
  // inspection.missing_answer: a required item has no answer;
  // inspection.bad_answer: the answer does not fit the item (a number out of
  // min/max or not finite, a choice the item does not offer, a value of
  // another kind, or an item the template does not have).
  std::string reasonCode;
};

// Whether `answer` holds a value at all (a text of only spaces does not).
bool isAnswered(const secap::v1::InspectionAnswer& answer);

// Every problem of the inspection's answers against `tmpl`, in the
// template's order (answers to unknown items last).
std::vector<AnswerProblem> checkAnswers(const secap::v1::InspectionTemplate& tmpl,
                                        const secap::v1::Inspection& inspection);

}  // namespace secap::core
