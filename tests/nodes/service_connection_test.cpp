// SPDX-License-Identifier: Apache-2.0
// The service connection and the secured bindings between the emulated D/G node and the
// reference NSCL: Kmr from the MAS over Diameter, Kmc on both sides, refusals with reasons,
// HTTP over TLS-PSK, CoAP over DTLS-PSK (block-wise, 4.09), the requestingEntity rules, Kmc
// expiry and re-connection, Kma on application registration.
#include "core/common/hex.h"
#include "core/protocol/mid/security_resources.h"
#include "core/protocol/mid/xml.h"
#include "core/trace/key_log.h"
#include "tests/nodes/secure_bed.h"
#include "tests/support/printers.h"

#include <QThread>

using namespace m2mbench;
using namespace m2mbench::test;
using nodes::MidBinding;
using Outcome = http::Exchange::Outcome;

namespace {

QByteArray sclXml(const QString &id, int searchStrings = 1) {
    QByteArray strings;
    for (int i = 0; i < searchStrings; ++i) {
        strings += "<m2m:searchString>tag-" + QByteArray::number(i) + "</m2m:searchString>";
    }
    return "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"" + id.toUtf8() +
           "\"><m2m:pocs><reference>http://gscl.invalid/m2m</reference></m2m:pocs>"
           "<m2m:searchStrings>" +
           strings + "</m2m:searchStrings></m2m:scl>";
}

/// The outputs of the trace's derivation records of a key, in order.
QList<QByteArray> outputsOf(const trace::Trace &trace, const QString &name) {
    QList<QByteArray> out;
    for (const auto &e : trace.since(0)) {
        if (e.kind == trace::EventKind::KeyDerivation && e.derivation &&
            e.derivation->name == name && e.derivation->formulaId == u"m2m_kdf") {
            out.append(e.derivation->output.exposeBytes());
        }
    }
    return out;
}

} // namespace

TEST(ServiceConnection, KmrFromTheMasGivesTheSameKmcOnBothSides) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::HttpsPsk);

    const auto r = bed.connect();

    ASSERT_TRUE(r.state) << r.detail.toStdString();
    EXPECT_TRUE(r.confirmed) << r.detail.toStdString() << r.paramSet.toStdString();
    EXPECT_EQ(r.cipher, QStringLiteral("PSK-AES128-GCM-SHA256"));
    EXPECT_GE(r.state->kmcIndex, nodes::kFirstKmcIndex); // never taken for a Kmr index
    EXPECT_EQ(r.state->sclId, kBedSclId);
    EXPECT_GT(r.state->expiry, QDateTime::currentDateTimeUtc());
    const auto kmc = outputsOf(bed.trace, QStringLiteral("Kmc"));
    ASSERT_EQ(kmc.size(), 2); // the node's and the NSCL's
    EXPECT_EQ(kmc[0], kmc[1]);
    EXPECT_EQ(kmc[0], r.state->kmc.exposeBytes());
    const auto doc = mid::parseXml(r.paramSet);
    ASSERT_TRUE(doc);
    const auto set = mid::decodeConnectionParamSet(*doc);
    ASSERT_TRUE(set);
    EXPECT_FALSE(set->key.equals(r.state->kmc)); // a confirmation travelled, not the key
    EXPECT_GE(bed.countEvents(trace::EventKind::MessageSent, QStringLiteral("ClientHello")), 1);
}

TEST(ServiceConnection, OnePortServesTheServiceConnectionAndTheMidSessions) {
    SecureBed bed;
    bed.start();
    auto c = bed.deviceConfig(MidBinding::HttpsPsk);
    c.security.connectionPort = 0; // the service connection goes to the HTTPS-PSK port
    bed.startDevice(c);

    const auto ex = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m")));
    const auto connections = bed.sut.invoke([&] { return bed.nscl->security()->connections(); });

    ASSERT_EQ(ex.transport.outcome, Outcome::Ok) << ex.transport.detail.toStdString();
    EXPECT_EQ(ex.decoded->httpStatus, 200);
    ASSERT_EQ(connections.size(), 1u);
    EXPECT_TRUE(connections.front().accepted);
}

TEST(ServiceConnection, AWrongKmrIsRefusedWithTheReasonOnBothSides) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::HttpsPsk);
    nodes::ConnectOptions wrong;
    wrong.kmr = bedKey('w');

    const auto r = bed.connect(wrong);

    EXPECT_FALSE(r.state);
    EXPECT_EQ(r.outcome, Outcome::HandshakeFailed);
    EXPECT_TRUE(r.detail.contains(QLatin1String("keys differ"))) << r.detail.toStdString();
    const auto refused = bed.sut.invoke([&] { return bed.nscl->security()->connections(); });
    ASSERT_FALSE(refused.empty());
    EXPECT_FALSE(refused.back().accepted);
    EXPECT_TRUE(refused.back().reason.contains(QLatin1String("holds another key")))
        << refused.back().reason.toStdString();
}

TEST(ServiceConnection, UnknownRevokedAndExpiredKmrAreRefused) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::HttpsPsk);
    bed.sut.invoke([&] {
        auto *s = bed.nscl->security();
        s->kmr().revoke(kBedNodeId, 2, QStringLiteral("stolen device"));
        diameter::KeyRecord old{kBedNodeId, 3, bedKey('o'),
                                QDateTime::currentDateTimeUtc().addSecs(1), kBedSclId};
        ASSERT_TRUE(bed.mas->store().put(old));
    });
    QThread::msleep(1100);

    nodes::ConnectOptions unknown;
    unknown.identity = QByteArray("ffeeddccbbaa99887766554433221100:1");
    const auto a = bed.connect(unknown);
    nodes::ConnectOptions revoked;
    revoked.identity = QByteArray("00112233445566778899aabbccddeeff:2");
    const auto b = bed.connect(revoked);
    nodes::ConnectOptions expired;
    expired.identity = QByteArray("00112233445566778899aabbccddeeff:3");
    expired.kmr = bedKey('o');
    const auto c = bed.connect(expired);

    for (const auto *r : {&a, &b, &c}) {
        EXPECT_EQ(r->outcome, Outcome::HandshakeFailed);
        EXPECT_TRUE(r->detail.contains(QLatin1String("unknown_psk_identity")))
            << r->detail.toStdString();
    }
    const auto seen = bed.sut.invoke([&] { return bed.nscl->security()->connections(); });
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_TRUE(seen[0].reason.contains(QLatin1String("Result-Code 5030")));
    EXPECT_TRUE(seen[1].reason.contains(QLatin1String("revoked")));
    EXPECT_TRUE(seen[2].reason.contains(QLatin1String("expired")));
}

TEST(SecuredMid, HttpOverTlsPskKeyedByKmcWithTheKeyLog) {
    SecureBed bed;
    bed.start();
    trace::KeyLogWriter log(QString(), false);
    bed.trace.addObserver(&log);
    bed.startDevice(MidBinding::HttpsPsk);

    const auto ex = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m")));

    ASSERT_EQ(ex.transport.outcome, Outcome::Ok) << ex.transport.detail.toStdString();
    EXPECT_EQ(ex.decoded->httpStatus, 200);
    EXPECT_TRUE(ex.transport.response.body.contains("sclBase"));
    // service connection and mId session, each reported by both sides
    EXPECT_EQ(log.lineCount(), 4);
    bed.trace.removeObserver(&log);
}

TEST(SecuredMid, RequestingEntityIsRequiredAndMustBeTheNodesScl) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::HttpsPsk);

    const auto none = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m"), {}, {}));
    const auto other = bed.send(
        midRequest(mid::Method::Retrieve, QStringLiteral("/m2m"), {}, QStringLiteral("gscl-x")));
    const auto below = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m"), {},
                                           kBedSclId + QStringLiteral("/applications/a1")));
    const auto coapNone = bed.send(
        midRequest(mid::Method::Retrieve, QStringLiteral("/m2m"), {}, {}), MidBinding::Coaps);

    EXPECT_EQ(none.decoded->httpStatus, 401);
    EXPECT_EQ(other.decoded->httpStatus, 403);
    EXPECT_EQ(below.decoded->httpStatus, 200);
    ASSERT_TRUE(coapNone.coapResponse);
    EXPECT_EQ(coapNone.coapResponse->code, coap::code(4, 1));
}

TEST(SecuredMid, CoapOverDtlsRegistersBlockWiseAndAnswers409OnADuplicate) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::Coaps);
    const QByteArray big = sclXml(kBedSclId, 150); // > 1024 octets: Block1 up, Block2 down

    const auto created =
        bed.send(midRequest(mid::Method::Create, QStringLiteral("/m2m/scls"), big));
    const auto again = bed.send(midRequest(mid::Method::Create, QStringLiteral("/m2m/scls"), big));
    const auto read =
        bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m/scls/") + kBedSclId));

    ASSERT_EQ(created.transport.outcome, Outcome::Ok) << created.transport.detail.toStdString();
    EXPECT_EQ(created.coapResponse->code, coap::code(2, 1));
    EXPECT_EQ(created.decoded->primitive.location, QStringLiteral("/m2m/scls/") + kBedSclId);
    EXPECT_EQ(again.coapResponse->code, coap::code(4, 9));
    EXPECT_EQ(again.decoded->status, mid::StatusCode::Conflict);
    ASSERT_EQ(read.transport.outcome, Outcome::Ok);
    EXPECT_EQ(read.coapResponse->code, coap::code(2, 5));
    EXPECT_GT(read.coapResponse->payload.size(), 1024);
    EXPECT_TRUE(read.coapResponse->payload.contains("tag-149"));
}

TEST(SecuredMid, AnExpiredKmcRefusedByTheNsclLeadsToANewServiceConnection) {
    SecureBed bed;
    bed.start();
    auto c = bed.deviceConfig(MidBinding::HttpsPsk);
    c.security.requestedKmcLifetimeSeconds = 1;
    c.security.reconnectMarginMs = -60000; // the node trusts its Kmc too long: the NSCL must refuse
    bed.startDevice(c);

    const auto first = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m")));
    const quint32 firstIndex = bed.net.invoke([&] { return bed.device->connection()->kmcIndex; });
    bed.net.invoke([&] { bed.device->setProperty("drop", true); });
    QThread::msleep(1300);
    // a fresh TLS connection (the kept-alive one would still work: the key is checked per
    // handshake), so the NSCL sees the expired Kmc
    bed.net.invoke([&] { bed.device->cancelAll(); });
    const auto second =
        bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m")), MidBinding::Coaps);
    const quint32 secondIndex = bed.net.invoke([&] { return bed.device->connection()->kmcIndex; });

    ASSERT_EQ(first.transport.outcome, Outcome::Ok);
    ASSERT_EQ(second.transport.outcome, Outcome::Ok) << second.transport.detail.toStdString();
    EXPECT_EQ(second.coapResponse->code, coap::code(2, 5));
    EXPECT_EQ(secondIndex, firstIndex + 1);
    EXPECT_GE(bed.countEvents(trace::EventKind::Log, QStringLiteral("expired")), 1);
}

TEST(SecuredMid, ApplicationRegistrationDerivesKmaOnBothSides) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::HttpsPsk);
    const QByteArray app =
        "<m2m:application xmlns:m2m=\"http://uri.etsi.org/m2m\" appId=\"app-01\"/>";

    const auto ex =
        bed.send(midRequest(mid::Method::Create, QStringLiteral("/m2m/applications"), app));
    const auto kma =
        bed.net.invoke([&] { return bed.device->deriveKma(QStringLiteral("app-01")); });

    ASSERT_EQ(ex.transport.outcome, Outcome::Ok);
    EXPECT_EQ(ex.decoded->httpStatus, 201);
    ASSERT_TRUE(kma);
    const auto outputs = outputsOf(bed.trace, QStringLiteral("Kma"));
    ASSERT_EQ(outputs.size(), 2);
    EXPECT_EQ(outputs[0], outputs[1]);
    EXPECT_EQ(outputs[0], kma->value.exposeBytes());
}

TEST(SecuredMid, PlainCoapCarriesRequestingEntityInUriQuery) {
    SecureBed bed;
    bed.start();
    bed.startDevice(MidBinding::Coap);

    const auto ex = bed.send(midRequest(mid::Method::Retrieve, QStringLiteral("/m2m")));

    ASSERT_EQ(ex.transport.outcome, Outcome::Ok) << ex.transport.detail.toStdString();
    EXPECT_EQ(ex.coapResponse->code, coap::code(2, 5));
    const auto sent = coap::Message::decode(ex.transport.rawRequest);
    ASSERT_TRUE(sent);
    EXPECT_TRUE(sent->uriQueries().contains(QStringLiteral("RequestingEntity=") + kBedSclId));
}
