#include "input_method.h"

#include <QDir>
#include <QFile>

namespace secap::field {

bool udevListsKeyboard(const QString& dataDir) {
  // Input devices are character devices of major 13: c13:64 and so on.
  const QDir dir(dataDir);
  for (const QString& name : dir.entryList({QStringLiteral("c13:*")}, QDir::Files)) {
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::ReadOnly)) continue;
    while (!file.atEnd()) {
      if (file.readLine().trimmed() == "E:ID_INPUT_KEYBOARD=1") return true;
    }
  }
  return false;
}

bool chooseVirtualKeyboard(bool kiosk, bool screenshots, const QString& udevDataDir) {
  if (qEnvironmentVariableIsSet("QT_IM_MODULE"))
    return qEnvironmentVariable("QT_IM_MODULE") == QLatin1String("qtvirtualkeyboard");
  if (!screenshots && !(kiosk && !udevListsKeyboard(udevDataDir))) return false;
  qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
  return true;
}

}  // namespace secap::field
