#pragma once
// RowsModel<Row>: the shared core of the app's list models. It holds a
// vector of plain rows and replaces them in a way that keeps views calm: the
// same keys in the same order become dataChanged (the list keeps its scroll
// position after an idle sync); anything else is a model reset. Row needs a
// `key` member and operator==. UI thread only.

#include <QAbstractListModel>
#include <QVariantMap>
#include <algorithm>
#include <utility>
#include <vector>

namespace secap::field {

template <typename Row>
class RowsModel : public QAbstractListModel {
 public:
  using QAbstractListModel::QAbstractListModel;

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

  // The row's roles by name, for QML's get(row); empty when out of range.
  QVariantMap rowAsMap(int row) const {
    QVariantMap map;
    if (row < 0 || row >= rowCount()) return map;
    const QModelIndex idx = index(row, 0);
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
      map.insert(QString::fromLatin1(it.value()), data(idx, it.key()));
    }
    return map;
  }

  // Returns true when the number of rows changed.
  bool setRows(std::vector<Row> rows) {
    const bool sameKeys =
        rows.size() == m_rows.size() &&
        std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row& a, const Row& b) { return a.key == b.key; });
    if (!sameKeys) {
      const bool countChanged = rows.size() != m_rows.size();
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
    return false;
  }

  std::vector<Row> m_rows;
};

}  // namespace secap::field
