// SPDX-License-Identifier: Apache-2.0
#include "core/common/endpoint.h"

namespace m2mbench {

QString Endpoint::toString() const {
    if (host.contains(QLatin1Char(':'))) {
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    }
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

Result<Endpoint> Endpoint::parse(const QString &text, quint16 defaultPort) {
    Endpoint ep;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const auto close = text.indexOf(QLatin1Char(']'));
        if (close < 0) {
            return fail(Error::Kind::Config, QStringLiteral("'%1': missing ']'").arg(text));
        }
        ep.host = text.mid(1, close - 1);
        const QString rest = text.mid(close + 1);
        if (rest.startsWith(QLatin1Char(':'))) {
            portText = rest.mid(1);
        } else if (!rest.isEmpty()) {
            return fail(Error::Kind::Config, QStringLiteral("'%1': text after ']'").arg(text));
        }
    } else {
        const auto colon = text.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0) {
            ep.host = text.left(colon);
            portText = text.mid(colon + 1);
        } else {
            ep.host = text;
        }
    }
    if (ep.host.isEmpty()) {
        return fail(Error::Kind::Config, QStringLiteral("'%1': no host").arg(text));
    }
    if (portText.isEmpty()) {
        if (defaultPort == 0) {
            return fail(Error::Kind::Config, QStringLiteral("'%1': expected HOST:PORT").arg(text));
        }
        ep.port = defaultPort;
        return ep;
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535) {
        return fail(Error::Kind::Config,
                    QStringLiteral("'%1': port must be a number from 0 to 65535").arg(text));
    }
    ep.port = static_cast<quint16>(port);
    return ep;
}

} // namespace m2mbench
