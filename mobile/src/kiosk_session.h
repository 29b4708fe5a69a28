#pragma once
// KioskSession: the wall tablet's gatekeeping (DESIGN.md §7 kiosk, §8): who
// may enter readings, idle return to the board, and the admin PIN that
// leaves kiosk mode.
//
// - Caretakers: the persons on this device with a kiosk PIN for one of its
//   sites (a kiosk pulls only those). A PIN is checked offline against the
//   synced argon2id hash with the shared code (kiosk_pin.h), off the UI
//   thread. Five wrong PINs in a row lock that person for five minutes; the
//   count and the lock are kept on the device, so a restart does not reset
//   them.
// - Idle: with `watchingInput`, every touch, click and key press anywhere in
//   the app restarts the idle timer; after `idleTimeoutMs` without one,
//   idle() is emitted and the board takes over (a half-typed reading is
//   dropped by its page; nothing is written).
// - Admin PIN: set once on the tablet (its argon2id hash kept in the device
//   state, never synced); leaving kiosk mode needs it.
//
// UI thread only; the clock is the store's (injectable in tests).

#include <QtQml/qqmlregistration.h>

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include "app_controller.h"

namespace secap::field {

class KioskSession : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(secap::field::AppController* app READ app WRITE setApp NOTIFY appChanged)
  // [{personId, name, siteIds (where the PIN works), lockedUntil (ms; 0
  // when not locked)}], by name.
  Q_PROPERTY(QVariantList caretakers READ caretakers NOTIFY caretakersChanged)
  Q_PROPERTY(int idleTimeoutMs READ idleTimeoutMs WRITE setIdleTimeoutMs NOTIFY idleTimeoutMsChanged)
  Q_PROPERTY(bool watchingInput READ watchingInput WRITE setWatchingInput NOTIFY watchingInputChanged)
  // A PIN is being checked (argon2id takes a moment).
  Q_PROPERTY(bool checking READ checking NOTIFY checkingChanged)
  Q_PROPERTY(bool hasAdminPin READ hasAdminPin NOTIFY adminPinChanged)

 public:
  static constexpr int kMaxPinFailures = 5;
  static constexpr qint64 kPinLockMs = 5 * 60 * 1000;

  explicit KioskSession(QObject* parent = nullptr);
  ~KioskSession() override;

  AppController* app() const { return m_app; }
  void setApp(AppController* app);
  QVariantList caretakers() const { return m_caretakers; }
  int idleTimeoutMs() const { return m_idle.interval(); }
  void setIdleTimeoutMs(int ms);
  bool watchingInput() const { return m_watching; }
  void setWatchingInput(bool watching);
  bool checking() const { return m_check.isRunning(); }
  bool hasAdminPin() const;

  // Checks a caretaker's PIN: pinAccepted, pinRefused (with the attempts
  // left before the lock), or personLocked (now or already).
  Q_INVOKABLE void checkPin(const QString& personId, const QString& pin);
  // Wrong PINs in a row so far, and the end of a lock (0: none).
  Q_INVOKABLE int failures(const QString& personId) const;
  Q_INVOKABLE qint64 lockedUntil(const QString& personId) const;
  // Sets the admin PIN (4 to 8 digits); false for another PIN or when it
  // could not be stored.
  Q_INVOKABLE bool setAdminPin(const QString& pin);
  // adminPinAccepted or adminPinRefused.
  Q_INVOKABLE void checkAdminPin(const QString& pin);
  // Restarts the idle timer (also done by any input while watchingInput).
  Q_INVOKABLE void touch();

 signals:
  void appChanged();
  void caretakersChanged();
  void idleTimeoutMsChanged();
  void watchingInputChanged();
  void checkingChanged();
  void adminPinChanged();
  void pinAccepted(const QString& personId);
  void pinRefused(const QString& personId, int attemptsLeft);
  void personLocked(const QString& personId, qint64 untilMs);
  void adminPinAccepted();
  void adminPinRefused();
  void idle();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Attempts {
    int failures = 0;
    qint64 lockedUntil = 0;
  };
  Attempts attemptsOf(const QString& personId) const;
  // Reads the caretakers from the store (on a data change or a lock), then
  // emits caretakersChanged; the board's bindings read the kept list.
  void reloadCaretakers();
  void saveAttempts(const QString& personId, const Attempts& a);
  void finishCheck();

  QPointer<AppController> m_app;
  QVariantList m_caretakers;
  QTimer m_idle;
  bool m_watching = false;
  // The check in flight: whose PIN (empty for the admin PIN) and its result.
  QFutureWatcher<bool> m_check;
  QString m_checkingPerson;
};

}  // namespace secap::field
