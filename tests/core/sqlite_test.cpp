#include "secap/core/sqlite.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
