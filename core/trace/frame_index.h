// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace m2mbench::trace {

enum class Transport { None, Tcp, Udp };
QString transportName(Transport t);

/// One direction of a transport conversation: who sent the bytes to whom.
struct Flow {
    QByteArray source;      ///< 4 (IPv4) or 16 (IPv6) octets, network order; empty = unknown
    QByteArray destination; ///< same length as source
    quint16 sourcePort = 0;
    quint16 destinationPort = 0;
    Transport transport = Transport::None;

    [[nodiscard]] bool isValid() const {
        return transport != Transport::None && !source.isEmpty() &&
               source.size() == destination.size();
    }
    /// The same conversation the other way: where a response to this flow's request travels.
    [[nodiscard]] Flow reversed() const {
        return {destination, source, destinationPort, sourcePort, transport};
    }
    /// "127.0.0.1:40312 -> 127.0.0.1:8080/tcp".
    [[nodiscard]] QString toString() const;
    /// Parses one side of toString ("127.0.0.1" or "::1") into octets; empty on failure.
    static QByteArray addressFromString(const QString &text);
    static QString addressToString(const QByteArray &octets);

    friend bool operator==(const Flow &a, const Flow &b) = default;
};

/// Where a trace event sits in a capture: the frames that carried its first and last bytes
/// (Wireshark shows a reassembled message in the last one) and the flow it travelled on.
struct FrameLink {
    qint64 firstFrame = -1; ///< 1-based, as Wireshark numbers frames
    qint64 lastFrame = -1;
    Flow flow;

    [[nodiscard]] bool isValid() const { return lastFrame > 0; }
    /// "12" or "10-12".
    [[nodiscard]] QString framesText() const;
};

/// The side index from trace events to capture frames. Events are immutable once appended, so
/// the links live here, keyed by event seq. Thread-safe: the capture thread writes while the
/// GUI and the report writers read.
class FrameIndex {
public:
    void set(quint64 seq, const FrameLink &link);
    [[nodiscard]] std::optional<FrameLink> find(quint64 seq) const;
    /// The frame Wireshark shows the event in, or -1.
    [[nodiscard]] qint64 frameOf(quint64 seq) const;
    [[nodiscard]] qsizetype size() const;
    /// The capture file the frames belong to (file name only, for display), when known.
    void setCaptureFile(const QString &name);
    [[nodiscard]] QString captureFile() const;

private:
    mutable QMutex m_mutex;
    QHash<quint64, FrameLink> m_links;
    QString m_captureFile;
};

} // namespace m2mbench::trace
