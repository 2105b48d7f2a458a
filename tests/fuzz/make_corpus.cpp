// SPDX-License-Identifier: Apache-2.0
// Writes the seed corpus of the fuzz targets: valid messages of each parser, taken from a real
// bootstrap between the bench's device and MSBF plus hand-built RADIUS and Diameter messages.
#include "core/nodes/msbf/bootstrap_params.h"
#include "core/protocol/diameter/m2m_application.h"
#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/eap_tls_frag.h"
#include "core/protocol/pana/pana_message.h"
#include "core/protocol/radius/radius_packet.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

using namespace m2mbench;

namespace {

void put(const QString &root, const QString &target, int n, const QByteArray &bytes) {
    QDir().mkpath(root + QLatin1Char('/') + target);
    QFile f(QStringLiteral("%1/%2/seed-%3").arg(root, target).arg(n));
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QString root = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("corpus");
    const QByteArray identity = eap::Packet::response(1, eap::Type::Identity, "dev@m2m").encode();
    eap::TlsFrame first;
    first.messageLength = 3000;
    first.flags = eap::TlsFlag::More;
    first.data = QByteArray::fromHex("16030100c0010000bc0303") + QByteArray(100, 'r');
    put(root, QStringLiteral("eap"), 0, identity);
    put(root, QStringLiteral("eap"), 1,
        eap::Packet::request(2, eap::Type::Tls, first.encode()).encode());
    put(root, QStringLiteral("eap"), 2, eap::Packet::success(3).encode());
    put(root, QStringLiteral("eap_tls"), 0,
        first.encode() + '\xff' + eap::TlsFrame::ack().encode());
    pana::Message par;
    par.type = pana::MessageType::Auth;
    par.flags = pana::Flag::Request | pana::Flag::Complete;
    par.sessionId = 7;
    par.seq = 9;
    par.avps = {pana::Avp::u32(pana::AvpCode::ResultCode, 0),
                pana::Avp::make(pana::AvpCode::EapPayload, identity),
                pana::Avp::vendor(13019, 1001, "<x/>")};
    put(root, QStringLiteral("pana"), 0, par.encode(20));
    radius::Packet access;
    access.add(radius::Attr::UserName, "dev@m2m");
    access.addEapMessage(identity);
    auto signedAccess = radius::finalizeRequest(access, "secret", QByteArray(16, '\x01'));
    put(root, QStringLiteral("radius"), 0, signedAccess.value_or(QByteArray()));
    const crypto::BootstrapProfile profile;
    diameter::KeyRecord record{QByteArray(16, 'n'), 1,
                               SecureBytes::fromByteArray(QByteArray(32, 'k')),
                               QDateTime::currentDateTimeUtc(), QStringLiteral("gscl")};
    put(root, QStringLiteral("diameter"), 0,
        diameter::keyProvisionRequest(
            profile, {QStringLiteral("msbf"), QStringLiteral("realm"), QStringLiteral("realm")},
            QStringLiteral("msbf;1;1"), record)
            .encode());
    nodes::BootstrapParams params{QByteArray(16, 'n'),
                                  1,
                                  QDateTime::currentDateTimeUtc(),
                                  QStringLiteral("mas"),
                                  QStringLiteral("gscl"),
                                  {QStringLiteral("nscl")}};
    put(root, QStringLiteral("bootstrap_params"), 0, nodes::bootstrapParamSetXml(params));
    return 0;
}
