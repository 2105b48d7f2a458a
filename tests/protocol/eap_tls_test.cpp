// SPDX-License-Identifier: Apache-2.0
// EAP-TLS peer and server in one process (hostap's eap_example shape): TLS 1.2 and 1.3,
// fragmentation both ways, certificates the other side must refuse, and the keys both derive.
#include "core/protocol/eap/eap_peer.h"
#include "core/protocol/eap/eap_server.h"
#include "core/protocol/eap/eap_tls.h"
#include "tests/protocol/boot_pki.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::eap;
using test::BootPki;

namespace {

struct EapSetup {
    int version = 0x0303;
    int peerFragment = 1024;
    int serverFragment = 1024;
    crypto::Credential deviceCredential = BootPki::get().device;
    crypto::Credential serverCredential = BootPki::get().msbf;
    QByteArray peerTrust = BootPki::get().ca.certificatePem;
    QByteArray serverTrust = BootPki::get().ca.certificatePem;
    QString expectedServer = BootPki::get().msbfName;
    QString refuseIdentity;
};

struct EapRun {
    EapServer::Status server = EapServer::Status::Running;
    EapPeer::Status peer = EapPeer::Status::Running;
    SecureBytes serverMsk, serverEmsk, peerMsk, peerEmsk;
    QString serverReason, peerReason;
    QString version;
    int rounds = 0;
    int maxPacket = 0;
};

std::shared_ptr<TlsContext> context(TlsRole role, const EapSetup &s) {
    TlsConfig c;
    c.role = role;
    c.minVersion = s.version;
    c.maxVersion = s.version;
    if (role == TlsRole::Server) {
        c.caPem = s.serverTrust;
        c.credential = s.serverCredential;
    } else {
        c.caPem = s.peerTrust;
        c.credential = s.deviceCredential;
        c.expectedServerName = s.expectedServer;
    }
    auto ctx = TlsContext::create(c);
    EXPECT_TRUE(ctx) << (ctx ? "" : ctx.error().message.toStdString());
    return ctx ? *ctx : nullptr;
}

EapRun runEapTls(const EapSetup &s) {
    auto serverCtx = context(TlsRole::Server, s);
    auto peerCtx = context(TlsRole::Client, s);
    EapServer server(
        [&](const QString &identity) -> Result<std::unique_ptr<ServerMethod>> {
            if (identity == s.refuseIdentity) {
                return fail(Error::Kind::Config, QStringLiteral("unknown identity ") + identity);
            }
            return std::make_unique<EapTlsServer>(serverCtx, EapTlsOptions{s.serverFragment});
        },
        7);
    EapPeer peer(BootPki::get().identity, {Type::Tls}, [&](quint8) {
        return std::make_unique<EapTlsPeer>(peerCtx, EapTlsOptions{s.peerFragment});
    });
    EapRun run;
    QByteArray toPeer = server.start().packet;
    for (int i = 0; i < 200 && server.status() == EapServer::Status::Running; ++i) {
        run.maxPacket = std::max<int>(run.maxPacket, static_cast<int>(toPeer.size()));
        const auto out = peer.receive(toPeer);
        if (!out.response) {
            break;
        }
        run.maxPacket = std::max<int>(run.maxPacket, static_cast<int>(out.response->size()));
        toPeer = server.receive(*out.response).packet;
        ++run.rounds;
    }
    peer.receive(toPeer); // Success or Failure
    run.server = server.status();
    run.peer = peer.status();
    run.serverMsk = server.msk();
    run.serverEmsk = server.emsk();
    run.peerMsk = peer.msk();
    run.peerEmsk = peer.emsk();
    run.serverReason = server.failureReason();
    run.peerReason = peer.failureReason();
    if (auto *m = dynamic_cast<EapTlsPeer *>(peer.method())) {
        run.version = m->summary().version;
    }
    return run;
}

} // namespace

TEST(EapTls, Tls12HandshakeGivesBothSidesTheSameMskAndEmsk) {
    const EapRun r = runEapTls(EapSetup{});

    EXPECT_EQ(r.server, EapServer::Status::Success) << r.serverReason.toStdString();
    EXPECT_EQ(r.peer, EapPeer::Status::Success) << r.peerReason.toStdString();
    EXPECT_EQ(r.version, QStringLiteral("TLS 1.2"));
    ASSERT_EQ(r.serverMsk.size(), 64u);
    ASSERT_EQ(r.serverEmsk.size(), 64u);
    EXPECT_TRUE(r.serverMsk.equals(r.peerMsk));
    EXPECT_TRUE(r.serverEmsk.equals(r.peerEmsk));
    EXPECT_FALSE(r.serverMsk.equals(r.serverEmsk));
}

TEST(EapTls, Tls13HandshakeEndsWithTheCommitmentMessage) {
    EapSetup s;
    s.version = 0x0304;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Success) << r.serverReason.toStdString();
    EXPECT_EQ(r.peer, EapPeer::Status::Success) << r.peerReason.toStdString();
    EXPECT_EQ(r.version, QStringLiteral("TLS 1.3"));
    EXPECT_TRUE(r.serverMsk.equals(r.peerMsk));
    EXPECT_TRUE(r.serverEmsk.equals(r.peerEmsk));
}

TEST(EapTls, SmallFragmentsBothWaysStillComplete) {
    EapSetup s;
    s.peerFragment = 64;
    s.serverFragment = 100;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Success) << r.serverReason.toStdString();
    EXPECT_EQ(r.peer, EapPeer::Status::Success);
    EXPECT_GT(r.rounds, 15);
    EXPECT_LE(r.maxPacket, 5 + 5 + 100);
    EXPECT_TRUE(r.serverMsk.equals(r.peerMsk));
}

TEST(EapTls, RsaCertificatesWorkToo) {
    const auto &rsa = BootPki::get(crypto::KeyAlgorithm::Rsa2048);
    EapSetup s;
    s.deviceCredential = rsa.device;
    s.serverCredential = rsa.msbf;
    s.peerTrust = rsa.ca.certificatePem;
    s.serverTrust = rsa.ca.certificatePem;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Success) << r.serverReason.toStdString();
    EXPECT_EQ(r.peer, EapPeer::Status::Success);
    EXPECT_TRUE(r.serverMsk.equals(r.peerMsk));
}

TEST(EapTls, ServerRefusesADeviceCertificateFromAnotherCa) {
    EapSetup s;
    s.deviceCredential = BootPki::get().rogueDevice;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Failure);
    EXPECT_EQ(r.peer, EapPeer::Status::Failure);
    EXPECT_TRUE(r.serverReason.contains(QLatin1String("certificate verification")))
        << r.serverReason.toStdString();
    EXPECT_TRUE(r.serverMsk.isEmpty());
    EXPECT_TRUE(r.peerMsk.isEmpty());
}

TEST(EapTls, PeerRefusesAServerCertificateFromAnotherCa) {
    EapSetup s;
    s.serverCredential = BootPki::get().rogueMsbf;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.peer, EapPeer::Status::Failure);
    EXPECT_EQ(r.server, EapServer::Status::Failure);
    EXPECT_TRUE(r.peerReason.contains(QLatin1String("certificate verification")))
        << r.peerReason.toStdString();
    EXPECT_TRUE(r.serverReason.contains(QLatin1String("alert"))) << r.serverReason.toStdString();
}

TEST(EapTls, PeerRefusesAServerWithAnotherName) {
    EapSetup s;
    s.expectedServer = QStringLiteral("other-msbf.m2mbench.test");

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.peer, EapPeer::Status::Failure);
    EXPECT_TRUE(r.peerReason.contains(QLatin1String("hostname mismatch")))
        << r.peerReason.toStdString();
}

TEST(EapTls, Tls13RejectedClientCertificateFailsAfterThePeerFinished) {
    EapSetup s;
    s.version = 0x0304;
    s.deviceCredential = BootPki::get().rogueDevice;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Failure);
    EXPECT_EQ(r.peer, EapPeer::Status::Failure) << "a TLS 1.3 peer must wait for the commitment";
    EXPECT_TRUE(r.peerMsk.isEmpty());
}

TEST(EapTls, UnknownIdentityIsRefusedBeforeTls) {
    EapSetup s;
    s.refuseIdentity = BootPki::get().identity;

    const EapRun r = runEapTls(s);

    EXPECT_EQ(r.server, EapServer::Status::Failure);
    EXPECT_EQ(r.peer, EapPeer::Status::Failure);
    EXPECT_TRUE(r.serverReason.contains(QLatin1String("unknown identity")));
    EXPECT_EQ(r.rounds, 1);
}
