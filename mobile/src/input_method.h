#pragma once
// The input method of a wall tablet (DESIGN.md §7): Qt Virtual Keyboard
// where there is no hardware keyboard. It must be chosen before the
// application object exists (QT_IM_MODULE is read when Qt starts).

#include <QString>

namespace secap::field {

// True when udev's database (`dataDir`, /run/udev/data on Linux) names an
// input device that is a keyboard (ID_INPUT_KEYBOARD=1: a keyboard, not a
// power button or a remote's few keys). A missing directory lists none.
bool udevListsKeyboard(const QString& dataDir);

// Sets QT_IM_MODULE=qtvirtualkeyboard for the kiosk (`kiosk`) where udev
// lists no keyboard, and for the screenshots (`screenshots`, which render
// the kiosk's keyboard), unless QT_IM_MODULE already names an input method.
// Returns whether the virtual keyboard is the input method.
bool chooseVirtualKeyboard(bool kiosk, bool screenshots, const QString& udevDataDir = QStringLiteral("/run/udev/data"));

}  // namespace secap::field
