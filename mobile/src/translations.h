#pragma once
// The app's languages (DESIGN.md §7: Polish, English and German, through Qt
// Linguist). The source strings are English; mobile/i18n/secap_field_pl.ts
// and secap_field_de.ts are compiled into the app's resources.
//
// The language follows the system (or --locale) unless the user picks one
// in the settings. applyLanguage() sets the default QLocale (numbers, dates,
// the decimal comma) and installs the matching translator, replacing the one
// before; the caller then retranslates its QML engine. UI thread only.

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace secap::field {

// The languages the app speaks, as codes: "pl", "en", "de".
QStringList appLanguages();

// The locale of a language code: pl_PL, en_GB, de_DE; "" gives `system`.
QLocale localeOfLanguage(const QString& code, const QLocale& system);

// Makes `code` ("" for the system's, i.e. `system`) the app's language.
// Returns true when a translation was installed (English needs none).
bool applyLanguage(QCoreApplication& app, const QString& code, const QLocale& system);

// Installs the translation for QLocale() (the system's, or --locale).
bool installTranslations(QCoreApplication& app);

}  // namespace secap::field
