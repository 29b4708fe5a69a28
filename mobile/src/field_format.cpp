#include "field_format.h"

#include <QDateTime>
#include <QRegularExpression>
#include <cmath>

namespace secap::field {

namespace {

bool isIgnorableSpace(QChar c) {
  return c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F) || c == QChar(0x2009) || c == QChar('\'') ||
         c == QChar(0x2019);
}

}  // namespace

std::optional<double> parseLocaleNumber(const QString& text, const QLocale& locale) {
  QString s;
  s.reserve(text.size());
  for (QChar c : text) {
    if (c == QChar(0x2212)) c = QChar('-');  // Unicode minus sign.
    if (!isIgnorableSpace(c)) s.append(c);
  }
  if (s.isEmpty()) return std::nullopt;

  const QString localeDecimal = locale.decimalPoint();
  const qsizetype dots = s.count(QChar('.'));
  const qsizetype commas = s.count(QChar(','));

  // Decide which of '.' and ',' is the decimal separator, if any; the other
  // one may only group digits.
  QChar decimal;
  QChar group;
  if (dots > 0 && commas > 0) {
    // Both present: the last one separates the decimals ("1.234,5", "1,234.5").
    decimal = s.lastIndexOf(QChar('.')) > s.lastIndexOf(QChar(',')) ? QChar('.') : QChar(',');
    group = decimal == QChar('.') ? QChar(',') : QChar('.');
  } else if (dots + commas == 1) {
    const QChar sep = dots ? QChar('.') : QChar(',');
    // A single separator is a decimal unless this locale groups with it and
    // exactly three digits follow ("12.345" is twelve thousand in de).
    const qsizetype after = s.size() - s.indexOf(sep) - 1;
    const bool localeGroupsWithIt = locale.groupSeparator() == QString(sep) && localeDecimal != QString(sep);
    if (localeGroupsWithIt && after == 3) {
      group = sep;
    } else {
      decimal = sep;
    }
  } else if (dots + commas > 1) {
    // Repeated separators can only group ("1.234.567").
    if (dots && commas) return std::nullopt;
    group = dots ? QChar('.') : QChar(',');
  }

  // Grouping must look like grouping: 1 to 3 digits, then groups of 3.
  if (!group.isNull()) {
    QString integerPart = s;
    if (!decimal.isNull() && s.contains(decimal)) integerPart = s.left(s.indexOf(decimal));
    if (integerPart.startsWith(QChar('-')) || integerPart.startsWith(QChar('+'))) {
      integerPart.remove(0, 1);
    }
    const QStringList groups = integerPart.split(group);
    for (qsizetype i = 0; i < groups.size(); ++i) {
      const qsizetype len = groups[i].size();
      if (i == 0 ? (len < 1 || len > 3) : len != 3) return std::nullopt;
    }
  }

  QString plain;
  plain.reserve(s.size());
  bool sawDecimal = false;
  for (QChar c : s) {
    if (!group.isNull() && c == group) continue;
    if (!decimal.isNull() && c == decimal) {
      if (sawDecimal) return std::nullopt;
      sawDecimal = true;
      plain.append(QChar('.'));
      continue;
    }
    plain.append(c);
  }

  static const QRegularExpression kPlainNumber(QStringLiteral(R"(^[+-]?(\d+\.?\d*|\.\d+)$)"));
  if (!kPlainNumber.match(plain).hasMatch()) return std::nullopt;
  bool ok = false;
  const double v = QLocale::c().toDouble(plain, &ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

namespace {

// Qt 6.4 applies CLDR's "minimum grouping digits" (2 in Polish: 1000, but
// 10 000) to every group, not only to numbers under 10 000, and writes
// 1 821 235 as "1821 235". Numbers of five digits or more are grouped in
// threes here; shorter ones keep the locale's choice.
QString regroup(const QString& text, const QLocale& locale) {
  const QString group = locale.groupSeparator();
  const QString dp = locale.decimalPoint();
  if (group.isEmpty()) return text;
  const qsizetype dot = text.indexOf(dp);
  QString integer = dot < 0 ? text : text.left(dot);
  const QString rest = dot < 0 ? QString() : text.mid(dot);
  QString sign;
  if (integer.startsWith(locale.negativeSign())) {
    sign = locale.negativeSign();
    integer = integer.mid(sign.size());
  }
  integer.remove(group);
  if (integer.size() < 5) return text;
  QString grouped;
  for (qsizetype i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += group;
    grouped += integer[i];
  }
  return sign + grouped + rest;
}

}  // namespace

QString formatNumber(double value, const QLocale& locale, int maxDecimals) {
  if (!std::isfinite(value)) return QStringLiteral("–");
  QString s = regroup(locale.toString(value, 'f', maxDecimals), locale);
  const QString dp = locale.decimalPoint();
  if (maxDecimals > 0 && s.contains(dp)) {
    while (s.endsWith(QChar('0'))) s.chop(1);
    if (s.endsWith(dp)) s.chop(dp.size());
  }
  if (s == QStringLiteral("-0")) s = QStringLiteral("0");
  return s;
}

QString formatEuro(double value, const QLocale& locale) {
  if (!std::isfinite(value)) return QStringLiteral("–");
  // Whole euros: budgets and spending are planned in thousands.
  // The locale's pattern ("1 €", "€1") around the amount as formatNumber
  // groups it.
  QString out = locale.toCurrencyString(1.0, QStringLiteral("€"), 0);
  const qsizetype one = out.indexOf(QLatin1Char('1'));
  out.replace(one, 1, formatNumber(std::abs(std::round(value)), locale, 0));
  return std::round(value) < 0 ? locale.negativeSign() + out : out;
}

QString formatMonthYear(qint64 ms, const QLocale& locale) {
  return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).date(), QStringLiteral("MMM yyyy"));
}

QString formatShortDate(qint64 ms, qint64 nowMs, const QLocale& locale) {
  const QDate d = QDateTime::fromMSecsSinceEpoch(ms).date();
  const QDate now = QDateTime::fromMSecsSinceEpoch(nowMs).date();
  // German writes the day as an ordinal: "3. Okt.", not "3 Okt.".
  const QString day = locale.language() == QLocale::German ? QStringLiteral("d.") : QStringLiteral("d");
  return locale.toString(d, d.year() == now.year() ? day + QStringLiteral(" MMM") : day + QStringLiteral(" MMM yyyy"));
}

QString formatTime(qint64 ms, const QLocale& locale) {
  // Hours and minutes in the locale's order; some short formats carry seconds.
  QString format = locale.timeFormat(QLocale::ShortFormat);
  format.remove(QStringLiteral(":ss")).remove(QStringLiteral(".ss"));
  return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).time(), format);
}

QString formatDateTime(qint64 ms, qint64 nowMs, const QLocale& locale) {
  const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms);
  return formatShortDate(ms, nowMs, locale) + QStringLiteral(", ") + formatTime(ms, locale);
}

QString foldForSearch(const QString& text) {
  const QString decomposed = text.normalized(QString::NormalizationForm_KD);
  QString out;
  out.reserve(decomposed.size());
  for (QChar c : decomposed) {
    if (c.category() == QChar::Mark_NonSpacing) continue;
    // Letters with a stroke do not decompose.
    switch (c.unicode()) {
      case 0x0141:
      case 0x0142:
        c = QChar('l');
        break;  // Ł ł
      case 0x00D8:
      case 0x00F8:
        c = QChar('o');
        break;  // Ø ø
      case 0x0110:
      case 0x0111:
        c = QChar('d');
        break;  // Đ đ
      case 0x00DF:
        out.append(QStringLiteral("ss"));
        continue;  // ß
      default:
        break;
    }
    out.append(c.toLower());
  }
  return out;
}

}  // namespace secap::field
