// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/identity_scanner.h"

namespace m2mbench::tls {

namespace {

constexpr quint8 kChangeCipherSpec = 20;
constexpr quint8 kAlert = 21;
constexpr quint8 kHandshake = 22;
constexpr quint8 kClientKeyExchange = 16;
constexpr qsizetype kRecordHeader = 5;
constexpr qsizetype kMaxRecordPayload = 16384 + 2048; // RFC 5246 section 6.2.3
constexpr qsizetype kMaxHandshakeKept = 64 * 1024;

quint32 be(const QByteArray &b, qsizetype at, int n) {
    quint32 v = 0;
    for (int i = 0; i < n; ++i) {
        v = (v << 8) | static_cast<quint8>(b.at(at + i));
    }
    return v;
}

} // namespace

qsizetype IdentityScanner::recordLength(const QByteArray &data) {
    if (data.size() < kRecordHeader) {
        return 0;
    }
    const qsizetype payload = be(data, 3, 2);
    return payload > kMaxRecordPayload ? -1 : kRecordHeader + payload;
}

IdentityScanner::State IdentityScanner::invalid(QString why) {
    m_state = State::Invalid;
    m_error = std::move(why);
    m_handshake.clear();
    return m_state;
}

IdentityScanner::State IdentityScanner::addRecord(const QByteArray &record) {
    if (m_state != State::NeedMore) {
        return m_state;
    }
    if (record.size() < kRecordHeader || recordLength(record) != record.size()) {
        return invalid(QStringLiteral("not a TLS record"));
    }
    const auto type = static_cast<quint8>(record.at(0));
    if (static_cast<quint8>(record.at(1)) != 3) {
        return invalid(QStringLiteral("record version %1.%2 is not TLS")
                           .arg(static_cast<quint8>(record.at(1)))
                           .arg(static_cast<quint8>(record.at(2))));
    }
    if (type == kChangeCipherSpec) {
        // A ChangeCipherSpec before the ClientKeyExchange: nothing readable follows.
        m_encrypted = true;
        return invalid(QStringLiteral("ChangeCipherSpec before any ClientKeyExchange"));
    }
    if (type == kAlert) {
        return m_state; // OpenSSL will read and report it
    }
    if (type != kHandshake || m_encrypted) {
        return invalid(QStringLiteral("content type %1 during the handshake").arg(type));
    }
    m_handshake += record.mid(kRecordHeader);
    if (m_handshake.size() > kMaxHandshakeKept) {
        return invalid(QStringLiteral("more than %1 octets of handshake before a "
                                      "ClientKeyExchange")
                           .arg(kMaxHandshakeKept));
    }
    scanMessages();
    return m_state;
}

void IdentityScanner::scanMessages() {
    // Handshake messages: type (1), length (3), body; they may span records.
    while (m_state == State::NeedMore && m_handshake.size() >= 4) {
        const auto type = static_cast<quint8>(m_handshake.at(0));
        const qsizetype length = be(m_handshake, 1, 3);
        if (type == kClientKeyExchange && m_handshake.size() >= 6) {
            const qsizetype identityLength = be(m_handshake, 4, 2);
            if (identityLength + 2 > length) {
                invalid(QStringLiteral("ClientKeyExchange: identity length %1 exceeds the "
                                       "message (%2 octets)")
                            .arg(identityLength)
                            .arg(length));
                return;
            }
            if (m_handshake.size() < 6 + identityLength) {
                return; // the rest comes in the next record
            }
            m_identity = m_handshake.mid(6, identityLength);
            m_state = State::Found;
            m_handshake.clear();
            return;
        }
        if (m_handshake.size() < 4 + length) {
            return;
        }
        m_handshake.remove(0, 4 + length);
    }
}

} // namespace m2mbench::tls
