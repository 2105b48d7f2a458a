// SPDX-License-Identifier: Apache-2.0
#include "core/trace/capture_plan.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QRegularExpression>
#include <QUrl>

#include <pcap/pcap.h>

#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace m2mbench::trace {

namespace {

struct SchemeInfo {
    const char *scheme;
    quint16 port;
    Transport transport;
};

constexpr SchemeInfo kSchemes[] = {
    {"http", 80, Transport::Tcp},     {"https", 443, Transport::Tcp},
    {"coap", 5683, Transport::Udp},   {"coaps", 5684, Transport::Udp},
    {"pana", 716, Transport::Udp},    {"diameter", 3868, Transport::Tcp},
    {"radius", 1812, Transport::Udp},
};

QString resolve(const QString &host) {
    QHostAddress literal;
    if (literal.setAddress(host)) {
        return literal.toString();
    }
    const QHostInfo info = QHostInfo::fromName(host);
    for (const QHostAddress &a : info.addresses()) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol) {
            return a.toString();
        }
    }
    return info.addresses().isEmpty() ? QString() : info.addresses().first().toString();
}

// A connected UDP socket sends nothing: connect() only consults the routing table.
QString localAddressFacingHost(const QHostAddress &address) {
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return {};
    }
    sockaddr_storage peer{};
    socklen_t peerLen = 0;
    if (v6) {
        auto *sa = reinterpret_cast<sockaddr_in6 *>(&peer);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(9);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&sa->sin6_addr, ip.c, 16);
        peerLen = sizeof(sockaddr_in6);
    } else {
        auto *sa = reinterpret_cast<sockaddr_in *>(&peer);
        sa->sin_family = AF_INET;
        sa->sin_port = htons(9);
        sa->sin_addr.s_addr = htonl(address.toIPv4Address());
        peerLen = sizeof(sockaddr_in);
    }
    QString local;
    sockaddr_storage self{};
    socklen_t selfLen = sizeof(self);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&peer), peerLen) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&self), &selfLen) == 0) {
        local = QHostAddress(reinterpret_cast<sockaddr *>(&self)).toString();
    }
    ::close(fd);
    return local;
}

} // namespace

QString localAddressFacing(const QString &address) {
    const QHostAddress target(address);
    if (target.isNull()) {
        return {};
    }
    return target.isLoopback() ? target.toString() : localAddressFacingHost(target);
}

QList<CaptureEndpoint> endpointsFromTargets(const QString &targets) {
    static const QRegularExpression url(
        QStringLiteral(R"(\b([a-z][a-z0-9+.-]*)://(\[[0-9a-fA-F:.]+\]|[^\s/:;,\]]+)(?::(\d+))?)"));
    QList<CaptureEndpoint> out;
    for (auto it = url.globalMatch(targets); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString scheme = m.captured(1).toLower();
        const SchemeInfo *info = nullptr;
        for (const SchemeInfo &s : kSchemes) {
            if (scheme == QLatin1String(s.scheme)) {
                info = &s;
            }
        }
        if (!info) {
            continue;
        }
        CaptureEndpoint e;
        e.scheme = scheme;
        e.host = m.captured(2);
        if (e.host.startsWith(QLatin1Char('['))) {
            e.host = e.host.mid(1, e.host.size() - 2);
        }
        const uint port = m.captured(3).isEmpty() ? info->port : m.captured(3).toUInt();
        if (port == 0 || port > 65535) {
            continue;
        }
        e.port = static_cast<quint16>(port);
        e.transport = info->transport;
        e.address = resolve(e.host);
        if (!e.address.isEmpty() && !out.contains(e)) {
            out.append(e);
        }
    }
    return out;
}

QString captureFilterFor(const QList<CaptureEndpoint> &endpoints) {
    QStringList terms;
    for (const CaptureEndpoint &e : endpoints) {
        const QString term = QStringLiteral("(host %1 and %2 port %3)")
                                 .arg(e.address, transportName(e.transport))
                                 .arg(e.port);
        if (!terms.contains(term)) {
            terms.append(term);
        }
    }
    return terms.join(QStringLiteral(" or "));
}

Result<QString> interfaceFacing(const QString &address) {
    const QHostAddress target(address);
    if (target.isNull()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("'%1' is not an IP address to capture towards").arg(address));
    }
    const QString local = localAddressFacing(address);
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t *devices = nullptr;
    if (pcap_findalldevs(&devices, errbuf) != 0) {
        return fail(Error::Kind::Io, QStringLiteral("cannot list capture interfaces: %1")
                                         .arg(QString::fromLocal8Bit(errbuf)));
    }
    QString found;
    for (pcap_if_t *d = devices; d && found.isEmpty(); d = d->next) {
        if (target.isLoopback() && (d->flags & PCAP_IF_LOOPBACK)) {
            found = QString::fromLocal8Bit(d->name);
        }
        for (pcap_addr_t *a = d->addresses; a && found.isEmpty(); a = a->next) {
            if (a->addr && QHostAddress(a->addr).isEqual(QHostAddress(local),
                                                         QHostAddress::TolerantConversion)) {
                found = QString::fromLocal8Bit(d->name);
            }
        }
    }
    pcap_freealldevs(devices);
    if (found.isEmpty()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("no capture interface holds %1, the address facing %2; name one "
                                   "with --capture-interface")
                        .arg(local.isEmpty() ? QStringLiteral("(none)") : local, address));
    }
    return found;
}

} // namespace m2mbench::trace
