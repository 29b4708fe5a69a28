// Inspections awaiting a follow-up (review_queue.h): the coordinator's list
// in the app and on the dashboard.
#include <gtest/gtest.h>

#include "secap/core/review_queue.h"

namespace secap::core {
namespace {

namespace v1 = secap::v1;

v1::Inspection inspection(const std::string& id, const std::string& measure, int64_t submittedAt,
                          v1::InspectionOutcome outcome, const std::string& amends = "") {
  v1::Inspection i;
  i.set_id(id);
  i.set_site_id("site-1");
  if (!measure.empty()) i.set_measure_id(measure);
  i.set_started_at(submittedAt - 1000);
  if (submittedAt) i.set_submitted_at(submittedAt);
  i.set_outcome(outcome);
  i.set_amends_inspection_id(amends);
  return i;
}

TEST(FollowUps, AnInspectionAskingForAFollowUpWaitsUntilALaterOneAnswersIt) {
  v1::Site site;
  site.set_id("site-1");
  site.set_name("Szkoła Podstawowa nr 3");
  v1::Measure measure;
  measure.set_id("m-1");
  measure.set_code("E.1");
  measure.set_title("Fotowoltaika");
  std::vector<v1::Site> sites{site};
  std::vector<v1::Measure> measures{measure};

  std::vector<v1::Inspection> inspections{
      inspection("a", "m-1", 2000, v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED),
      inspection("b", "m-1", 1000, v1::INSPECTION_OUTCOME_VERIFIED),   // earlier: answers nothing
      inspection("draft", "m-1", 0, v1::INSPECTION_OUTCOME_VERIFIED),  // a draft answers nothing
  };
  auto pending = pendingFollowUps(sites, measures, inspections);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].inspection().id(), "a");
  EXPECT_EQ(pending[0].site_name(), "Szkoła Podstawowa nr 3");
  EXPECT_EQ(pending[0].measure_code(), "E.1");
  EXPECT_EQ(pending[0].measure_title(), "Fotowoltaika");

  // A later inspection of the same measure answers it, whatever its outcome.
  inspections.push_back(inspection("c", "m-1", 3000, v1::INSPECTION_OUTCOME_PARTIALLY_VERIFIED));
  EXPECT_TRUE(pendingFollowUps(sites, measures, inspections).empty());

  // An amendment answers it even when it is dated earlier (a late upload).
  std::vector<v1::Inspection> amended{inspection("a", "m-1", 2000, v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED),
                                      inspection("d", "m-2", 1500, v1::INSPECTION_OUTCOME_VERIFIED, "a")};
  EXPECT_TRUE(pendingFollowUps(sites, measures, amended).empty());
  // Another measure's later inspection does not.
  std::vector<v1::Inspection> other{inspection("a", "m-1", 2000, v1::INSPECTION_OUTCOME_FOLLOW_UP_NEEDED),
                                    inspection("e", "m-2", 5000, v1::INSPECTION_OUTCOME_VERIFIED)};
  EXPECT_EQ(pendingFollowUps(sites, measures, other).size(), 1u);
}

}  // namespace
}  // namespace secap::core
