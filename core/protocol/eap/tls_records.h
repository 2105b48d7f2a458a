// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading TLS record headers (RFC 5246 section 6.2, RFC 8446 section 5.1) inside EAP-TLS data,
// for summaries and decoded trees. Never decrypts; stops at the first record that does not fit.

#include "core/trace/event.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace m2mbench::eap {

/// One TLS record found in a buffer: its content type, version, and for plaintext handshake
/// records the handshake message types it starts with; for plaintext alerts level and
/// description.
struct TlsRecordInfo {
    qsizetype offset = 0;
    quint8 contentType = 0;
    quint16 version = 0;
    quint16 length = 0;
    QList<quint8> handshakeTypes;
    int alertLevel = -1;
    int alertDescription = -1;
    bool complete = false; ///< the whole record lies inside the buffer
};

/// The records at the start of `data` (a whole TLS message or a first fragment). At most `max`.
QList<TlsRecordInfo> scanTlsRecords(const QByteArray &data, int max = 16);

QString tlsContentTypeName(quint8 type);
QString tlsHandshakeTypeName(quint8 type);
QString tlsAlertName(int description);
QString tlsVersionName(quint16 version);

/// "ClientHello", "ServerHello, Certificate, ServerKeyExchange", "Alert(fatal, unknown_ca)".
QString summarizeTlsRecords(const QByteArray &data);

/// Decoded fields of the records, offsets relative to `base`.
QList<trace::Field> describeTlsRecords(const QByteArray &data, qint32 base);

} // namespace m2mbench::eap
