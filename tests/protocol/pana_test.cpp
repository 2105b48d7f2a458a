// SPDX-License-Identifier: Apache-2.0
// PANA (RFC 5191): the codec, PANA_AUTH_KEY and AUTH against an independent HMAC, and the PaC and
// PAA state machines back to back: bootstrap, ping, re-authentication, termination,
// retransmission, duplicates, replays, corrupted AUTH and peers that stall.
#include "core/protocol/eap/wire.h"
#include "core/protocol/pana/pana_keys.h"
#include "tests/protocol/pana_harness.h"
#include "tests/support/printers.h"

#include <QMessageAuthenticationCode>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::pana;
using test::PanaPair;

namespace {

QByteArray qtHmac(QCryptographicHash::Algorithm algorithm, const QByteArray &key,
                  const QByteArray &data) {
    return QMessageAuthenticationCode::hash(data, key, algorithm);
}

bool bothAuthenticated(PanaPair &p) {
    return p.pac().outcome().kind == PacOutcome::Kind::Authenticated &&
           p.paa().outcome().kind == PaaOutcome::Kind::Authenticated;
}

} // namespace

TEST(PanaCodec, RoundTripsHeaderAndAvpsWithPadding) {
    Message m;
    m.type = MessageType::Auth;
    m.flags = Flag::Request | Flag::Start;
    m.sessionId = 0x01020304;
    m.seq = 77;
    m.avps = {Avp::u32(AvpCode::PrfAlgorithm, Prf::HmacSha1), Avp::make(AvpCode::Nonce, "abcde"),
              Avp::vendor(13019, 1, "<x/>")};

    const QByteArray bytes = m.encode();
    auto back = parseMessage(bytes);

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_EQ(bytes.size() % 4, 0);
    EXPECT_EQ(wire::u16(bytes, 2), bytes.size());
    EXPECT_EQ(back->seq, 77u);
    EXPECT_EQ(back->sessionId, 0x01020304u);
    EXPECT_TRUE(back->has(Flag::Start));
    ASSERT_EQ(back->avps.size(), 3);
    EXPECT_EQ(back->avps[1].value, QByteArray("abcde"));
    EXPECT_EQ(back->find(1, 13019)->value, QByteArray("<x/>"));
    EXPECT_EQ(summarize(*back).left(6), QStringLiteral("PAR[S]"));
}

TEST(PanaCodec, RejectsTruncatedOversizedAndInconsistentMessages) {
    Message m;
    m.avps = {Avp::make(AvpCode::EapPayload, QByteArray(40, 'x'))};
    const QByteArray good = m.encode();

    EXPECT_FALSE(parseMessage(good.left(10)));              // shorter than the header
    EXPECT_FALSE(parseMessage(good.left(good.size() - 4))); // length field says more
    EXPECT_FALSE(parseMessage(good + QByteArray(4, '\0'))); // datagram holds more
    EXPECT_FALSE(parseMessage(QByteArray(9000, '\0')));     // over the limit
    QByteArray lying = good;
    wire::setU16(lying, kHeaderLength + 4, 4000); // AVP beyond the message
    auto e = parseMessage(lying);
    ASSERT_FALSE(e);
    EXPECT_TRUE(e.error().message.contains(QLatin1String("beyond the message")));
    QByteArray badType = good;
    wire::setU16(badType, 6, 99);
    EXPECT_FALSE(parseMessage(badType));
    Limits few;
    few.maxAvps = 0;
    EXPECT_FALSE(parseMessage(good, few));
}

TEST(PanaKeys, PrfPlusMatchesAnIndependentHmac) {
    const SecureBytes key = SecureBytes::fromByteArray(QByteArray(64, '\x0b'));
    const QByteArray seed("IETF PANA seed");

    auto sha1 = prfPlus(Prf::HmacSha1, key, seed, 45);
    auto sha256 = prfPlus(Prf::HmacSha2_256, key, seed, 32);

    ASSERT_TRUE(sha1 && sha256);
    const QByteArray k = key.exposeBytes();
    const QByteArray t1 = qtHmac(QCryptographicHash::Sha1, k, seed + '\x01');
    const QByteArray t2 = qtHmac(QCryptographicHash::Sha1, k, t1 + seed + '\x02');
    const QByteArray t3 = qtHmac(QCryptographicHash::Sha1, k, t2 + seed + '\x03');
    EXPECT_EQ(sha1->exposeBytes(), (t1 + t2 + t3).left(45));
    EXPECT_EQ(sha256->exposeBytes(), qtHmac(QCryptographicHash::Sha256, k, seed + '\x01'));
}

TEST(PanaKeys, AuthKeyAndAuthValueFollowRfc5191Section5_3) {
    const crypto::NamedKey msk{
        QStringLiteral("MSK"), SecureBytes::fromByteArray(QByteArray(64, 'm')), {}};
    const AuthKeyInputs in{QByteArray("I_PAR"), QByteArray("I_PAN"), QByteArray(20, 'c'),
                           QByteArray(20, 'a'), 1};

    auto record = derivePanaAuthKey(Prf::HmacSha1, Integrity::HmacSha1_160, msk, in);
    ASSERT_TRUE(record);
    const QByteArray seed = QByteArray("IETF PANA") + "I_PAR" + "I_PAN" + QByteArray(20, 'c') +
                            QByteArray(20, 'a') + QByteArray::fromHex("00000001");
    const QByteArray expectedKey =
        qtHmac(QCryptographicHash::Sha1, QByteArray(64, 'm'), seed + '\x01');
    EXPECT_EQ(record->output.exposeBytes(), expectedKey);
    EXPECT_EQ(record->formulaId, QStringLiteral("pana_prf_plus"));

    Message m;
    m.type = MessageType::Notification;
    m.flags = Flag::Request | Flag::Ping;
    auto signedBytes = encodeSigned(m, Integrity::HmacSha1_160, record->output);
    ASSERT_TRUE(signedBytes);
    QByteArray zeroed = *signedBytes;
    zeroed.replace(zeroed.size() - 20, 20, QByteArray(20, '\0'));
    EXPECT_EQ(signedBytes->right(20), qtHmac(QCryptographicHash::Sha1, expectedKey, zeroed));
    auto parsed = parseMessage(*signedBytes);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(verifyAuth(*signedBytes, *parsed, Integrity::HmacSha1_160, record->output),
              AuthCheck::Valid);
    QByteArray flipped = *signedBytes;
    flipped[4] = static_cast<char>(flipped[4] ^ 0x04); // the I flag: a covered header bit
    auto tampered = parseMessage(flipped);
    ASSERT_TRUE(tampered);
    EXPECT_EQ(verifyAuth(flipped, *tampered, Integrity::HmacSha1_160, record->output),
              AuthCheck::Invalid);
}

TEST(PanaSessions, BootstrapAuthenticatesBothSidesWithTheSameKey) {
    PanaPair p;
    p.extraAvps = {Avp::vendor(13019, 1, "<bootstrapParamSet/>")};

    p.startWithPci();

    ASSERT_TRUE(bothAuthenticated(p)) << p.notes().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(p.pac().keyId(), p.paa().keyId());
    EXPECT_EQ(p.pac().outcome().finalAuth, AuthCheck::Valid);
    ASSERT_EQ(p.pac().outcome().vendorAvps.size(), 1);
    EXPECT_EQ(p.pac().outcome().vendorAvps[0].value, QByteArray("<bootstrapParamSet/>"));
    EXPECT_EQ(p.pac().outcome().sessionLifetime, 3600u);
    EXPECT_EQ(p.pac().retransmissions() + p.paa().retransmissions(), 0);
    EXPECT_EQ(p.pac().discardedMessages() + p.paa().discardedMessages(), 0);
}

TEST(PanaSessions, PingAndTerminationAreProtectedByAuth) {
    PanaPair p;
    p.bootstrap();
    ASSERT_TRUE(bothAuthenticated(p));

    EXPECT_TRUE(p.pac().ping());
    p.pump();
    EXPECT_TRUE(p.paa().ping());
    p.pump();
    EXPECT_TRUE(p.pac().terminate());
    p.pump();

    EXPECT_EQ(p.pac().outcome().pingsAnswered, 1);
    EXPECT_EQ(p.paa().outcome().pingsAnswered, 1);
    EXPECT_EQ(p.pac().outcome().kind, PacOutcome::Kind::Terminated);
    EXPECT_EQ(p.paa().outcome().kind, PaaOutcome::Kind::Terminated);
    EXPECT_EQ(p.paa().outcome().terminationCause, TerminationCause::Logout);
}

TEST(PanaSessions, ReauthenticationByEitherSideGivesANewKeyId) {
    PanaPair p;
    p.bootstrap();
    ASSERT_TRUE(bothAuthenticated(p));

    EXPECT_TRUE(p.pac().reauthenticate());
    p.pump();
    const quint32 second = p.pac().keyId();
    EXPECT_TRUE(p.paa().reauthenticate());
    p.pump();

    EXPECT_EQ(second, 2u);
    EXPECT_EQ(p.pac().keyId(), 3u);
    EXPECT_EQ(p.paa().keyId(), 3u);
    EXPECT_EQ(p.pac().outcome().authentications, 3);
    EXPECT_EQ(p.paa().outcome().authentications, 3);
    EXPECT_TRUE(p.pac().ping());
    p.pump();
    EXPECT_EQ(p.pac().outcome().pingsAnswered, 1);
}

TEST(PanaSessions, ALostParIsRetransmittedWithTheSameBytes) {
    PanaPair p;
    p.pac().faults().dropRequests = {2}; // PAR[S] is 1; the first EAP PAR is lost

    p.bootstrap();
    EXPECT_FALSE(bothAuthenticated(p));
    p.advance(1500);

    EXPECT_TRUE(bothAuthenticated(p)) << p.notes().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(p.paa().retransmissions(), 1);
    EXPECT_EQ(p.pac().droppedRequests(), 1);
}

TEST(PanaSessions, ADuplicateRequestIsAnsweredFromTheCacheNotProcessedTwice) {
    PanaPair p;
    p.bootstrap();
    ASSERT_TRUE(bothAuthenticated(p));

    p.pac().faults().duplicateNextRequest = true;
    p.pac().terminate();
    p.pump();

    EXPECT_EQ(p.paa().duplicateRequests(), 1);
    EXPECT_EQ(p.paa().outcome().kind, PaaOutcome::Kind::Terminated);
    EXPECT_EQ(p.pac().outcome().kind, PacOutcome::Kind::Terminated);
}

TEST(PanaSessions, AReplayedSequenceNumberIsNeverProcessed) {
    PanaPair p;
    p.bootstrap();
    p.pac().ping();
    p.pump();

    Message ptr;
    ptr.type = MessageType::Termination;
    ptr.avps = {Avp::u32(AvpCode::TerminationCause, TerminationCause::Logout)};
    p.pac().sendReplayedRequest(ptr);
    p.pump();

    EXPECT_EQ(p.paa().state(), PaaSession::State::Open) << "a replayed PTR must not terminate";
    EXPECT_EQ(p.paa().duplicateRequests(), 1);
    EXPECT_TRUE(p.pac().ping());
    p.pump();
    EXPECT_EQ(p.pac().outcome().pingsAnswered, 2);
}

TEST(PanaSessions, AFinalParWithAWrongAuthIsNotBelieved) {
    PanaPair p;
    p.paa().faults().corruptNextAuth = true; // the first signed message is the PAR[C]

    p.bootstrap();

    EXPECT_EQ(p.pac().outcome().kind, PacOutcome::Kind::Pending);
    EXPECT_EQ(p.pac().outcome().rejectedFinalPars, 1);
    EXPECT_EQ(p.pac().outcome().finalAuth, AuthCheck::Invalid);
    EXPECT_TRUE(p.pac().lastDiscard().contains(QLatin1String("AUTH invalid")));
    EXPECT_NE(p.paa().outcome().kind, PaaOutcome::Kind::Authenticated);
}

TEST(PanaSessions, APingWithAWrongAuthIsDiscarded) {
    PanaPair p;
    p.bootstrap();

    p.pac().faults().corruptNextAuth = true;
    p.pac().ping();
    p.pump();

    EXPECT_EQ(p.paa().discardedMessages(), 1);
    EXPECT_TRUE(p.paa().lastDiscard().contains(QLatin1String("AUTH invalid")));
    EXPECT_EQ(p.pac().outcome().pingsAnswered, 0);
    EXPECT_EQ(p.paa().state(), PaaSession::State::Open);
}

TEST(PanaSessions, APeerThatStallsEndsTheSessionAfterTheRetransmissions) {
    pana::SessionConfig fast;
    fast.timers.request = {100, 400, 3, 0};
    PanaPair p({}, fast);
    p.pac().faults().stall = false;
    p.paa().start();
    p.pac().faults().stall = true; // the PaC goes silent before answering PAR[S]
    p.pump();

    p.advance(5000, 50);

    EXPECT_EQ(p.paa().outcome().kind, PaaOutcome::Kind::Failed);
    EXPECT_TRUE(p.paa().outcome().reason.contains(QLatin1String("after 3 retransmissions")))
        << p.paa().outcome().reason.toStdString();
    EXPECT_EQ(p.paa().retransmissions(), 3);
}

TEST(PanaSessions, RetransmissionTimeoutsDoubleWithJitterUpToTheMaximum) {
    pana::SessionConfig config;
    config.timers.request = {1000, 4000, 10, 0};
    PanaPair p({}, config);
    p.pac().faults().stall = true;
    p.paa().start();
    QList<qint64> retransmittedAt;
    for (int ms = 0; ms < 20000; ms += 10) {
        const int before = p.paa().retransmissions();
        p.clock().advanceMs(10);
        p.paa().onTimer();
        if (p.paa().retransmissions() != before) {
            retransmittedAt << ms + 10;
        }
    }

    ASSERT_GE(retransmittedAt.size(), 5);
    EXPECT_NEAR(retransmittedAt[0], 1000, 110);                      // IRT +- 10 %
    EXPECT_NEAR(retransmittedAt[1] - retransmittedAt[0], 2000, 320); // 2 RT +- RAND
    EXPECT_NEAR(retransmittedAt[3] - retransmittedAt[2], 4000, 410); // capped at MRT
    EXPECT_NEAR(retransmittedAt[4] - retransmittedAt[3], 4000, 410);
}

TEST(PanaSessions, AlgorithmsAreNegotiatedFromThePaaOffer) {
    pana::SessionConfig pac;
    pac.prfAlgorithms = {Prf::HmacSha2_256};
    pac.integrityAlgorithms = {Integrity::HmacSha2_256_128};
    pana::SessionConfig paa;
    paa.prfAlgorithms = {Prf::HmacSha1, Prf::HmacSha2_256};
    paa.integrityAlgorithms = {Integrity::HmacSha1_160, Integrity::HmacSha2_256_128};
    PanaPair p(pac, paa);

    p.bootstrap();

    ASSERT_TRUE(bothAuthenticated(p)) << p.notes().join(QLatin1Char('\n')).toStdString();
    EXPECT_EQ(p.paa().prf(), Prf::HmacSha2_256);
    EXPECT_EQ(p.paa().integrity(), Integrity::HmacSha2_256_128);
}

TEST(PanaSessions, NoCommonAlgorithmFailsThePaC) {
    pana::SessionConfig pac;
    pac.prfAlgorithms = {Prf::HmacSha2_256};
    PanaPair p(pac);

    p.bootstrap();

    EXPECT_EQ(p.pac().outcome().kind, PacOutcome::Kind::Failed);
    EXPECT_TRUE(p.pac().outcome().reason.contains(QLatin1String("PRF-Algorithm")));
}

TEST(PanaSessions, EapResponsesInPacParsWorkAsWellAsPiggybacked) {
    pana::SessionConfig pac;
    pac.piggybackEap = false;
    PanaPair p(pac);

    p.bootstrap();

    EXPECT_TRUE(bothAuthenticated(p)) << p.notes().join(QLatin1Char('\n')).toStdString();
    EXPECT_GT(p.sentToPaa, 10);
}

TEST(PanaSessions, ARejectedCertificateEndsWithAuthenticationRejected) {
    PanaPair p({}, {}, test::BootPki::get().rogueDevice);

    p.bootstrap();

    EXPECT_EQ(p.pac().outcome().kind, PacOutcome::Kind::Rejected);
    EXPECT_EQ(p.pac().outcome().resultCode, ResultCode::AuthenticationRejected);
    EXPECT_EQ(p.paa().outcome().kind, PaaOutcome::Kind::Rejected);
    EXPECT_FALSE(p.pac().hasKey());
}

TEST(PanaSessions, GarbageAndTruncatedDatagramsAreNotedNotFatal) {
    PanaPair p;
    p.bootstrap();

    p.paa().receive(QByteArray());
    p.paa().receive(QByteArray(3, '\xff'));
    p.pac().receive(QByteArray(20, '\0'));
    p.pac().receive(QByteArray(70000, 'x'));

    EXPECT_TRUE(bothAuthenticated(p));
    EXPECT_TRUE(p.pac().ping());
    p.pump();
    EXPECT_EQ(p.pac().outcome().pingsAnswered, 1);
}
