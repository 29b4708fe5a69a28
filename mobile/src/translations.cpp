#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace secap::field {

bool installTranslations(QCoreApplication& app) {
  // Parented to the application: it lives as long as the strings it serves.
  auto* translator = new QTranslator(&app);
  // Tries secap_field_pl_PL, secap_field_pl, … for each of the locale's UI
  // languages, in order.
  if (!translator->load(QLocale(), QStringLiteral("secap_field"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete translator;
    return false;
  }
  return QCoreApplication::installTranslator(translator);
}

}  // namespace secap::field
