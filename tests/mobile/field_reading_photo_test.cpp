// A photo with a new meter reading (DESIGN.md §4 "Attachments", §7): the
// chosen photo is downscaled into a draft the form shows; saving stores the
// reading and an Attachment owned by it, whose file waits to be uploaded;
// and a photo that fails never costs the reading.

#include <gtest/gtest.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLocale>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <memory>

#include "app_controller.h"
#include "demo_fixture.h"
#include "photo_draft.h"
#include "readings_model.h"

namespace secap::field {
namespace {

class ReadingPhotoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_dir.isValid());
    ASSERT_TRUE(m_files.isValid());
    auto store = core::LocalStore::open(storePath(m_dir.path()).toStdString());
    ASSERT_TRUE(store.isOk()) << store.status().toString();
    testing::DemoOptions options;
    options.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_ids = testing::populateDemoStore(**store, options);
    m_app = std::make_unique<AppController>(std::move(store).value(), TransportFactory{}, m_dir.path());
    QLocale::setDefault(QLocale(QLocale::English));
    m_draft.setApp(m_app.get());
  }
  void TearDown() override { QLocale::setDefault(QLocale::c()); }

  QString meterId() const { return QString::fromStdString(m_ids.schoolElectricityId); }
  QString nextValue() const { return QString::number(m_ids.schoolElectricityLatest + 250); }

  // A phone camera's photo: 4000 × 3000 px, with something on it.
  QString cameraPhoto(const QString& name, int w = 4000, int h = 3000) {
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(QColor(70, 80, 90));
    QPainter p(&image);
    p.fillRect(w / 4, h / 3, w / 2, h / 4, QColor(20, 20, 20));
    p.setPen(Qt::white);
    p.setFont(QFont(QStringLiteral("DejaVu Sans"), h / 12));
    p.drawText(QRect(w / 4, h / 3, w / 2, h / 4), Qt::AlignCenter, QStringLiteral("165 250"));
    p.end();
    const QString path = m_files.filePath(name);
    EXPECT_TRUE(image.save(path, "JPEG", 90));
    return path;
  }

  // Chooses the file as the form's file picker would, and waits until the
  // draft is ready (or refused).
  void choose(const QString& path) { chooseOn(m_draft, path); }
  static void chooseOn(PhotoDraft& draft, const QString& path) {
    QSignalSpy done(&draft, &PhotoDraft::busyChanged);
    draft.loadFile(QUrl::fromLocalFile(path));
    ASSERT_TRUE(draft.busy());
    ASSERT_TRUE(done.wait(60000));
    ASSERT_FALSE(draft.busy());
  }

  QStringList draftFiles() const { return QDir(photoDraftDirectory(m_dir.path())).entryList(QDir::Files); }

  std::vector<secap::v1::Attachment> attachments() {
    std::vector<secap::v1::Attachment> out;
    for (const auto& record : m_app->store().allRecords()) {
      if (record.type != core::EntityType::kAttachment) continue;
      secap::v1::Attachment a;
      if (a.ParseFromString(record.data)) out.push_back(a);
    }
    return out;
  }

  QTemporaryDir m_dir;    // The app's data directory.
  QTemporaryDir m_files;  // The user's pictures.
  testing::DemoIds m_ids;
  std::unique_ptr<AppController> m_app;
  PhotoDraft m_draft;
};

TEST_F(ReadingPhotoTest, AChosenPhotoBecomesADownscaledDraftOnTheForm) {
  const QString original = cameraPhoto(QStringLiteral("IMG_0412.jpg"));
  choose(original);

  ASSERT_TRUE(m_draft.hasPhoto()) << m_draft.errorString().toStdString();
  EXPECT_EQ(m_draft.width(), 2048);
  EXPECT_EQ(m_draft.height(), 1536);
  const QString draftPath = m_draft.url().toLocalFile();
  EXPECT_TRUE(draftPath.startsWith(photoDraftDirectory(m_dir.path())));
  EXPECT_EQ(QImageReader(draftPath).size(), QSize(2048, 1536));
  EXPECT_EQ(m_draft.byteSize(), QFileInfo(draftPath).size());
  EXPECT_TRUE(QFile::exists(original));  // The user's own file is left alone.
}

TEST_F(ReadingPhotoTest, SavingAttachesThePhotoToTheReadingAndQueuesItForUpload) {
  choose(cameraPhoto(QStringLiteral("IMG_0412.jpg")));
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  QSignalSpy photoFailed(m_app.get(), &AppController::readingPhotoFailed);

  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), &m_draft));
  ASSERT_TRUE(saved.wait(30000));

  EXPECT_EQ(photoFailed.count(), 0);
  const QString readingId = saved.at(0).at(1).toString();
  // One photo waits to be sent, and the status strip counts it.
  EXPECT_EQ(m_app->pendingPhotoCount(), 1);
  EXPECT_EQ(m_app->store().pendingAttachmentCount(), 1);

  const auto all = attachments();
  ASSERT_EQ(all.size(), 1u);
  const secap::v1::Attachment& a = all.front();
  EXPECT_EQ(a.owner_type(), "reading");
  EXPECT_EQ(a.owner_id(), readingId.toStdString());
  EXPECT_EQ(a.mime(), "image/jpeg");
  EXPECT_EQ(a.width(), 2048);
  EXPECT_EQ(a.height(), 1536);
  EXPECT_TRUE(a.has_taken_at());
  EXPECT_EQ(a.sha256().size(), 64u);

  // The file the upload will read: downscaled, and as large as recorded.
  const QString file = photoFilePath(m_dir.path(), QString::fromStdString(a.id()));
  const QSize size = QImageReader(file).size();
  EXPECT_LE(std::max(size.width(), size.height()), 2048);
  EXPECT_EQ(QFileInfo(file).size(), a.size());

  // The reading names its photo.
  const auto readings = m_app->store().readings(m_ids.schoolElectricityId, 1);
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings.front().id(), readingId.toStdString());
  EXPECT_EQ(readings.front().photo_attachment_id(), a.id());

  // The form starts afresh, with no draft left behind.
  EXPECT_FALSE(m_draft.hasPhoto());
  EXPECT_TRUE(draftFiles().isEmpty());
}

TEST_F(ReadingPhotoTest, TheHistoryShowsThePhotoOfAReadingKeptOnThisDevice) {
  ReadingsModel model;
  model.setApp(m_app.get());
  model.setMeterId(meterId());
  const int before = model.count();
  choose(cameraPhoto(QStringLiteral("IMG_0413.jpg")));
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), &m_draft));
  ASSERT_TRUE(saved.wait(30000));

  ASSERT_EQ(model.count(), before + 1);
  const QUrl newest = model.get(0).value(QStringLiteral("photoUrl")).toUrl();
  ASSERT_TRUE(newest.isLocalFile());
  EXPECT_TRUE(QFile::exists(newest.toLocalFile()));
  // Older readings have no photo on this device.
  EXPECT_TRUE(model.get(1).value(QStringLiteral("photoUrl")).toUrl().isEmpty());

  // A photo whose file is gone is not offered.
  ASSERT_TRUE(QFile::remove(newest.toLocalFile()));
  model.reload();
  EXPECT_TRUE(model.get(0).value(QStringLiteral("photoUrl")).toUrl().isEmpty());
}

TEST_F(ReadingPhotoTest, FullSizeKeepsEveryPixel) {
  m_draft.setFullSize(true);
  choose(cameraPhoto(QStringLiteral("IMG_0414.jpg")));
  ASSERT_TRUE(m_draft.hasPhoto());
  EXPECT_EQ(m_draft.width(), 4000);
  EXPECT_EQ(m_draft.height(), 3000);
}

TEST_F(ReadingPhotoTest, TheReadingIsSavedWhenItsPhotoCannotBeReadAnyMore) {
  choose(cameraPhoto(QStringLiteral("IMG_0415.jpg")));
  ASSERT_TRUE(m_draft.hasPhoto());
  // The draft vanished between choosing and saving (storage cleaned, card
  // removed).
  ASSERT_TRUE(QFile::remove(m_draft.url().toLocalFile()));
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  QSignalSpy photoFailed(m_app.get(), &AppController::readingPhotoFailed);

  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), &m_draft));
  ASSERT_TRUE(saved.wait(30000));

  // The reading is there and waits to sync; the user is told about the photo.
  const auto readings = m_app->store().readings(m_ids.schoolElectricityId, 1);
  ASSERT_EQ(readings.size(), 1u);
  EXPECT_EQ(readings.front().id(), saved.at(0).at(1).toString().toStdString());
  EXPECT_DOUBLE_EQ(readings.front().value(), m_ids.schoolElectricityLatest + 250);
  EXPECT_TRUE(readings.front().photo_attachment_id().empty());
  EXPECT_EQ(m_app->pendingCount(), 1);
  ASSERT_EQ(photoFailed.count(), 1);
  EXPECT_EQ(photoFailed.at(0).at(2).toString(), QStringLiteral("photo.missing"));
  EXPECT_EQ(m_app->errorType(), AppController::PhotoError);
  EXPECT_TRUE(m_app->errorString().contains(QStringLiteral("cannot be read")));
  EXPECT_EQ(m_app->pendingPhotoCount(), 0);
  EXPECT_TRUE(attachments().empty());
  EXPECT_FALSE(m_draft.hasPhoto());
}

TEST_F(ReadingPhotoTest, AFileThatIsNotAPhotoIsRefusedAndTheReadingStillSaves) {
  const QString broken = m_files.filePath(QStringLiteral("meter.jpg"));
  QFile file(broken);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("this is not a JPEG");
  file.close();

  choose(broken);
  EXPECT_FALSE(m_draft.hasPhoto());
  EXPECT_EQ(m_draft.errorCode(), QStringLiteral("photo.unreadable"));
  EXPECT_TRUE(m_draft.errorString().contains(QStringLiteral("could not be read")));

  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  QSignalSpy photoFailed(m_app.get(), &AppController::readingPhotoFailed);
  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), &m_draft));
  ASSERT_TRUE(saved.wait(30000));
  EXPECT_EQ(photoFailed.count(), 0);  // There was no photo to attach.
  EXPECT_EQ(m_app->pendingCount(), 1);
  EXPECT_EQ(m_app->pendingPhotoCount(), 0);
}

TEST_F(ReadingPhotoTest, ARejectedReadingKeepsItsPhotoOnTheForm) {
  choose(cameraPhoto(QStringLiteral("IMG_0416.jpg")));
  QSignalSpy rejected(m_app.get(), &AppController::readingRejected);

  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), QStringLiteral("-5"), QString(), &m_draft));
  ASSERT_TRUE(rejected.wait(30000));

  EXPECT_EQ(rejected.at(0).at(1).toString(), QStringLiteral("reading.negative_register"));
  EXPECT_TRUE(m_draft.hasPhoto());
  EXPECT_TRUE(QFile::exists(m_draft.url().toLocalFile()));
  EXPECT_TRUE(attachments().empty());
  EXPECT_EQ(m_app->pendingPhotoCount(), 0);
}

TEST_F(ReadingPhotoTest, ReplacingOrRemovingThePhotoLeavesNoDraftBehind) {
  choose(cameraPhoto(QStringLiteral("first.jpg")));
  choose(cameraPhoto(QStringLiteral("second.jpg"), 1200, 1600));
  ASSERT_TRUE(m_draft.hasPhoto());
  EXPECT_EQ(m_draft.width(), 1200);  // Small enough to keep its size.
  EXPECT_EQ(m_draft.height(), 1600);
  EXPECT_EQ(draftFiles().size(), 1);

  m_draft.clear();
  EXPECT_FALSE(m_draft.hasPhoto());
  EXPECT_TRUE(draftFiles().isEmpty());
}

TEST_F(ReadingPhotoTest, ACameraCaptureIsDeletedOnceTheFormIsDone) {
  // The camera writes its full-size capture where the draft asks it to.
  const QString capture = m_draft.newCapturePath();
  ASSERT_TRUE(capture.startsWith(photoDraftDirectory(m_dir.path())));
  ASSERT_TRUE(QFile::copy(cameraPhoto(QStringLiteral("cam.jpg")), capture));
  QSignalSpy done(&m_draft, &PhotoDraft::busyChanged);
  m_draft.loadCapture(capture);
  ASSERT_TRUE(done.wait(60000));
  ASSERT_TRUE(m_draft.hasPhoto());
  EXPECT_EQ(m_draft.width(), 2048);

  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), &m_draft));
  ASSERT_TRUE(saved.wait(30000));
  EXPECT_FALSE(QFile::exists(capture));
  EXPECT_TRUE(draftFiles().isEmpty());
  EXPECT_EQ(m_app->pendingPhotoCount(), 1);
}

TEST_F(ReadingPhotoTest, LeavingTheFormWhileItSavesKeepsThePhoto) {
  auto draft = std::make_unique<PhotoDraft>();
  draft->setApp(m_app.get());
  chooseOn(*draft, cameraPhoto(QStringLiteral("IMG_0418.jpg")));
  ASSERT_TRUE(draft->hasPhoto());
  QSignalSpy saved(m_app.get(), &AppController::readingSaved);
  QSignalSpy photoFailed(m_app.get(), &AppController::readingPhotoFailed);

  ASSERT_TRUE(m_app->recordReadingWithPhoto(meterId(), nextValue(), QString(), draft.get()));
  draft.reset();  // Back pressed while the save runs.
  ASSERT_TRUE(saved.wait(30000));

  EXPECT_EQ(photoFailed.count(), 0);
  EXPECT_EQ(m_app->pendingPhotoCount(), 1);
  const auto all = attachments();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(QFile::exists(photoFilePath(m_dir.path(), QString::fromStdString(all.front().id()))));
}

TEST_F(ReadingPhotoTest, DraftsLeftByACrashAreRemovedAtTheNextStart) {
  choose(cameraPhoto(QStringLiteral("IMG_0417.jpg")));
  ASSERT_EQ(draftFiles().size(), 1);
  const QString saved = photoFilePath(m_dir.path(), QStringLiteral("0190f1a2-0000-7000-8000-000000000001"));
  QDir().mkpath(photoDirectory(m_dir.path()));
  QFile keep(saved);
  ASSERT_TRUE(keep.open(QIODevice::WriteOnly));
  keep.close();

  removeStalePhotoDrafts(m_dir.path());

  EXPECT_TRUE(draftFiles().isEmpty());
  EXPECT_TRUE(QFile::exists(saved));  // Saved photos stay until uploaded and beyond.
}

}  // namespace
}  // namespace secap::field
