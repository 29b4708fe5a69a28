// Inspections against their checklist (inspection.h) and the device's
// drafts (LocalStore): a required item unanswered keeps an inspection from
// being submitted on the device and from being accepted by the rules the
// server runs; a draft stays on the device, off the outbox, across a
// restart, and submitting it sends it with its photos, once.
#include "secap/core/inspection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "secap/core/ids.h"
#include "secap/core/local_store.h"
#include "secap/core/validation.h"

using namespace secap::core;
namespace v1 = secap::v1;
using secap::testing::freshDir;
using secap::testing::kSiteId;

namespace {

constexpr int64_t kNow = 1767225600000;  // 2026-01-01
constexpr const char* kTemplateId = "0190a000-0000-7000-8000-0000000000a1";

void prompt(v1::InspectionItem* item, const char* pl, const char* en) {
  auto* a = item->add_prompt();
  a->set_language("pl");
  a->set_text(pl);
  auto* b = item->add_prompt();
  b->set_language("en");
  b->set_text(en);
}

v1::InspectionTemplate checklist() {
  v1::InspectionTemplate t;
  t.set_id(kTemplateId);
  t.set_name("Weryfikacja");
  t.set_version(2);
  auto* yes = t.add_items();
  yes->set_key("implemented");
  yes->set_kind(v1::INSPECTION_ITEM_KIND_YES_NO);
  yes->set_required(true);
  prompt(yes, "Zrealizowano?", "Implemented?");
  auto* number = t.add_items();
  number->set_key("kwp");
  number->set_kind(v1::INSPECTION_ITEM_KIND_NUMBER);
  number->set_unit("kWp");
  number->set_min(0);
  number->set_max(500);
  auto* choice = t.add_items();
  choice->set_key("condition");
  choice->set_kind(v1::INSPECTION_ITEM_KIND_CHOICE);
  choice->set_required(true);
  choice->add_choices()->set_key("good");
  choice->add_choices()->set_key("poor");
  auto* photo = t.add_items();
  photo->set_key("photo");
  photo->set_kind(v1::INSPECTION_ITEM_KIND_PHOTO);
  return t;
}

v1::Inspection complete() {
  v1::Inspection i;
  i.set_id(newUuidV7());
  i.set_template_id(kTemplateId);
  i.set_template_version(2);
  i.set_site_id(kSiteId);
  i.set_outcome(v1::INSPECTION_OUTCOME_VERIFIED);
  auto* a = i.add_answers();
  a->set_item_key("implemented");
  a->set_yes_no(false);  // "no" is an answer
  auto* b = i.add_answers();
  b->set_item_key("condition");
  b->set_choice("good");
  return i;
}

std::vector<std::string> codes(const std::vector<AnswerProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.itemKey + " " + p.reasonCode);
  return out;
}

}  // namespace

TEST(InspectionChecklist, PromptsFollowTheLanguageThenEnglish) {
  const auto t = checklist();
  EXPECT_EQ(localizedText(t.items(0).prompt(), "pl"), "Zrealizowano?");
  EXPECT_EQ(localizedText(t.items(0).prompt(), "de"), "Implemented?");
  EXPECT_EQ(localizedText(t.items(1).prompt(), "pl"), "");
}

TEST(InspectionChecklist, ACompleteChecklistHasNoProblem) {
  EXPECT_TRUE(checkAnswers(checklist(), complete()).empty());
}

TEST(InspectionChecklist, RequiredItemsUnansweredAreNamed) {
  auto i = complete();
  i.mutable_answers(1)->set_choice("");  // cleared choice
  auto* blank = i.add_answers();
  blank->set_item_key("implemented");
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"condition inspection.missing_answer"});
  i.clear_answers();
  EXPECT_EQ(codes(checkAnswers(checklist(), i)),
            (std::vector<std::string>{"implemented inspection.missing_answer", "condition inspection.missing_answer"}));
}

TEST(InspectionChecklist, AnswersThatDoNotFitTheirItemAreRefused) {
  auto i = complete();
  auto* n = i.add_answers();
  n->set_item_key("kwp");
  n->set_number(501);
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"kwp inspection.bad_answer"});
  n->set_number(std::nan(""));
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"kwp inspection.bad_answer"});
  n->set_number(12.5);
  i.mutable_answers(1)->set_choice("excellent");
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"condition inspection.bad_answer"});
  i.mutable_answers(1)->set_choice("good");
  i.mutable_answers(0)->set_text("yes");
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"implemented inspection.bad_answer"});
  i.mutable_answers(0)->set_yes_no(true);
  auto* stray = i.add_answers();
  stray->set_item_key("colour");
  stray->set_text("green");
  EXPECT_EQ(codes(checkAnswers(checklist(), i)), std::vector<std::string>{"colour inspection.bad_answer"});
}

// The server's rules (validateChange with the stored template) refuse an
// incomplete checklist; an answer to an older version is not checked.
TEST(InspectionChecklist, TheSharedRulesRefuseAnIncompleteChecklist) {
  v1::Change c;
  c.set_change_id(newUuidV7());
  auto i = complete();
  i.set_started_at(kNow - 60'000);
  i.set_submitted_at(kNow);
  i.mutable_answers()->RemoveLast();
  c.set_entity_id(i.id());
  *c.mutable_inspection() = i;
  c.set_hlc(makeHlc(kNow, 0));
  ValidationContext ctx;
  ctx.nowMs = kNow;
  ctx.exists = [](EntityType, const std::string&) { return true; };
  ctx.findStored = [](EntityType type, const std::string&) -> std::optional<v1::Change> {
    if (type != EntityType::kInspectionTemplate) return std::nullopt;
    v1::Change t;
    *t.mutable_inspection_template() = checklist();
    return t;
  };
  auto r = validateChange(c, ctx);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->reasonCode, "inspection.missing_answer");
  EXPECT_NE(r->message.find("condition"), std::string::npos);
  c.mutable_inspection()->set_template_version(1);
  EXPECT_FALSE(validateChange(c, ctx));
}

namespace {

std::unique_ptr<LocalStore> openDevice(const std::string& dir, const Clock& clock) {
  auto store = LocalStore::open(dir + "/device.db", clock);
  EXPECT_TRUE(store.isOk()) << store.status().toString();
  auto page = secap::testing::basePage(clock.nowMs());
  auto* c = page.add_changes();
  c->set_change_id("0190a000-0000-7000-9000-0000000000a9");
  c->set_entity_id(kTemplateId);
  c->set_hlc(makeHlc(clock.nowMs() - 50'000, 1));
  c->set_server_seq(page.last_seq() + 1);
  c->set_origin_device_id("server");
  *c->mutable_inspection_template() = checklist();
  page.set_last_seq(page.last_seq() + 1);
  EXPECT_TRUE((*store)->applyPullPage(page).isOk());
  return std::move(store).value();
}

std::string writePhoto(const std::string& dir, const std::string& name, const std::string& bytes) {
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

DraftPhoto photo(const std::string& path) {
  DraftPhoto p;
  p.attachment.set_id(newUuidV7());
  p.attachment.set_mime("image/jpeg");
  p.attachment.set_width(640);
  p.attachment.set_height(480);
  p.path = path;
  return p;
}

}  // namespace

TEST(InspectionDrafts, ADraftStaysOnTheDeviceAcrossARestartAndNeverSyncs) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_draft_restart");
  const std::string photoPath = writePhoto(dir, "a.jpg", "jpeg bytes");
  InspectionDraft draft;
  draft.inspection = complete();
  draft.inspection.mutable_answers()->RemoveLast();  // not finished yet
  draft.inspection.set_findings("Falownik OK");
  draft.photos.push_back(photo(photoPath));
  const std::string id = draft.inspection.id();
  {
    auto store = openDevice(dir, clock);
    ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
    EXPECT_EQ(store->pendingCount(), 0);
  }
  auto store = LocalStore::open(dir + "/device.db", clock);
  ASSERT_TRUE(store.isOk());
  auto drafts = (*store)->inspectionDrafts();
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].inspection.id(), id);
  EXPECT_EQ(drafts[0].inspection.findings(), "Falownik OK");
  EXPECT_EQ(drafts[0].inspection.answers_size(), 1);
  ASSERT_EQ(drafts[0].photos.size(), 1u);
  EXPECT_EQ(drafts[0].photos[0].path, photoPath);
  EXPECT_EQ(drafts[0].photos[0].attachment.width(), 640);
  EXPECT_EQ((*store)->pendingOutbox(100, 1 << 20).size(), 0u);
  EXPECT_FALSE((*store)->inspection(id));
}

TEST(InspectionDrafts, AnIncompleteChecklistIsNotSubmittedAndTheDraftStays) {
  ManualClock clock(kNow);
  auto store = openDevice(freshDir("insp_incomplete"), clock);
  InspectionDraft draft;
  draft.inspection = complete();
  draft.inspection.mutable_answers()->RemoveLast();
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  auto submitted = store->submitInspectionDraft(draft.inspection.id());
  ASSERT_FALSE(submitted.isOk());
  EXPECT_EQ(submitted.status().message().rfind("inspection.missing_answer", 0), 0u) << submitted.status().toString();
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_TRUE(store->inspectionDraft(draft.inspection.id()));
}

TEST(InspectionDrafts, SubmittingSendsTheInspectionWithItsPhotosOnceAndItNeverChanges) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_submit");
  auto store = openDevice(dir, clock);
  InspectionDraft draft;
  draft.inspection = complete();
  draft.inspection.set_started_at(kNow - 600'000);
  auto answerPhoto = photo(writePhoto(dir, "answer.jpg", "answer photo"));
  auto* a = draft.inspection.add_answers();
  a->set_item_key("photo");
  a->set_attachment_id(answerPhoto.attachment.id());
  draft.photos.push_back(answerPhoto);
  draft.photos.push_back(photo(writePhoto(dir, "extra.jpg", "extra photo")));
  const std::string id = draft.inspection.id();
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());

  clock.advance(1000);
  auto submitted = store->submitInspectionDraft(id);
  ASSERT_TRUE(submitted.isOk()) << submitted.status().toString();
  EXPECT_EQ(submitted->submitted_at(), kNow + 1000);
  EXPECT_EQ(submitted->started_at(), kNow - 600'000);
  EXPECT_EQ(submitted->attachment_ids_size(), 2);
  EXPECT_FALSE(store->inspectionDraft(id));
  EXPECT_EQ(store->pendingCount(), 3);  // the inspection and two photos
  EXPECT_EQ(store->pendingAttachmentCount(), 2);
  auto stored = store->inspectionsOfSite(kSiteId);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].id(), id);
  auto photoRecord = store->attachment(answerPhoto.attachment.id());
  ASSERT_TRUE(photoRecord);
  EXPECT_EQ(photoRecord->owner_type(), "inspection");
  EXPECT_EQ(photoRecord->owner_id(), id);
  EXPECT_EQ(photoRecord->sha256(), sha256Hex("answer photo"));

  // Submitting again, or editing it as a draft, is refused.
  EXPECT_EQ(store->submitInspectionDraft(id).status().code(), StatusCode::kNotFound);
  InspectionDraft again;
  again.inspection = *submitted;
  again.inspection.clear_submitted_at();
  auto edit = store->saveInspectionDraft(again);
  ASSERT_FALSE(edit.isOk());
  EXPECT_EQ(edit.status().message().rfind("inspection.immutable", 0), 0u);
  // Once the server has it, the device refuses a rewrite as the server would.
  auto sent = store->pendingOutbox(100, 1 << 20);
  v1::PushResponse accepted;
  for (const auto& e : sent) {
    auto* r = accepted.add_results();
    r->set_change_id(e.change.change_id());
    r->set_outcome(v1::ACCEPTED);
  }
  ASSERT_TRUE(store->applyPushResults(sent, accepted).isOk());
  v1::Change change;
  change.set_entity_id(id);
  *change.mutable_inspection() = *submitted;
  change.mutable_inspection()->set_findings("changed");
  auto rewrite = store->saveLocalChange(change);
  ASSERT_FALSE(rewrite.isOk());
  EXPECT_EQ(rewrite.status().message().rfind("inspection.immutable", 0), 0u);
}

// An inspection the server refused (its site did not exist yet, say) is
// still the device's: it can be corrected and sent again.
TEST(InspectionDrafts, ARefusedInspectionCanStillBeCorrected) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_refused");
  auto store = openDevice(dir, clock);
  InspectionDraft draft;
  draft.inspection = complete();
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  auto submitted = store->submitInspectionDraft(draft.inspection.id());
  ASSERT_TRUE(submitted.isOk()) << submitted.status().toString();
  auto sent = store->pendingOutbox(100, 1 << 20);
  ASSERT_EQ(sent.size(), 1u);
  v1::PushResponse refused;
  auto* r = refused.add_results();
  r->set_change_id(sent[0].change.change_id());
  r->set_outcome(v1::REJECTED);
  r->set_reason_code("inspection.bad_dates");
  ASSERT_TRUE(store->applyPushResults(sent, refused).isOk());
  v1::Change corrected = sent[0].change;
  corrected.mutable_inspection()->set_started_at(submitted->submitted_at() - 60'000);
  auto fixed = store->correctRejected(sent[0].seq, corrected);
  EXPECT_TRUE(fixed.isOk()) << fixed.status().toString();
}

TEST(InspectionDrafts, APhotoThatCannotBeReadStopsTheSubmitAndNothingIsLost) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_photo_gone");
  auto store = openDevice(dir, clock);
  InspectionDraft draft;
  draft.inspection = complete();
  draft.photos.push_back(photo(dir + "/gone.jpg"));
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  auto submitted = store->submitInspectionDraft(draft.inspection.id());
  ASSERT_FALSE(submitted.isOk());
  EXPECT_EQ(submitted.status().message().rfind("inspection.photo_missing", 0), 0u);
  EXPECT_EQ(store->pendingCount(), 0);
  EXPECT_TRUE(store->inspectionDraft(draft.inspection.id()));
}

TEST(InspectionDrafts, SavingAndDiscardingHandBackThePhotosNoLongerHeld) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_discard");
  auto store = openDevice(dir, clock);
  InspectionDraft draft;
  draft.inspection = complete();
  draft.photos.push_back(photo(writePhoto(dir, "1.jpg", "one")));
  draft.photos.push_back(photo(writePhoto(dir, "2.jpg", "two")));
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  draft.photos.erase(draft.photos.begin());
  auto dropped = store->saveInspectionDraft(draft);
  ASSERT_TRUE(dropped.isOk());
  EXPECT_EQ(*dropped, std::vector<std::string>{dir + "/1.jpg"});
  auto discarded = store->discardInspectionDraft(draft.inspection.id());
  ASSERT_TRUE(discarded.isOk());
  EXPECT_EQ(*discarded, std::vector<std::string>{dir + "/2.jpg"});
  EXPECT_TRUE(store->inspectionDrafts().empty());
  EXPECT_EQ(store->discardInspectionDraft(draft.inspection.id()).status().code(), StatusCode::kNotFound);
}

TEST(InspectionDrafts, TheDeviceListsGlobalAndOwnChecklists) {
  ManualClock clock(kNow);
  auto store = openDevice(freshDir("insp_templates"), clock);
  auto templates = store->inspectionTemplates(secap::testing::kMunicipalityId);
  ASSERT_EQ(templates.size(), 1u);
  EXPECT_EQ(templates[0].id(), kTemplateId);
  EXPECT_TRUE(store->inspectionTemplate(kTemplateId));
}

// A lost device's wipe (DESIGN.md §8) takes the drafts' photos too.
TEST(InspectionDrafts, AWipeRemovesTheDraftsAndTheirPhotos) {
  ManualClock clock(kNow);
  const auto dir = freshDir("insp_wipe");
  auto store = openDevice(dir, clock);
  InspectionDraft draft;
  draft.inspection = complete();
  draft.photos.push_back(photo(writePhoto(dir, "site.jpg", "a person's front door")));
  ASSERT_TRUE(store->saveInspectionDraft(draft).isOk());
  ASSERT_TRUE(std::filesystem::exists(dir + "/site.jpg"));
  ASSERT_TRUE(store->wipe().isOk());
  EXPECT_FALSE(std::filesystem::exists(dir + "/site.jpg"));
  EXPECT_TRUE(store->inspectionDrafts().empty());
}
