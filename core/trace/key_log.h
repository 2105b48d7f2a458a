// SPDX-License-Identifier: Apache-2.0
#pragma once

// TLS secrets in the NSS key log format (SSLKEYLOGFILE), as Wireshark reads them:
//     CLIENT_RANDOM <64 hex client random> <96 hex master secret>
//     CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random> <secret>   (TLS 1.3, and the others)
// A secret enters the run as a trace event (a key derivation record whose value is marked
// secret), so it is masked wherever keys are masked; the key log file and the decryption
// secrets block of a pcapng are built from those events.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/trace/trace.h"

#include <QFile>
#include <QMutex>

#include <functional>
#include <optional>

namespace m2mbench::trace {

/// One line of an NSS key log.
struct KeyLogLine {
    QByteArray label;        ///< "CLIENT_RANDOM", "SERVER_TRAFFIC_SECRET_0", ...
    QByteArray clientRandom; ///< 32 octets
    SecureBytes secret;
};

/// Parses "LABEL <hex> <hex>" (trailing newline allowed); the error says what is wrong.
Result<KeyLogLine> parseKeyLogLine(const QByteArray &line);
/// The line without its newline; exposes the secret (that is what a key log is for).
QByteArray formatKeyLogLine(const KeyLogLine &line);

/// Formula id of the key derivation records that carry key log lines.
inline constexpr char kKeyLogFormulaId[] = "nss-keylog";

/// A KeyDerivation event for `line`, from lifeline `source` ("D/GSCL", "NSCL", ...).
Event keyLogEvent(const KeyLogLine &line, const QString &source);
/// The key log line an event carries, if it is one of keyLogEvent's.
std::optional<KeyLogLine> keyLogLineOf(const Event &event);
/// Every key log line of `events` as an NSS key log, each line once (both ends of an embedded
/// session record it); `lines` gets their count. Empty when the run had no TLS or DTLS session.
QByteArray keyLogOf(const std::vector<Event> &events, int *lines = nullptr);

/// Writes the key log lines of a run to a file as they appear (owner-only, flushed per line, so
/// a crash keeps what was already negotiated), and also to $SSLKEYLOGFILE when that is set, as
/// every TLS tool does. Observe a Trace with it.
class KeyLogWriter : public TraceObserver {
public:
    /// `path` empty: keep the lines in memory only. The file is created at once (empty when the
    /// run has no TLS session) so that tools can always be pointed at it.
    explicit KeyLogWriter(QString path, bool honourEnvironment = true);
    ~KeyLogWriter() override;

    /// Call before observing; reports why the file cannot be written.
    Result<void> open();
    void onEvent(const Event &event) override;

    /// Every line so far, newline-terminated.
    [[nodiscard]] QByteArray contents() const;
    [[nodiscard]] int lineCount() const;
    [[nodiscard]] const QString &path() const { return m_path; }
    /// Called (on the appending thread) for each new line, e.g. to put it into a live pcapng.
    void setLineListener(std::function<void(const QByteArray &line)> listener);

private:
    void appendTo(QFile &file, const QByteArray &line);

    QString m_path;
    bool m_honourEnvironment;
    mutable QMutex m_mutex;
    QFile m_file;
    QFile m_envFile;
    QByteArray m_contents;
    int m_lines = 0;
    std::function<void(const QByteArray &)> m_listener;
};

} // namespace m2mbench::trace
