// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/udp_pcap.h"

#include "core/protocol/eap/wire.h"

#include <QSaveFile>

namespace m2mbench::pana {

namespace {

/// Little-endian, as the pcap file header is written here (the magic tells readers).
void le32(QByteArray &b, quint32 v) {
    for (int i = 0; i < 4; ++i) {
        b.append(static_cast<char>((v >> (8 * i)) & 0xff));
    }
}

void le16(QByteArray &b, quint32 v) {
    b.append(static_cast<char>(v & 0xff));
    b.append(static_cast<char>((v >> 8) & 0xff));
}

quint32 sum16(const QByteArray &b, quint32 sum = 0) {
    for (qsizetype i = 0; i + 1 < b.size(); i += 2) {
        sum += wire::u16(b, i);
    }
    if (b.size() % 2 != 0) {
        sum += quint32(quint8(b.back())) << 8;
    }
    return sum;
}

quint16 fold(quint32 sum) {
    while ((sum >> 16) != 0) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<quint16>(~sum & 0xffff);
}

QByteArray frame(const UdpDatagram &d, quint16 ipId) {
    QByteArray udp;
    wire::putU16(udp, d.sourcePort);
    wire::putU16(udp, d.destinationPort);
    wire::putU16(udp, static_cast<quint32>(8 + d.payload.size()));
    wire::putU16(udp, 0);
    udp.append(d.payload);
    QByteArray pseudo;
    wire::putU32(pseudo, d.source.toIPv4Address());
    wire::putU32(pseudo, d.destination.toIPv4Address());
    wire::putU16(pseudo, 17);
    wire::putU16(pseudo, static_cast<quint32>(udp.size()));
    quint16 udpSum = fold(sum16(udp, sum16(pseudo)));
    wire::setU16(udp, 6, udpSum == 0 ? 0xffff : udpSum);
    QByteArray ip;
    wire::putU8(ip, 0x45);
    wire::putU8(ip, 0);
    wire::putU16(ip, static_cast<quint32>(20 + udp.size()));
    wire::putU16(ip, ipId);
    wire::putU16(ip, 0x4000); // don't fragment
    wire::putU8(ip, 64);
    wire::putU8(ip, 17);
    wire::putU16(ip, 0);
    wire::putU32(ip, d.source.toIPv4Address());
    wire::putU32(ip, d.destination.toIPv4Address());
    wire::setU16(ip, 10, fold(sum16(ip)));
    QByteArray ethernet = QByteArray::fromHex("020000000002020000000001");
    wire::putU16(ethernet, 0x0800);
    return ethernet + ip + udp;
}

} // namespace

Result<QByteArray> pcapFile(const QList<UdpDatagram> &datagrams) {
    QByteArray out;
    le32(out, 0xa1b2c3d4); // microsecond timestamps
    le16(out, 2);
    le16(out, 4);
    le32(out, 0);
    le32(out, 0);
    le32(out, 65535);
    le32(out, 1); // LINKTYPE_ETHERNET
    quint16 id = 1;
    for (const UdpDatagram &d : datagrams) {
        if (d.source.protocol() != QAbstractSocket::IPv4Protocol ||
            d.destination.protocol() != QAbstractSocket::IPv4Protocol) {
            return fail(Error::Kind::Config,
                        QStringLiteral("pcap: only IPv4 endpoints are written, not %1 -> %2")
                            .arg(d.source.toString(), d.destination.toString()));
        }
        if (d.payload.size() > 65507) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("pcap: a %1-octet datagram does not fit UDP").arg(d.payload.size()));
        }
        const QByteArray f = frame(d, id++);
        const qint64 us = d.time.isValid() ? d.time.toMSecsSinceEpoch() * 1000 : 0;
        le32(out, static_cast<quint32>(us / 1000000));
        le32(out, static_cast<quint32>(us % 1000000));
        le32(out, static_cast<quint32>(f.size()));
        le32(out, static_cast<quint32>(f.size()));
        out.append(f);
    }
    return out;
}

Result<void> writePcap(const QString &path, const QList<UdpDatagram> &datagrams) {
    auto bytes = pcapFile(datagrams);
    if (!bytes) {
        return fail(bytes.error());
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(*bytes) != bytes->size() || !f.commit()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

} // namespace m2mbench::pana
