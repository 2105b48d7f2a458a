// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/tls_records.h"

#include "core/protocol/eap/wire.h"

#include <QStringList>

namespace m2mbench::eap {

namespace {

constexpr int kRecordHeader = 5;
constexpr quint8 kHandshake = 22;
constexpr quint8 kAlert = 21;

void scanHandshake(const QByteArray &data, qsizetype start, qsizetype end, TlsRecordInfo &info) {
    qsizetype at = start;
    while (at + 4 <= end && info.handshakeTypes.size() < 8) {
        info.handshakeTypes.append(wire::u8(data, at));
        at += 4 + wire::u24(data, at + 1);
    }
}

} // namespace

QList<TlsRecordInfo> scanTlsRecords(const QByteArray &data, int max) {
    QList<TlsRecordInfo> out;
    qsizetype at = 0;
    while (at + kRecordHeader <= data.size() && out.size() < max) {
        TlsRecordInfo info;
        info.offset = at;
        info.contentType = wire::u8(data, at);
        info.version = wire::u16(data, at + 1);
        info.length = wire::u16(data, at + 3);
        if (info.contentType < 20 || info.contentType > 24 || (info.version >> 8) != 3) {
            break; // not a record header: the middle of a fragmented message, or garbage
        }
        const qsizetype body = at + kRecordHeader;
        const qsizetype end = std::min<qsizetype>(body + info.length, data.size());
        info.complete = body + info.length <= data.size();
        if (info.contentType == kHandshake) {
            scanHandshake(data, body, end, info);
        } else if (info.contentType == kAlert && info.length == 2 && info.complete) {
            info.alertLevel = wire::u8(data, body);
            info.alertDescription = wire::u8(data, body + 1);
        }
        out.append(info);
        at = body + info.length;
    }
    return out;
}

QString tlsContentTypeName(quint8 type) {
    switch (type) {
    case 20: return QStringLiteral("ChangeCipherSpec");
    case 21: return QStringLiteral("Alert");
    case 22: return QStringLiteral("Handshake");
    case 23: return QStringLiteral("ApplicationData");
    case 24: return QStringLiteral("Heartbeat");
    default: break;
    }
    return QStringLiteral("ContentType %1").arg(type);
}

QString tlsHandshakeTypeName(quint8 type) {
    switch (type) {
    case 1: return QStringLiteral("ClientHello");
    case 2: return QStringLiteral("ServerHello");
    case 4: return QStringLiteral("NewSessionTicket");
    case 8: return QStringLiteral("EncryptedExtensions");
    case 11: return QStringLiteral("Certificate");
    case 12: return QStringLiteral("ServerKeyExchange");
    case 13: return QStringLiteral("CertificateRequest");
    case 14: return QStringLiteral("ServerHelloDone");
    case 15: return QStringLiteral("CertificateVerify");
    case 16: return QStringLiteral("ClientKeyExchange");
    case 20: return QStringLiteral("Finished");
    default: break;
    }
    // After ChangeCipherSpec the "handshake" octets are ciphertext: say so rather than guess.
    return QStringLiteral("EncryptedHandshake");
}

QString tlsAlertName(int description) {
    switch (description) {
    case 0: return QStringLiteral("close_notify");
    case 10: return QStringLiteral("unexpected_message");
    case 20: return QStringLiteral("bad_record_mac");
    case 40: return QStringLiteral("handshake_failure");
    case 42: return QStringLiteral("bad_certificate");
    case 43: return QStringLiteral("unsupported_certificate");
    case 44: return QStringLiteral("certificate_revoked");
    case 45: return QStringLiteral("certificate_expired");
    case 46: return QStringLiteral("certificate_unknown");
    case 47: return QStringLiteral("illegal_parameter");
    case 48: return QStringLiteral("unknown_ca");
    case 49: return QStringLiteral("access_denied");
    case 50: return QStringLiteral("decode_error");
    case 51: return QStringLiteral("decrypt_error");
    case 70: return QStringLiteral("protocol_version");
    case 80: return QStringLiteral("internal_error");
    case 109: return QStringLiteral("missing_extension");
    case 116: return QStringLiteral("certificate_required");
    default: break;
    }
    return QStringLiteral("alert %1").arg(description);
}

QString tlsVersionName(quint16 version) {
    switch (version) {
    case 0x0301: return QStringLiteral("TLS 1.0");
    case 0x0302: return QStringLiteral("TLS 1.1");
    case 0x0303: return QStringLiteral("TLS 1.2");
    case 0x0304: return QStringLiteral("TLS 1.3");
    default: break;
    }
    return QStringLiteral("0x%1").arg(version, 4, 16, QLatin1Char('0'));
}

QString summarizeTlsRecords(const QByteArray &data) {
    QStringList parts;
    bool encrypted = false;
    for (const TlsRecordInfo &r : scanTlsRecords(data)) {
        if (r.contentType == kHandshake && !encrypted) {
            for (quint8 t : r.handshakeTypes) {
                parts << tlsHandshakeTypeName(t);
            }
        } else if (r.alertDescription >= 0 && !encrypted) {
            parts << QStringLiteral("Alert(%1, %2)")
                         .arg(r.alertLevel == 2 ? QStringLiteral("fatal")
                                                : QStringLiteral("warning"),
                              tlsAlertName(r.alertDescription));
        } else {
            parts << tlsContentTypeName(r.contentType);
        }
        // In TLS 1.2 everything after ChangeCipherSpec is encrypted.
        encrypted = encrypted || r.contentType == 20;
    }
    parts.removeDuplicates();
    return parts.join(QStringLiteral(", "));
}

QList<trace::Field> describeTlsRecords(const QByteArray &data, qint32 base) {
    QList<trace::Field> out;
    bool encrypted = false;
    for (const TlsRecordInfo &r : scanTlsRecords(data, 64)) {
        trace::Field f(QStringLiteral("TLS record"),
                       QStringLiteral("%1, %2, %3 octets%4")
                           .arg(tlsContentTypeName(r.contentType), tlsVersionName(r.version))
                           .arg(r.length)
                           .arg(r.complete ? QString() : QStringLiteral(" (continues)")),
                       base + static_cast<qint32>(r.offset), 5 + r.length);
        if (r.contentType == kHandshake && !encrypted) {
            for (quint8 t : r.handshakeTypes) {
                f.children.append(
                    trace::Field(QStringLiteral("Handshake"), tlsHandshakeTypeName(t)));
            }
        }
        if (r.alertDescription >= 0 && !encrypted) {
            f.children.append(
                trace::Field(QStringLiteral("Alert"), QStringLiteral("level %1, %2")
                                                          .arg(r.alertLevel)
                                                          .arg(tlsAlertName(r.alertDescription))));
        }
        encrypted = encrypted || r.contentType == 20;
        out.append(f);
    }
    return out;
}

} // namespace m2mbench::eap
