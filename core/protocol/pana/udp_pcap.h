// SPDX-License-Identifier: Apache-2.0
#pragma once

// A classic pcap file (LINKTYPE_ETHERNET) of UDP datagrams the bench exchanged, rebuilt from the
// trace's raw payloads with synthetic Ethernet, IPv4 and UDP headers (correct lengths and
// checksums), so that Wireshark and tshark dissect PANA and RADIUS exactly as on the wire.

#include "core/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>

namespace m2mbench::pana {

struct UdpDatagram {
    QHostAddress source;
    quint16 sourcePort = 0;
    QHostAddress destination;
    quint16 destinationPort = 0;
    QByteArray payload;
    QDateTime time;
};

/// The file's bytes; IPv4 only (an IPv6 endpoint is an error naming it).
Result<QByteArray> pcapFile(const QList<UdpDatagram> &datagrams);
Result<void> writePcap(const QString &path, const QList<UdpDatagram> &datagrams);

} // namespace m2mbench::pana
