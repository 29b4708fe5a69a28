// Numbers as people type them on a phone, in pl, de and en.

#include "field_format.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QLocale>

namespace secap::field {
namespace {

const QLocale kPl(QLocale::Polish, QLocale::Poland);
const QLocale kDe(QLocale::German, QLocale::Germany);
const QLocale kEn(QLocale::English, QLocale::UnitedKingdom);

TEST(ParseLocaleNumber, AcceptsDecimalCommaAndSpaceGroupingInPolish) {
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12 345,6"), kPl).value(), 12345.6);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12\u00a0345,6"), kPl).value(), 12345.6);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12345,6"), kPl).value(), 12345.6);
}

TEST(ParseLocaleNumber, AcceptsAPointFromANumericKeypadInPolish) {
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12345.6"), kPl).value(), 12345.6);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12.345"), kPl).value(), 12.345);
}

TEST(ParseLocaleNumber, ReadsGermanGroupingAndDecimals) {
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12.345,6"), kDe).value(), 12345.6);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12.345"), kDe).value(), 12345.0);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12,5"), kDe).value(), 12.5);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("1.234.567"), kDe).value(), 1234567.0);
}

TEST(ParseLocaleNumber, ReadsEnglishGroupingAndDecimals) {
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("12,345.6"), kEn).value(), 12345.6);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("0.5"), kEn).value(), 0.5);
  EXPECT_DOUBLE_EQ(parseLocaleNumber(QStringLiteral("-7"), kEn).value(), -7.0);
}

TEST(ParseLocaleNumber, RejectsWhatIsNotAPlainNumber) {
  for (const char* text :
       {"", "   ", "abc", "12a", "1e5", "nan", "inf", "1.2.3", "1,23,4", "1.234,5,6", "--1", ",", "."}) {
    EXPECT_FALSE(parseLocaleNumber(QString::fromUtf8(text), kPl).has_value()) << text;
    EXPECT_FALSE(parseLocaleNumber(QString::fromUtf8(text), kDe).has_value()) << text;
  }
}

TEST(FormatNumber, UsesTheLocaleSeparatorsWithoutTrailingZeros) {
  EXPECT_EQ(formatNumber(12345.6, kDe), QStringLiteral("12.345,6"));
  EXPECT_EQ(formatNumber(12345.0, kEn), QStringLiteral("12,345"));
  EXPECT_EQ(formatNumber(12345.6, kPl), QStringLiteral("12") + kPl.groupSeparator() + QStringLiteral("345,6"));
  EXPECT_EQ(formatNumber(0.1 + 0.2, kEn), QStringLiteral("0.3"));
  // Qt 6.4 alone writes "1821 235" in Polish: every group of a long number
  // is separated, a four-digit one is not (CLDR).
  const QString g = kPl.groupSeparator();
  EXPECT_EQ(formatNumber(1821235, kPl), QStringLiteral("1") + g + QStringLiteral("821") + g + QStringLiteral("235"));
  EXPECT_EQ(formatNumber(-1821235.5, kPl),
            kPl.negativeSign() + QStringLiteral("1") + g + QStringLiteral("821") + g + QStringLiteral("235,5"));
  EXPECT_EQ(formatNumber(1234, kPl), QStringLiteral("1234"));
  EXPECT_EQ(formatNumber(1821235, kDe), QStringLiteral("1.821.235"));
}

TEST(FormatEuro, WholeEurosInTheLocalesPattern) {
  const QString g = kPl.groupSeparator();
  EXPECT_EQ(formatEuro(1250000.4, kPl), QStringLiteral("1") + g + QStringLiteral("250") + g + QStringLiteral("000") +
                                            kPl.toCurrencyString(1.0, QStringLiteral("€"), 0).mid(1));
  EXPECT_EQ(formatEuro(1250000, kEn), QStringLiteral("€1,250,000"));
  EXPECT_TRUE(formatEuro(925000, kDe).startsWith(QStringLiteral("925.000")));
  EXPECT_TRUE(formatEuro(-5000, kEn).startsWith(kEn.negativeSign()));
}

TEST(FormatNumber, RoundTripsThroughParse) {
  for (const QLocale& locale : {kPl, kDe, kEn}) {
    for (double v : {0.0, 7.5, 999.0, 12345.6, 1234567.125}) {
      EXPECT_DOUBLE_EQ(parseLocaleNumber(formatNumber(v, locale), locale).value(), v)
          << locale.name().toStdString() << ' ' << v;
    }
  }
}

TEST(FoldForSearch, DropsCaseAndDiacritics) {
  EXPECT_EQ(foldForSearch(QStringLiteral("Żyraków")), QStringLiteral("zyrakow"));
  EXPECT_EQ(foldForSearch(QStringLiteral("Pałecznica")), QStringLiteral("palecznica"));
  EXPECT_EQ(foldForSearch(QStringLiteral("Schwäbisch Hall")), QStringLiteral("schwabisch hall"));
  EXPECT_EQ(foldForSearch(QStringLiteral("Straße")), QStringLiteral("strasse"));
}

}  // namespace
}  // namespace secap::field

namespace secap::field {
namespace {

TEST(FormatDateTime, ShowsHoursAndMinutesWithoutSeconds) {
  const qint64 ms = QDateTime(QDate(2024, 10, 3), QTime(14, 5, 59)).toMSecsSinceEpoch();
  const qint64 sameYear = QDateTime(QDate(2024, 12, 1), QTime(9, 0)).toMSecsSinceEpoch();
  const qint64 nextYear = QDateTime(QDate(2025, 1, 2), QTime(9, 0)).toMSecsSinceEpoch();
  const QString text = formatDateTime(ms, sameYear, kDe);
  EXPECT_TRUE(text.endsWith(QStringLiteral(", 14:05"))) << text.toStdString();
  EXPECT_TRUE(text.startsWith(QStringLiteral("3. Okt"))) << text.toStdString();  // the German ordinal day
  EXPECT_EQ(formatShortDate(ms, sameYear, kEn), QStringLiteral("3 Oct"));
  EXPECT_EQ(formatShortDate(ms, nextYear, kEn), QStringLiteral("3 Oct 2024"));
}

}  // namespace
}  // namespace secap::field
