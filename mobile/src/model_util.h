#pragma once
// The shared core of the app's list models.
//
// AppListModel: what every list of the app has: the `app` it reads (it
// reloads when the app's data or enrollment change), `count`, and `get(row)`
// for QML. Each model says how it reloads.
//
// RowsModel<Row>: holds a vector of plain rows and replaces them in a way
// that keeps views calm: the same keys in the same order become dataChanged
// (the list keeps its scroll position after an idle sync); rows that came or
// went while the rest kept their order become inserts and removals; anything
// else is a model reset. Row needs a `key` member and operator==. UI thread
// only.

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVariantMap>
#include <algorithm>
#include <utility>
#include <vector>

#include "app_controller.h"

namespace secap::field {

class AppListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  using QAbstractListModel::QAbstractListModel;

  AppController* app() const { return m_app; }
  // Reads the app's data now, and again whenever it changes.
  void setApp(AppController* app) {
    if (m_app == app) return;
    if (m_app) disconnect(m_app, nullptr, this, nullptr);
    m_app = app;
    if (m_app) {
      connect(m_app, &AppController::dataChanged, this, &AppListModel::reload);
      connect(m_app, &AppController::enrolledChanged, this, &AppListModel::reload);
    }
    emit appChanged();
    reload();
  }
  int count() const { return rowCount(); }

  // The row's roles by name (for QML), empty when out of range.
  Q_INVOKABLE QVariantMap get(int row) const {
    QVariantMap map;
    if (row < 0 || row >= rowCount()) return map;
    const QModelIndex idx = index(row, 0);
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
      map.insert(QString::fromLatin1(it.value()), data(idx, it.key()));
    }
    return map;
  }
  Q_INVOKABLE virtual void reload() = 0;

 signals:
  void appChanged();
  void countChanged();

 protected:
  QPointer<AppController> m_app;
};

template <typename Row>
class RowsModel : public AppListModel {
 public:
  using AppListModel::AppListModel;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
  }

 protected:
  const Row* rowAt(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
      return nullptr;
    }
    return &m_rows[static_cast<size_t>(index.row())];
  }

  // Returns true when the number of rows changed.
  bool setRows(std::vector<Row> rows) {
    const bool sameKeys =
        rows.size() == m_rows.size() &&
        std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row& a, const Row& b) { return a.key == b.key; });
    const bool countChanged = rows.size() != m_rows.size();
    if (!sameKeys && !insertAndRemove(rows)) {
      beginResetModel();
      m_rows = std::move(rows);
      endResetModel();
      return countChanged;
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] == m_rows[i]) continue;
      m_rows[i] = std::move(rows[i]);
      const QModelIndex idx = index(static_cast<int>(i), 0);
      emit dataChanged(idx, idx);
    }
    return countChanged;
  }

  std::vector<Row> m_rows;

 private:
  // Rows that came or went while the others kept their order (a sync added
  // one, a fix removed one): removed and inserted as such, so a view keeps
  // its delegates and scroll position. False when the order changed; the
  // caller then resets.
  bool insertAndRemove(const std::vector<Row>& rows) {
    QSet<QString> newKeys;
    QSet<QString> oldKeys;
    for (const Row& r : rows) newKeys.insert(r.key);
    for (const Row& r : m_rows) oldKeys.insert(r.key);
    if (newKeys.size() != static_cast<qsizetype>(rows.size()) ||
        oldKeys.size() != static_cast<qsizetype>(m_rows.size()))
      return false;  // keys must be unique
    std::vector<QString> oldCommon;
    std::vector<QString> newCommon;
    for (const Row& r : m_rows)
      if (newKeys.contains(r.key)) oldCommon.push_back(r.key);
    for (const Row& r : rows)
      if (oldKeys.contains(r.key)) newCommon.push_back(r.key);
    if (oldCommon != newCommon) return false;
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
      if (newKeys.contains(m_rows[static_cast<size_t>(i)].key)) continue;
      beginRemoveRows(QModelIndex(), i, i);
      m_rows.erase(m_rows.begin() + i);
      endRemoveRows();
    }
    for (size_t j = 0; j < rows.size(); ++j) {
      if (j < m_rows.size() && m_rows[j].key == rows[j].key) continue;
      beginInsertRows(QModelIndex(), static_cast<int>(j), static_cast<int>(j));
      m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(j), rows[j]);
      endInsertRows();
    }
    return true;
  }
};

}  // namespace secap::field
