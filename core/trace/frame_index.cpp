// SPDX-License-Identifier: Apache-2.0
#include "core/trace/frame_index.h"

#include <QHostAddress>
#include <QMutexLocker>

namespace m2mbench::trace {

QString transportName(Transport t) {
    switch (t) {
    case Transport::Tcp: return QStringLiteral("tcp");
    case Transport::Udp: return QStringLiteral("udp");
    case Transport::None: break;
    }
    return QString();
}

QString Flow::addressToString(const QByteArray &octets) {
    if (octets.size() == 4) {
        const auto *p = reinterpret_cast<const uchar *>(octets.constData());
        return QHostAddress((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) |
                            quint32(p[3]))
            .toString();
    }
    if (octets.size() == 16) {
        return QHostAddress(reinterpret_cast<const quint8 *>(octets.constData())).toString();
    }
    return QString();
}

QByteArray Flow::addressFromString(const QString &text) {
    QHostAddress a;
    if (!a.setAddress(text)) {
        return {};
    }
    bool v4 = false;
    const quint32 ip4 = a.toIPv4Address(&v4);
    if (v4 && a.protocol() == QAbstractSocket::IPv4Protocol) {
        QByteArray out(4, '\0');
        for (int i = 0; i < 4; ++i) {
            out[i] = static_cast<char>((ip4 >> (24 - 8 * i)) & 0xff);
        }
        return out;
    }
    const Q_IPV6ADDR ip6 = a.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(ip6.c), 16);
}

QString Flow::toString() const {
    if (!isValid()) {
        return QString();
    }
    auto side = [](const QByteArray &addr, quint16 port) {
        const QString a = addressToString(addr);
        return (addr.size() == 16 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
            .arg(a)
            .arg(port);
    };
    return QStringLiteral("%1 -> %2/%3")
        .arg(side(source, sourcePort), side(destination, destinationPort),
             transportName(transport));
}

QString FrameLink::framesText() const {
    if (!isValid()) {
        return QString();
    }
    if (firstFrame > 0 && firstFrame != lastFrame) {
        return QStringLiteral("%1-%2").arg(firstFrame).arg(lastFrame);
    }
    return QString::number(lastFrame);
}

void FrameIndex::set(quint64 seq, const FrameLink &link) {
    QMutexLocker lock(&m_mutex);
    m_links.insert(seq, link);
}

std::optional<FrameLink> FrameIndex::find(quint64 seq) const {
    QMutexLocker lock(&m_mutex);
    const auto it = m_links.constFind(seq);
    if (it == m_links.constEnd()) {
        return std::nullopt;
    }
    return *it;
}

qint64 FrameIndex::frameOf(quint64 seq) const {
    const auto link = find(seq);
    return link ? link->lastFrame : -1;
}

qsizetype FrameIndex::size() const {
    QMutexLocker lock(&m_mutex);
    return m_links.size();
}

void FrameIndex::setCaptureFile(const QString &name) {
    QMutexLocker lock(&m_mutex);
    m_captureFile = name;
}

QString FrameIndex::captureFile() const {
    QMutexLocker lock(&m_mutex);
    return m_captureFile;
}

} // namespace m2mbench::trace
