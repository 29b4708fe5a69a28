#include "kiosk_session.h"

#include <QCoreApplication>
#include <QEvent>
#include <QtConcurrent/QtConcurrentRun>
#include <set>

#include "secap/core/kiosk_pin.h"

namespace secap::field {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

constexpr const char* kAdminPinKey = "kiosk_admin_pin_hash";

std::string attemptsKey(const QString& personId) { return "kiosk_pin_attempts:" + personId.toStdString(); }

}  // namespace

KioskSession::KioskSession(QObject* parent) : QObject(parent) {
  m_idle.setSingleShot(true);
  m_idle.setInterval(60'000);
  connect(&m_idle, &QTimer::timeout, this, &KioskSession::idle);
  connect(&m_check, &QFutureWatcherBase::finished, this, &KioskSession::finishCheck);
}

KioskSession::~KioskSession() {
  setWatchingInput(false);
  m_check.waitForFinished();
}

void KioskSession::setApp(AppController* app) {
  if (m_app == app) return;
  if (m_app) disconnect(m_app, nullptr, this, nullptr);
  m_app = app;
  if (m_app) connect(m_app, &AppController::dataChanged, this, &KioskSession::reloadCaretakers);
  emit appChanged();
  reloadCaretakers();
  emit adminPinChanged();
}

void KioskSession::reloadCaretakers() {
  QVariantList out;
  if (!m_app) {
    m_caretakers = out;
    emit caretakersChanged();
    return;
  }
  auto& store = m_app->store();
  // This tablet's sites: a kiosk holds only its own.
  std::set<std::string> sites;
  for (const auto& municipality : store.municipalities())
    for (const auto& site : store.sites(municipality.id())) sites.insert(site.id());
  const qint64 now = m_app->nowMs();
  for (const auto& p : store.persons()) {
    if (p.kiosk_pin_hash().empty()) continue;
    const bool here = std::any_of(p.kiosk_site_ids().begin(), p.kiosk_site_ids().end(),
                                  [&](const std::string& s) { return sites.count(s) > 0; });
    if (!here) continue;
    const Attempts a = attemptsOf(qs(p.id()));
    QStringList personSites;
    for (const auto& s : p.kiosk_site_ids()) personSites << qs(s);
    out.append(QVariantMap{{QStringLiteral("personId"), qs(p.id())},
                           {QStringLiteral("name"), qs(p.display_name())},
                           {QStringLiteral("siteIds"), personSites},
                           {QStringLiteral("lockedUntil"), a.lockedUntil > now ? a.lockedUntil : 0}});
  }
  m_caretakers = out;
  emit caretakersChanged();
}

void KioskSession::setIdleTimeoutMs(int ms) {
  if (ms <= 0 || ms == m_idle.interval()) return;
  m_idle.setInterval(ms);
  if (m_watching) m_idle.start();
  emit idleTimeoutMsChanged();
}

void KioskSession::setWatchingInput(bool watching) {
  if (watching == m_watching) return;
  m_watching = watching;
  if (QCoreApplication* app = QCoreApplication::instance()) {
    if (watching)
      app->installEventFilter(this);
    else
      app->removeEventFilter(this);
  }
  if (watching)
    m_idle.start();
  else
    m_idle.stop();
  emit watchingInputChanged();
}

bool KioskSession::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::KeyPress:
    case QEvent::Wheel:
      m_idle.start();
      break;
    default:
      break;
  }
  return QObject::eventFilter(watched, event);
}

void KioskSession::touch() {
  if (m_watching) m_idle.start();
}

KioskSession::Attempts KioskSession::attemptsOf(const QString& personId) const {
  Attempts a;
  if (!m_app) return a;
  const auto value = m_app->store().state(attemptsKey(personId));
  if (!value) return a;
  const QStringList parts = qs(*value).split(QLatin1Char(':'));
  if (parts.size() == 2) {
    a.failures = parts[0].toInt();
    a.lockedUntil = parts[1].toLongLong();
  }
  return a;
}

void KioskSession::saveAttempts(const QString& personId, const Attempts& a) {
  if (!m_app) return;
  const auto st =
      m_app->store().setState(attemptsKey(personId), std::to_string(a.failures) + ":" + std::to_string(a.lockedUntil));
  if (!st.isOk()) qWarning("kiosk: PIN attempts not stored: %s", st.toString().c_str());
}

int KioskSession::failures(const QString& personId) const { return attemptsOf(personId).failures; }

qint64 KioskSession::lockedUntil(const QString& personId) const {
  const Attempts a = attemptsOf(personId);
  return m_app && a.lockedUntil > m_app->nowMs() ? a.lockedUntil : 0;
}

void KioskSession::checkPin(const QString& personId, const QString& pin) {
  if (!m_app || m_check.isRunning()) return;
  Attempts a = attemptsOf(personId);
  const qint64 now = m_app->nowMs();
  if (a.lockedUntil > now) {
    emit personLocked(personId, a.lockedUntil);
    return;
  }
  if (a.lockedUntil != 0) {  // the lock is over: a fresh start, and the board says so
    a = {};
    saveAttempts(personId, a);
    reloadCaretakers();
  }
  std::string hash;
  for (const auto& p : m_app->store().persons())
    if (qs(p.id()) == personId) hash = p.kiosk_pin_hash();
  m_checkingPerson = personId;
  const std::string typed = pin.toStdString();
  m_check.setFuture(QtConcurrent::run([hash, typed] { return core::verifyKioskPin(hash, typed); }));
  emit checkingChanged();
}

void KioskSession::finishCheck() {
  const bool ok = m_check.result();
  const QString personId = std::exchange(m_checkingPerson, QString());
  emit checkingChanged();
  if (personId.isEmpty()) {  // the admin PIN
    if (ok)
      emit adminPinAccepted();
    else
      emit adminPinRefused();
    return;
  }
  Attempts a = attemptsOf(personId);
  if (ok) {
    if (a.failures != 0 || a.lockedUntil != 0) saveAttempts(personId, {});
    emit pinAccepted(personId);
    return;
  }
  ++a.failures;
  if (a.failures >= kMaxPinFailures) {
    a.lockedUntil = m_app->nowMs() + kPinLockMs;
    saveAttempts(personId, a);
    reloadCaretakers();
    emit personLocked(personId, a.lockedUntil);
    return;
  }
  saveAttempts(personId, a);
  emit pinRefused(personId, kMaxPinFailures - a.failures);
}

bool KioskSession::hasAdminPin() const { return m_app && m_app->store().state(kAdminPinKey).value_or("").size() > 0; }

bool KioskSession::setAdminPin(const QString& pin) {
  if (!m_app) return false;
  auto hash = core::hashKioskPin(pin.toStdString());
  if (!hash.isOk()) return false;
  if (!m_app->store().setState(kAdminPinKey, *hash).isOk()) return false;
  emit adminPinChanged();
  return true;
}

void KioskSession::checkAdminPin(const QString& pin) {
  if (!m_app || m_check.isRunning()) return;
  const std::string hash = m_app->store().state(kAdminPinKey).value_or("");
  m_checkingPerson.clear();
  const std::string typed = pin.toStdString();
  m_check.setFuture(QtConcurrent::run([hash, typed] { return core::verifyKioskPin(hash, typed); }));
  emit checkingChanged();
}

}  // namespace secap::field
