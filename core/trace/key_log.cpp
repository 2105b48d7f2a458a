// SPDX-License-Identifier: Apache-2.0
#include "core/trace/key_log.h"

#include "core/common/hex.h"

#include <QMutexLocker>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace m2mbench::trace {

namespace {

constexpr int kClientRandomLength = 32;
constexpr int kMaxSecretLength = 64; // TLS 1.3 with SHA-384: 48; room for what may come
constexpr int kMaxLabelLength = 64;

bool validLabel(const QByteArray &label) {
    if (label.isEmpty() || label.size() > kMaxLabelLength) {
        return false;
    }
    for (const char c : label) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

} // namespace

Result<KeyLogLine> parseKeyLogLine(const QByteArray &text) {
    const QList<QByteArray> parts = text.trimmed().split(' ');
    if (parts.size() != 3) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("a key log line has three fields (LABEL CLIENT_RANDOM SECRET), "
                                   "this one has %1")
                        .arg(parts.size()));
    }
    if (!validLabel(parts[0])) {
        return fail(Error::Kind::Parse, QStringLiteral("key log label '%1' is not valid")
                                            .arg(QString::fromLatin1(parts[0].left(80))));
    }
    auto random = fromHex(QString::fromLatin1(parts[1]));
    auto secret = fromHex(QString::fromLatin1(parts[2]));
    if (!random || random->size() != kClientRandomLength) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("key log client random must be 32 octets of hex"));
    }
    if (!secret || secret->isEmpty() || secret->size() > kMaxSecretLength) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("key log secret must be 1 to 64 octets of hex"));
    }
    KeyLogLine line{parts[0], *random, SecureBytes::fromByteArray(*secret)};
    secret->fill('\0');
    return line;
}

QByteArray formatKeyLogLine(const KeyLogLine &line) {
    return line.label + ' ' + line.clientRandom.toHex() + ' ' + line.secret.exposeBytes().toHex();
}

Event keyLogEvent(const KeyLogLine &line, const QString &source) {
    auto record = std::make_shared<KeyDerivation>();
    const QString randomHex = QString::fromLatin1(line.clientRandom.toHex());
    record->id = QStringLiteral("%1[%2]").arg(QString::fromLatin1(line.label), randomHex.left(16));
    record->name = QString::fromLatin1(line.label);
    record->formulaId = QLatin1String(kKeyLogFormulaId);
    record->formula = QStringLiteral("TLS secret reported by OpenSSL (NSS key log line)");
    record->inputs.append({QStringLiteral("client_random"),
                           SecureBytes::fromByteArray(line.clientRandom), false, false});
    record->output = line.secret;
    record->outputSecret = true;
    Event e;
    e.kind = EventKind::KeyDerivation;
    e.from = source;
    e.protocol = QStringLiteral("TLS");
    e.summary = QStringLiteral("TLS secret %1 for client random %2...")
                    .arg(record->name, randomHex.left(16));
    e.derivation = std::move(record);
    return e;
}

std::optional<KeyLogLine> keyLogLineOf(const Event &event) {
    if (event.kind != EventKind::KeyDerivation || !event.derivation ||
        event.derivation->formulaId != QLatin1String(kKeyLogFormulaId)) {
        return std::nullopt;
    }
    const KeyDerivation &d = *event.derivation;
    for (const DerivationInput &in : d.inputs) {
        if (in.name == u"client_random" && in.value.size() == kClientRandomLength &&
            !d.output.isEmpty() && validLabel(d.name.toLatin1())) {
            return KeyLogLine{d.name.toLatin1(), in.value.exposeBytes(), d.output};
        }
    }
    return std::nullopt;
}

KeyLogWriter::KeyLogWriter(QString path, bool honourEnvironment)
    : m_path(std::move(path))
    , m_honourEnvironment(honourEnvironment) {}

KeyLogWriter::~KeyLogWriter() = default;

namespace {

/// Opens `path` owner-only from the start (a key log decrypts everything it covers): the mode is
/// given to open(2) itself, so no umask dance affects other threads.
bool openPrivate(QFile &file, const QString &path, bool append) {
    const QByteArray native = path.toLocal8Bit();
    const int fd = ::open(native.constData(),
                          O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0600);
    if (fd < 0) {
        return false;
    }
    if (!append) {
        ::fchmod(fd, 0600); // an existing file keeps its mode on O_CREAT
    }
    return file.open(fd, QIODevice::WriteOnly | (append ? QIODevice::Append : QIODevice::NotOpen),
                     QFileDevice::AutoCloseHandle);
}

} // namespace

Result<void> KeyLogWriter::open() {
    QMutexLocker lock(&m_mutex);
    if (!m_path.isEmpty() && !openPrivate(m_file, m_path, false)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot create the key log %1: %2")
                        .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    const QString env = m_honourEnvironment ? qEnvironmentVariable("SSLKEYLOGFILE") : QString();
    if (!env.isEmpty() && env != m_path) {
        openPrivate(m_envFile, env, true); // best effort, as in NSS
    }
    return {};
}

void KeyLogWriter::onEvent(const Event &event) {
    const auto line = keyLogLineOf(event);
    if (!line) {
        return;
    }
    QByteArray text = formatKeyLogLine(*line) + '\n';
    std::function<void(const QByteArray &)> listener;
    {
        QMutexLocker lock(&m_mutex);
        m_contents += text;
        ++m_lines;
        appendTo(m_file, text);
        appendTo(m_envFile, text);
        listener = m_listener;
    }
    if (listener) {
        listener(text);
    }
    text.fill('\0');
}

void KeyLogWriter::appendTo(QFile &file, const QByteArray &line) {
    if (file.isOpen()) {
        file.write(line);
        file.flush();
    }
}

QByteArray KeyLogWriter::contents() const {
    QMutexLocker lock(&m_mutex);
    return m_contents;
}

int KeyLogWriter::lineCount() const {
    QMutexLocker lock(&m_mutex);
    return m_lines;
}

void KeyLogWriter::setLineListener(std::function<void(const QByteArray &)> listener) {
    QMutexLocker lock(&m_mutex);
    m_listener = std::move(listener);
}

QByteArray keyLogOf(const std::vector<Event> &events, int *lines) {
    QByteArray out;
    int count = 0;
    for (const Event &e : events) {
        if (const auto line = keyLogLineOf(e)) {
            const QByteArray text = formatKeyLogLine(*line) + '\n';
            if (!out.contains(text)) {
                out += text;
                ++count;
            }
        }
    }
    if (lines) {
        *lines = count;
    }
    return out;
}

} // namespace m2mbench::trace
