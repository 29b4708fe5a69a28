#include "secap/core/sqlite.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace secap::core;

namespace {
std::string tempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("secap_sqlite_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::filesystem::remove(p);
  return p.string();
}
}  // namespace

TEST(Sqlite, BindsAndReadsBackUtf8Text) {
  auto db = sqlite::Db::open(tempPath("utf8.db"));
  ASSERT_TRUE(db.isOk()) << db.status().toString();
  ASSERT_TRUE((*db)->exec("CREATE TABLE t(name TEXT, v REAL, n INTEGER)").isOk());
  auto ins = (*db)->prepare("INSERT INTO t VALUES(?,?,?)");
  ASSERT_TRUE(ins.isOk());
  ASSERT_TRUE(ins->bind(1, "Żyraków").bind(2, 12.5).bind(3, int64_t{1} << 40).exec().isOk());
  auto sel = (*db)->prepare("SELECT name, v, n FROM t");
  ASSERT_TRUE(sel.isOk());
  ASSERT_TRUE(*sel->step());
  EXPECT_EQ(sel->columnText(0), "Żyraków");
  EXPECT_DOUBLE_EQ(sel->columnDouble(1), 12.5);
  EXPECT_EQ(sel->columnInt(2), int64_t{1} << 40);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  auto db = sqlite::Db::open(tempPath("tx.db"));
  ASSERT_TRUE(db.isOk());
  ASSERT_TRUE((*db)->exec("CREATE TABLE t(x)").isOk());
  {
    sqlite::Transaction tx(**db);
    ASSERT_TRUE(tx.begin().isOk());
    ASSERT_TRUE((*db)->exec("INSERT INTO t VALUES(1)").isOk());
  }
  auto count = (*db)->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(*count->step());
  EXPECT_EQ(count->columnInt(0), 0);
}

TEST(Sqlite, ACorruptFileIsAClearErrorNotACrash) {
  const auto path = tempPath("corrupt.db");
  std::ofstream(path) << std::string(8192, 'x');
  auto db = sqlite::Db::open(path);
  ASSERT_FALSE(db.isOk());
  EXPECT_EQ(db.status().code(), StatusCode::kDataLoss) << db.status().toString();
}

TEST(Sqlite, ConstraintViolationIsReportedAsAlreadyExists) {
  auto db = sqlite::Db::open(tempPath("unique.db"));
  ASSERT_TRUE((*db)->exec("CREATE TABLE t(x PRIMARY KEY)").isOk());
  ASSERT_TRUE((*db)->exec("INSERT INTO t VALUES(1)").isOk());
  EXPECT_EQ((*db)->exec("INSERT INTO t VALUES(1)").code(), StatusCode::kAlreadyExists);
}

TEST(Sqlite, CachedStatementsAreResetForReuse) {
  auto db = sqlite::Db::open(tempPath("cached.db"));
  ASSERT_TRUE((*db)->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1),(2),(3)").isOk());
  for (int round = 0; round < 3; ++round) {
    auto st = (*db)->cached("SELECT x FROM t WHERE x>=? ORDER BY x");
    ASSERT_TRUE(st.isOk());
    (*st)->bind(1, 2);
    ASSERT_TRUE(*(*st)->step());
    EXPECT_EQ((*st)->columnInt(0), 2);  // a stale cursor would give 3
  }
}

// The online backup (admin backup): a consistent copy while another
// connection keeps writing, one file, and never over an existing one.
TEST(Sqlite, AnOnlineBackupIsAConsistentCopyWhileAnotherConnectionWrites) {
  const std::string path = tempPath("backup_src.db");
  const std::string copy = tempPath("backup_copy.db");
  std::filesystem::remove(copy + ".part");
  auto writer = sqlite::Db::open(path);
  ASSERT_TRUE(writer.isOk());
  ASSERT_TRUE((*writer)->exec("CREATE TABLE t(a INTEGER, b INTEGER)").isOk());
  // Every transaction inserts a pair of rows: a consistent copy has an even count.
  std::atomic<bool> stop{false};
  std::atomic<int> pairs{0};
  std::thread busy([&] {
    while (!stop) {
      if ((*writer)->exec("BEGIN; INSERT INTO t VALUES(1, randomblob(200)); INSERT INTO t VALUES(2, 0); COMMIT").isOk())
        ++pairs;
    }
  });
  while (pairs < 200) std::this_thread::yield();
  auto reader = sqlite::Db::open(path);
  ASSERT_TRUE(reader.isOk());
  const Status st = (*reader)->backupTo(copy);
  stop = true;
  busy.join();
  ASSERT_TRUE(st.isOk()) << st.toString();
  EXPECT_FALSE(std::filesystem::exists(copy + ".part"));
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal")) << "the copy is one file";
  auto restored = sqlite::Db::open(copy);
  ASSERT_TRUE(restored.isOk());
  auto count = (*restored)->prepare("SELECT count(*), sum(a = 1), sum(a = 2) FROM t");
  ASSERT_TRUE(count.isOk());
  ASSERT_TRUE(*count->step());
  const int64_t rows = count->columnInt(0);
  EXPECT_GE(rows, 400);
  EXPECT_EQ(count->columnInt(1), count->columnInt(2)) << "no transaction was copied half";
  EXPECT_EQ((*reader)->backupTo(copy).code(), StatusCode::kAlreadyExists);
}
