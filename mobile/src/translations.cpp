#include "translations.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTranslator>

namespace secap::field {

namespace {

// The installed translator, replaced on a language change.
QPointer<QTranslator> g_translator;

}  // namespace

QStringList appLanguages() { return {QStringLiteral("pl"), QStringLiteral("en"), QStringLiteral("de")}; }

QLocale localeOfLanguage(const QString& code, const QLocale& system) {
  if (code == QLatin1String("pl")) return QLocale(QLocale::Polish, QLocale::Poland);
  if (code == QLatin1String("de")) return QLocale(QLocale::German, QLocale::Germany);
  if (code == QLatin1String("en")) return QLocale(QLocale::English, QLocale::UnitedKingdom);
  return system;
}

bool applyLanguage(QCoreApplication& app, const QString& code, const QLocale& system) {
  QLocale::setDefault(localeOfLanguage(code, system));
  if (g_translator) {
    QCoreApplication::removeTranslator(g_translator);
    delete g_translator;
  }
  return installTranslations(app);
}

bool installTranslations(QCoreApplication& app) {
  // Parented to the application: it lives as long as the strings it serves.
  auto* translator = new QTranslator(&app);
  // Tries secap_field_pl_PL, secap_field_pl, … for each of the locale's UI
  // languages, in order.
  if (!translator->load(QLocale(), QStringLiteral("secap_field"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete translator;
    return false;
  }
  g_translator = translator;
  return QCoreApplication::installTranslator(translator);
}

}  // namespace secap::field
