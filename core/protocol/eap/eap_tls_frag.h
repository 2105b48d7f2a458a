// SPDX-License-Identifier: Apache-2.0
#pragma once

// EAP-TLS framing (RFC 5216 section 3): the flags octet (L, M, S), the optional four-octet TLS
// Message Length, and the fragmentation and reassembly of TLS messages across EAP packets, with a
// hard bound on what a peer can make the bench hold.

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace m2mbench::eap {

namespace TlsFlag {
inline constexpr quint8 Length = 0x80; ///< L: TLS Message Length present
inline constexpr quint8 More = 0x40;   ///< M: more fragments follow
inline constexpr quint8 Start = 0x20;  ///< S: EAP-TLS start (server's first request)
} // namespace TlsFlag

/// The Type-Data of one EAP-TLS packet.
struct TlsFrame {
    quint8 flags = 0;
    std::optional<quint32> messageLength;
    QByteArray data;

    [[nodiscard]] bool more() const { return (flags & TlsFlag::More) != 0; }
    [[nodiscard]] bool start() const { return (flags & TlsFlag::Start) != 0; }
    /// An acknowledgement of a fragment (or of the server's last flight): no flags, no data.
    [[nodiscard]] bool isAck() const { return flags == 0 && data.isEmpty(); }

    [[nodiscard]] QByteArray encode() const;
    static TlsFrame ack() { return {}; }
};

/// Parses EAP-TLS Type-Data: the flags octet, four length octets when L is set, the data.
Result<TlsFrame> parseTlsFrame(const QByteArray &typeData);

/// "[L,M] 1024 of 2311 octets: ServerHello, Certificate" - cheap, for one-line summaries.
QString summarizeTlsData(const QByteArray &typeData);

/// Collects the fragments of one TLS message. Rejects what RFC 5216 forbids or what would exceed
/// `maxMessage`: data beyond the announced TLS Message Length, a length over the bound, a
/// fragment after the last.
class TlsReassembler {
public:
    enum class State { Empty, Partial, Complete };

    explicit TlsReassembler(qsizetype maxMessage)
        : m_max(maxMessage) {}

    /// Adds one frame. Returns the state afterwards; on Complete, take() yields the message.
    Result<State> add(const TlsFrame &frame);
    /// The reassembled message; resets to Empty.
    QByteArray take();
    void reset();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] qsizetype received() const { return m_buffer.size(); }

private:
    qsizetype m_max;
    State m_state = State::Empty;
    std::optional<quint32> m_expected;
    QByteArray m_buffer;
};

/// Cuts one outgoing TLS message into frames of at most `fragmentSize` data octets. The first
/// fragment of a fragmented message carries L (RFC 5216 section 2.1.5: it MUST); an unfragmented
/// message carries L only when `alwaysLength` is set.
class TlsFragmenter {
public:
    TlsFragmenter() = default;
    TlsFragmenter(QByteArray message, int fragmentSize, bool alwaysLength = false);

    [[nodiscard]] bool hasMore() const { return m_pos < m_message.size(); }
    [[nodiscard]] bool started() const { return m_pos > 0; }
    /// The next frame; call only while hasMore().
    TlsFrame next();
    [[nodiscard]] qsizetype total() const { return m_message.size(); }

private:
    QByteArray m_message;
    qsizetype m_pos = 0;
    int m_fragmentSize = 1024;
    bool m_alwaysLength = false;
};

} // namespace m2mbench::eap
