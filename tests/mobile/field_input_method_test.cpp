// The kiosk's input method: Qt Virtual Keyboard where udev lists no
// keyboard, the user's own QT_IM_MODULE always wins (input_method.h).

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "input_method.h"

namespace {

using secap::field::chooseVirtualKeyboard;
using secap::field::udevListsKeyboard;

void write(const QString& path, const QByteArray& text) {
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(text);
}

class InputMethod : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    qunsetenv("QT_IM_MODULE");
  }
  void TearDown() override { qunsetenv("QT_IM_MODULE"); }
  QTemporaryDir dir;
};

TEST_F(InputMethod, APowerButtonIsNoKeyboardAUsbKeyboardIs) {
  EXPECT_FALSE(udevListsKeyboard(dir.filePath(QStringLiteral("missing"))));
  write(dir.filePath(QStringLiteral("c13:64")), "E:ID_INPUT=1\nE:ID_INPUT_KEY=1\nE:ID_PATH=acpi-LNXPWRBN:00\n");
  write(dir.filePath(QStringLiteral("c13:65")), "E:ID_INPUT=1\nE:ID_INPUT_TOUCHSCREEN=1\n");
  write(dir.filePath(QStringLiteral("c189:1")), "E:ID_INPUT_KEYBOARD=1\n");  // not an input device node
  EXPECT_FALSE(udevListsKeyboard(dir.path()));
  write(dir.filePath(QStringLiteral("c13:66")), "E:ID_INPUT=1\nE:ID_INPUT_KEY=1\nE:ID_INPUT_KEYBOARD=1\n");
  EXPECT_TRUE(udevListsKeyboard(dir.path()));
}

TEST_F(InputMethod, AKioskWithoutAKeyboardTypesOnTheVirtualKeyboard) {
  write(dir.filePath(QStringLiteral("c13:65")), "E:ID_INPUT=1\nE:ID_INPUT_TOUCHSCREEN=1\n");
  EXPECT_TRUE(chooseVirtualKeyboard(true, false, dir.path()));
  EXPECT_EQ(qEnvironmentVariable("QT_IM_MODULE"), QStringLiteral("qtvirtualkeyboard"));
}

TEST_F(InputMethod, AKioskWithAKeyboardAndAPhoneKeepTheirInputMethod) {
  write(dir.filePath(QStringLiteral("c13:66")), "E:ID_INPUT_KEYBOARD=1\n");
  EXPECT_FALSE(chooseVirtualKeyboard(true, false, dir.path()));
  EXPECT_FALSE(qEnvironmentVariableIsSet("QT_IM_MODULE"));
  QTemporaryDir none;
  EXPECT_FALSE(chooseVirtualKeyboard(false, false, none.path()));
  EXPECT_FALSE(qEnvironmentVariableIsSet("QT_IM_MODULE"));
  // The screenshots render the kiosk's keyboard wherever they run.
  EXPECT_TRUE(chooseVirtualKeyboard(false, true, dir.path()));
}

TEST_F(InputMethod, TheUsersOwnInputMethodWins) {
  qputenv("QT_IM_MODULE", "ibus");
  EXPECT_FALSE(chooseVirtualKeyboard(true, true, dir.path()));
  EXPECT_EQ(qEnvironmentVariable("QT_IM_MODULE"), QStringLiteral("ibus"));
  qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
  write(dir.filePath(QStringLiteral("c13:66")), "E:ID_INPUT_KEYBOARD=1\n");
  EXPECT_TRUE(chooseVirtualKeyboard(true, false, dir.path()));
}

}  // namespace
