#pragma once
// Locale-aware number and date text for the field app (DESIGN.md §7 "numbers
// in the locale's format: a decimal comma in pl and de"), and the folding
// used by search. Pure functions over their arguments; thread-safe.

#include <QLocale>
#include <QString>
#include <optional>

namespace secap::field {

// Parses a number typed by a person. Accepts the locale's own format
// ("12 345,6" in pl, "12.345,6" in de, "12,345.6" in en) and, because phone
// keypads often offer only one of them, either '.' or ',' as the decimal
// separator when that reading is unambiguous. Spaces (also no-break and
// narrow no-break) are ignored. Returns nullopt for empty text, text that is
// not a plain decimal number, and non-finite values.
std::optional<double> parseLocaleNumber(const QString& text, const QLocale& locale = QLocale());

// The value with the locale's separators and at most `maxDecimals` decimals,
// trailing zeros removed: 12345.6 -> "12 345,6" in pl.
QString formatNumber(double value, const QLocale& locale = QLocale(), int maxDecimals = 3);

// An amount in whole euros with the locale's grouping and symbol place:
// "1 250 000 €" in pl and de, "€1,250,000" in en.
QString formatEuro(double value, const QLocale& locale = QLocale());
// "Mar 2025": planned dates of a measure.
QString formatMonthYear(qint64 ms, const QLocale& locale = QLocale());

// A short date for lists, "3 Oct"; the year is added when it is not the year
// of `nowMs`. Times are shown in the device's time zone.
QString formatShortDate(qint64 ms, qint64 nowMs, const QLocale& locale = QLocale());
// Hours and minutes in the locale's order, "14:05" or "2:05 PM".
QString formatTime(qint64 ms, const QLocale& locale = QLocale());
// Date and time, "3 Oct, 14:05" (with the year when it differs).
QString formatDateTime(qint64 ms, qint64 nowMs, const QLocale& locale = QLocale());

// Lowercase without diacritics, so "zyrakow" finds "Żyraków" and "palecznica"
// finds "Pałecznica".
QString foldForSearch(const QString& text);

}  // namespace secap::field
