// SPDX-License-Identifier: Apache-2.0
// TLS 1.2 PSK over memory BIOs and under HTTP: identities, the right key, a wrong key, an unknown
// identity, an identity of 1,000 octets, a key lookup that answers later, the key log.
#include "core/crypto/key_hierarchy.h"
#include "core/protocol/http/http_client.h"
#include "core/protocol/http/http_server.h"
#include "core/protocol/tls/identity_scanner.h"
#include "core/protocol/tls/psk_identity.h"
#include "core/protocol/tls/psk_session.h"
#include "core/protocol/tls/psk_stream.h"
#include "core/protocol/tls/service_connection.h"
#include "core/trace/key_log.h"
#include "core/trace/trace.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

#include <gtest/gtest.h>

#include <QTimer>

using namespace m2mbench;
using namespace m2mbench::tls;
using m2mbench::test::waitUntil;

namespace {

const QByteArray kNode = QByteArray::fromHex("00112233445566778899aabbccddeeff");

SecureBytes key(char fill) {
    return SecureBytes::fromByteArray(QByteArray(32, fill));
}

std::shared_ptr<PskContext> context(Role role, trace::Trace *trace = nullptr,
                                    const QString &ciphers = QLatin1String(kDefaultTlsCiphers)) {
    PskContextConfig c;
    c.role = role;
    c.cipherList = ciphers;
    c.keyLogTrace = trace;
    c.lifeline = role == Role::Server ? QStringLiteral("NSCL") : QStringLiteral("D/GSCL");
    auto made = PskContext::create(c);
    EXPECT_TRUE(made) << (made ? "" : made.error().message.toStdString());
    return made ? *made : nullptr;
}

/// Moves bytes between two sessions until neither has anything to say (bounded).
void shuttle(PskSession &client, PskSession &server) {
    for (int i = 0; i < 20; ++i) {
        const QByteArray c2s = client.takeOutput();
        const QByteArray s2c = server.takeOutput();
        if (c2s.isEmpty() && s2c.isEmpty()) {
            return;
        }
        if (!c2s.isEmpty()) {
            server.feed(c2s);
        }
        if (!s2c.isEmpty()) {
            client.feed(s2c);
        }
    }
}

PskSession::Resolver table(const QByteArray &identity, const SecureBytes &k) {
    return [identity, k](const QByteArray &offered, std::function<void(PskLookup)> answer) {
        answer(offered == identity ? PskLookup{k, {}}
                                   : PskLookup{{}, QStringLiteral("unknown M2M-Node-ID")});
    };
}

} // namespace

TEST(PskIdentity, FormatsAndParsesTheProfileForm) {
    const PskIdentity id{kNode, 7};

    const auto parsed = PskIdentity::parse(id.toText());

    EXPECT_EQ(id.toText(), QByteArray("00112233445566778899aabbccddeeff:7"));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, id);
}

TEST(PskIdentity, RefusesMalformedAndOversizedIdentities) {
    EXPECT_FALSE(PskIdentity::parse("0011:1"));
    EXPECT_FALSE(PskIdentity::parse("00112233445566778899aabbccddeeZZ:1"));
    EXPECT_FALSE(PskIdentity::parse("00112233445566778899aabbccddeeff:"));
    EXPECT_FALSE(PskIdentity::parse("00112233445566778899aabbccddeeff:4294967296"));
    const auto huge = PskIdentity::parse(QByteArray(1000, 'a'));
    ASSERT_FALSE(huge);
    EXPECT_TRUE(huge.error().message.contains(QLatin1String("1000 octets")));
}

TEST(PskContext, RefusesCipherListsWithoutPskSuites) {
    PskContextConfig c;
    c.cipherList = QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256");

    const auto made = PskContext::create(c);

    ASSERT_FALSE(made);
    EXPECT_TRUE(made.error().message.contains(QLatin1String("not a PSK suite")));
}

TEST(PskSession, HandshakesWithTheRightKeyAndCarriesData) {
    trace::Trace trace;
    trace::KeyLogWriter log(QString(), false);
    trace.addObserver(&log);
    PskSession client(context(Role::Client, &trace));
    PskSession server(context(Role::Server));
    const QByteArray identity = PskIdentity{kNode, 1}.toText();
    client.setClientCredentials(identity, key('k'));
    server.setResolver(table(identity, key('k')));

    ASSERT_TRUE(client.start());
    shuttle(client, server);
    ASSERT_TRUE(client.writePlain("GET / HTTP/1.1\r\n\r\n"));
    shuttle(client, server);

    EXPECT_TRUE(client.established());
    EXPECT_TRUE(server.established());
    EXPECT_EQ(server.takePlain(), QByteArray("GET / HTTP/1.1\r\n\r\n"));
    EXPECT_EQ(server.security().pskIdentity, identity);
    EXPECT_EQ(server.cipherName(), QStringLiteral("PSK-AES128-GCM-SHA256"));
    EXPECT_EQ(client.security().clientRandom, server.security().clientRandom);
    EXPECT_EQ(client.security().serverRandom.size(), 32);
    EXPECT_EQ(log.lineCount(), 1);
    EXPECT_TRUE(
        log.contents().startsWith("CLIENT_RANDOM " + client.security().clientRandom.toHex() + ' '));
    trace.removeObserver(&log);
}

/// What each end of the service connection does with its own profile once TLS-PSK (keyed by
/// Kmr) is up: derive Kmc from the session's randoms, and the NSCL's confirmation of it.
struct ConfirmationEnd {
    SecureBytes kmc;
    SecureBytes confirmation;
};

ConfirmationEnd confirmAt(const crypto::Profile &profile, const PskSession &session,
                          const SecureBytes &kmr, quint64 connectionId) {
    auto kmc =
        crypto::deriveKmc(profile, crypto::NamedKey{QStringLiteral("Kmr"), kmr, {}}, kNode, 3,
                          session.security().clientRandom, session.security().serverRandom);
    EXPECT_TRUE(kmc) << (kmc ? "" : kmc.error().message.toStdString());
    auto confirmation = kmc ? tls::kmcConfirmation(profile, kmc->output, connectionId)
                            : Result<SecureBytes>(SecureBytes());
    EXPECT_TRUE(confirmation);
    return {kmc ? kmc->output : SecureBytes(), confirmation.value_or(SecureBytes())};
}

TEST(ServiceConnection, BothEndsAgreeOnTheKmcConfirmationOfTheirProfile) {
    PskSession client(context(Role::Client));
    PskSession server(context(Role::Server));
    const QByteArray identity = PskIdentity{kNode, 1}.toText();
    client.setClientCredentials(identity, key('r'));
    server.setResolver(table(identity, key('r')));
    ASSERT_TRUE(client.start());
    shuttle(client, server);
    ASSERT_TRUE(client.established() && server.established());
    const auto builtin = crypto::Profile::builtin();
    ASSERT_TRUE(builtin);
    const auto lab = crypto::Profile::overlay(
        *builtin, R"({"serviceConnection": {"kmcConfirmLabel": "LAB-OK"}})",
        QStringLiteral("lab.json"));
    ASSERT_TRUE(lab) << lab.error().message.toStdString();
    const quint64 connectionId = 0x0102030405060708ULL;

    const ConfirmationEnd nsclDefault = confirmAt(*builtin, server, key('r'), connectionId);
    const ConfirmationEnd nodeDefault = confirmAt(*builtin, client, key('r'), connectionId);
    const ConfirmationEnd nsclLab = confirmAt(*lab, server, key('r'), connectionId);
    const ConfirmationEnd nodeLab = confirmAt(*lab, client, key('r'), connectionId);

    // The label changes the confirmation and nothing else: Kmc is the same under both profiles.
    EXPECT_TRUE(nsclLab.kmc.equals(nsclDefault.kmc));
    EXPECT_EQ(nsclLab.confirmation.size(), 32u);
    EXPECT_FALSE(nsclLab.confirmation.equals(nsclDefault.confirmation));
    // Ends with the same profile agree; a node left on the default does not confirm a lab NSCL.
    EXPECT_TRUE(nodeDefault.confirmation.equals(nsclDefault.confirmation));
    EXPECT_TRUE(nodeLab.confirmation.equals(nsclLab.confirmation));
    EXPECT_FALSE(nodeDefault.confirmation.equals(nsclLab.confirmation));
    // The profile-less form is the built-in profile's.
    auto plain = tls::kmcConfirmation(nsclDefault.kmc, connectionId);
    ASSERT_TRUE(plain);
    EXPECT_TRUE(plain->equals(nsclDefault.confirmation));
}

TEST(PskSession, AWrongKeyFailsOnBothSidesWithReasons) {
    PskSession client(context(Role::Client));
    PskSession server(context(Role::Server));
    const QByteArray identity = PskIdentity{kNode, 1}.toText();
    client.setClientCredentials(identity, key('x'));
    server.setResolver(table(identity, key('k')));

    client.start();
    shuttle(client, server);

    EXPECT_EQ(server.state(), PskSession::State::Failed);
    EXPECT_EQ(client.state(), PskSession::State::Failed);
    EXPECT_TRUE(server.failureReason().contains(QLatin1String("holds another key")))
        << server.failureReason().toStdString();
    EXPECT_TRUE(client.failureReason().contains(QLatin1String("keys differ")))
        << client.failureReason().toStdString();
}

TEST(PskSession, AnUnknownIdentityIsRefusedWithTheResolversReason) {
    PskSession client(context(Role::Client));
    PskSession server(context(Role::Server));
    client.setClientCredentials(PskIdentity{kNode, 9}.toText(), key('k'));
    server.setResolver(table(PskIdentity{kNode, 1}.toText(), key('k')));

    client.start();
    shuttle(client, server);

    EXPECT_EQ(server.alertSent(), 115);
    EXPECT_TRUE(server.failureReason().contains(QLatin1String("unknown M2M-Node-ID")));
    EXPECT_EQ(client.alertReceived(), 115);
}

TEST(PskSession, TheServerWaitsForAKeyThatIsFoundLater) {
    PskSession client(context(Role::Client));
    PskSession server(context(Role::Server));
    const QByteArray identity = PskIdentity{kNode, 1}.toText();
    client.setClientCredentials(identity, key('k'));
    std::function<void(PskLookup)> pending;
    QByteArray asked;
    server.setResolver([&](const QByteArray &offered, std::function<void(PskLookup)> answer) {
        asked = offered;
        pending = std::move(answer);
    });
    bool resumed = false;
    server.setResumeListener([&] { resumed = true; });

    client.start();
    shuttle(client, server);
    ASSERT_TRUE(server.waitingForKey());
    EXPECT_EQ(asked, identity);
    pending(PskLookup{key('k'), {}});
    shuttle(client, server);

    EXPECT_TRUE(resumed);
    EXPECT_TRUE(server.established());
    EXPECT_TRUE(client.established());
}

TEST(PskSession, AThousandOctetIdentityIsRefusedBeforeAnyLookup) {
    // OpenSSL's client will not send it, so the ClientKeyExchange is written by hand after a real
    // ClientHello and ServerHelloDone.
    PskSession client(context(Role::Client));
    PskSession server(context(Role::Server));
    client.setClientCredentials(PskIdentity{kNode, 1}.toText(), key('k'));
    bool asked = false;
    server.setResolver([&](const QByteArray &, std::function<void(PskLookup)> answer) {
        asked = true;
        answer({});
    });
    client.start();
    server.feed(client.takeOutput());
    ASSERT_FALSE(server.takeOutput().isEmpty()); // ServerHello ... ServerHelloDone
    const QByteArray identity(1000, 'i');
    QByteArray cke;
    cke += char(16);
    const int bodyLength = 2 + identity.size();
    cke += char(bodyLength >> 16) + QByteArray(1, char(bodyLength >> 8)) + char(bodyLength);
    cke += char(identity.size() >> 8);
    cke += char(identity.size() & 0xff);
    cke += identity;
    QByteArray record("\x16\x03\x03", 3);
    record += char(cke.size() >> 8);
    record += char(cke.size() & 0xff);
    record += cke;

    server.feed(record);

    EXPECT_FALSE(asked);
    EXPECT_EQ(server.state(), PskSession::State::Failed);
    EXPECT_TRUE(server.failureReason().contains(QLatin1String("1000 octets")))
        << server.failureReason().toStdString();
    EXPECT_FALSE(server.takeOutput().isEmpty()); // the fatal alert
}

TEST(IdentityScanner, FindsTheIdentityAcrossRecordsAndBoundsGarbage) {
    IdentityScanner scanner;
    QByteArray msg("\x10\x00\x00\x05\x00\x03", 6);
    msg += "abc";
    QByteArray first("\x16\x03\x03\x00\x04", 5);
    first += msg.left(4);
    QByteArray second("\x16\x03\x03\x00\x05", 5);
    second += msg.mid(4);

    EXPECT_EQ(scanner.addRecord(first), IdentityScanner::State::NeedMore);
    EXPECT_EQ(scanner.addRecord(second), IdentityScanner::State::Found);
    EXPECT_EQ(scanner.identity(), QByteArray("abc"));
    IdentityScanner garbage;
    EXPECT_EQ(garbage.addRecord(QByteArray("\x17\x03\x03\x00\x01x", 6)),
              IdentityScanner::State::Invalid);
    EXPECT_EQ(IdentityScanner::recordLength(QByteArray("\x16\x03\x03\xff\xff", 5)), -1);
}

TEST(PskStream, HttpOverTlsPskKeepsTheBoundedParserAndSeesTheIdentity) {
    const QByteArray identity = PskIdentity{kNode, 3}.toText();
    auto serverCtx = context(Role::Server);
    http::Server::Options options;
    options.wrap = [&](QTcpSocket *socket, QObject *parent) -> http::Stream * {
        return new PskStream(socket, serverCtx, table(identity, key('k')), parent);
    };
    QByteArray seenIdentity;
    http::Server server(
        [&](const http::Request &, const http::PeerInfo &peer) {
            seenIdentity = peer.security.pskIdentity;
            http::Response r;
            r.body = "hello";
            return r;
        },
        options);
    const auto port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    auto clientCtx = context(Role::Client);
    http::Client client(QStringLiteral("127.0.0.1"), *port);
    client.setStreamFactory([&](QObject *parent) -> http::Stream * {
        return new PskStream(clientCtx, identity, key('k'), parent);
    });
    http::Request req;
    req.method = "GET";
    req.target = "/m2m";
    std::vector<http::Exchange> done;

    for (int i = 0; i < 3; ++i) {
        client.send(req, 5000, [&](const http::Exchange &ex) { done.push_back(ex); });
    }
    ASSERT_TRUE(waitUntil([&] { return done.size() == 3; }, 10000));

    for (const auto &ex : done) {
        EXPECT_EQ(ex.outcome, http::Exchange::Outcome::Ok) << ex.detail.toStdString();
        EXPECT_EQ(ex.response.body, QByteArray("hello"));
    }
    EXPECT_EQ(seenIdentity, identity);
}

TEST(PskStream, AWrongKeyGivesTheClientAHandshakeFailureWithAReason) {
    const QByteArray identity = PskIdentity{kNode, 3}.toText();
    auto serverCtx = context(Role::Server);
    http::Server::Options options;
    options.wrap = [&](QTcpSocket *socket, QObject *parent) -> http::Stream * {
        return new PskStream(socket, serverCtx, table(identity, key('k')), parent);
    };
    http::Server server(
        [](const http::Request &, const http::PeerInfo &) { return http::Response(); }, options);
    const auto port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    auto clientCtx = context(Role::Client);
    http::Client client(QStringLiteral("127.0.0.1"), *port);
    client.setStreamFactory([&](QObject *parent) -> http::Stream * {
        return new PskStream(clientCtx, identity, key('w'), parent);
    });
    std::optional<http::Exchange> done;
    http::Request req;
    req.method = "GET";
    req.target = "/m2m";

    client.send(req, 5000, [&](const http::Exchange &ex) { done = ex; });
    ASSERT_TRUE(waitUntil([&] { return done.has_value(); }, 8000));

    EXPECT_EQ(done->outcome, http::Exchange::Outcome::HandshakeFailed);
    EXPECT_TRUE(done->detail.contains(QLatin1String("keys differ"))) << done->detail.toStdString();
}
