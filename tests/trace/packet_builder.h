// SPDX-License-Identifier: Apache-2.0
#pragma once

// Builds Ethernet/IPv4/IPv6 frames with TCP or UDP payloads, for tests and benchmarks that need
// captured-looking traffic without capturing.

#include <QByteArray>

#include <cstdint>

namespace m2mbench::test {

struct TcpFlow {
    QByteArray src = QByteArray::fromHex("7f000001");
    QByteArray dst = QByteArray::fromHex("7f000001");
    quint16 sport = 40000;
    quint16 dport = 8080;
};

inline void putBe16(QByteArray &out, quint16 v) {
    out.append(static_cast<char>(v >> 8));
    out.append(static_cast<char>(v & 0xff));
}

inline void putBe32(QByteArray &out, quint32 v) {
    putBe16(out, static_cast<quint16>(v >> 16));
    putBe16(out, static_cast<quint16>(v & 0xffff));
}

/// An IPv4 or IPv6 packet (by the address length) carrying `transport` with protocol `proto`.
inline QByteArray ipPacket(const QByteArray &src, const QByteArray &dst, quint8 proto,
                           const QByteArray &transport) {
    QByteArray ip;
    if (src.size() == 16) {
        putBe32(ip, 0x60000000);
        putBe16(ip, static_cast<quint16>(transport.size()));
        ip.append(static_cast<char>(proto));
        ip.append('\x40');
    } else {
        ip.append('\x45');
        ip.append('\0');
        putBe16(ip, static_cast<quint16>(20 + transport.size()));
        putBe32(ip, 0x00004000); // id 0, DF
        ip.append('\x40');
        ip.append(static_cast<char>(proto));
        putBe16(ip, 0);
    }
    return ip + src + dst + transport;
}

/// An Ethernet frame with a TCP segment (PSH|ACK, or the given flags).
inline QByteArray tcpFrame(const TcpFlow &f, quint32 seq, const QByteArray &payload,
                           quint8 flags = 0x18) {
    QByteArray tcp;
    putBe16(tcp, f.sport);
    putBe16(tcp, f.dport);
    putBe32(tcp, seq);
    putBe32(tcp, 1);
    tcp.append('\x50');
    tcp.append(static_cast<char>(flags));
    putBe16(tcp, 65535);
    putBe32(tcp, 0);
    tcp.append(payload);
    QByteArray eth(12, '\0');
    putBe16(eth, f.src.size() == 16 ? 0x86DD : 0x0800);
    return eth + ipPacket(f.src, f.dst, 6, tcp);
}

/// An Ethernet frame with a UDP datagram.
inline QByteArray udpFrame(const TcpFlow &f, const QByteArray &payload) {
    QByteArray udp;
    putBe16(udp, f.sport);
    putBe16(udp, f.dport);
    putBe16(udp, static_cast<quint16>(8 + payload.size()));
    putBe16(udp, 0);
    udp.append(payload);
    QByteArray eth(12, '\0');
    putBe16(eth, f.src.size() == 16 ? 0x86DD : 0x0800);
    return eth + ipPacket(f.src, f.dst, 17, udp);
}

inline TcpFlow reversed(const TcpFlow &f) {
    return TcpFlow{f.dst, f.src, f.dport, f.sport};
}

} // namespace m2mbench::test
