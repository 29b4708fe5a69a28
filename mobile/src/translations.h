#pragma once
// The app's languages (DESIGN.md §7: Polish, English and German, through Qt
// Linguist). The source strings are English; mobile/i18n/secap_field_pl.ts
// and secap_field_de.ts are compiled into the app's resources.
//
// installTranslations() picks the translation for QLocale() (the system's,
// or --locale) and installs it on the application; English needs none. Call
// it once, on the UI thread, before the QML engine loads.

class QCoreApplication;

namespace secap::field {

// True when a translation for the locale's language was installed.
bool installTranslations(QCoreApplication& app);

}  // namespace secap::field
