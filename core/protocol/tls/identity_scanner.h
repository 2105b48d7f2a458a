// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reads the PSK identity out of a client's ClientKeyExchange (RFC 4279 section 2) before
// OpenSSL sees it, so that a server can look the key up asynchronously (at the MAS, over
// Diameter) and only then let the handshake go on. Works on whole TLS records as they arrive;
// bounded in what it keeps.

#include <QByteArray>
#include <QString>

#include <optional>

namespace m2mbench::tls {

class IdentityScanner {
public:
    enum class State {
        NeedMore, ///< no ClientKeyExchange yet
        Found,    ///< identity() holds it
        Invalid,  ///< the records are not TLS as expected (error() says why)
    };

    /// Offers one whole record (header and payload). Returns the state after it.
    State addRecord(const QByteArray &record);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const QByteArray &identity() const { return m_identity; }
    [[nodiscard]] const QString &error() const { return m_error; }

    /// Length of the whole record at the start of `data` (5-octet header plus payload), 0 when
    /// the header is not complete yet, -1 when the header is impossible (length > 2^14 + 2048).
    static qsizetype recordLength(const QByteArray &data);

private:
    State invalid(QString why);
    void scanMessages();

    State m_state = State::NeedMore;
    QByteArray m_handshake; ///< plaintext handshake bytes not yet parsed into messages
    QByteArray m_identity;
    QString m_error;
    bool m_encrypted = false; ///< a ChangeCipherSpec went by: what follows is not readable
};

} // namespace m2mbench::tls
