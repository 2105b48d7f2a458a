// SPDX-License-Identifier: Apache-2.0
// The device, the MSBF and the MAS over real sockets on 127.0.0.1: a bootstrap end to end, the
// pass-through through a RADIUS front end, refusals, the MAS's persistence, and garbage.
#include "core/nodes/msbf/bootstrap_params.h"
#include "core/protocol/decode.h"
#include "core/protocol/mid/xsd_validator.h"
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <QTemporaryDir>
#include <QUdpSocket>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using test::BootBed;
using test::BootPki;

namespace {

MasAnswer retrieveFromMas(BootBed &bed, const QByteArray &nodeId, quint32 index) {
    auto done = std::make_shared<std::promise<MasAnswer>>();
    auto future = done->get_future();
    MasClient *client = nullptr;
    bed.net.invoke([&] {
        MasClientConfig c;
        c.profile = test::bootProfile().bootstrap;
        c.port = bed.masPort;
        c.originHost = QStringLiteral("nscl.m2mbench.test");
        c.lifeline = QStringLiteral("NSCL");
        client = new MasClient(c, &bed.trace);
        client->retrieve(nodeId, index, 3000, [done](const MasAnswer &a) { done->set_value(a); });
    });
    MasAnswer a = future.get();
    bed.net.invoke([&] { delete client; });
    return a;
}

} // namespace

TEST(BootNodes, DeviceBootstrapsAndTheMasHoldsTheSameKmr) {
    BootBed bed;
    bed.startMas();
    bed.startMsbf();

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    ASSERT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
    EXPECT_EQ(r.nodeId, BootPki::get().nodeId);
    EXPECT_EQ(r.sclId, QStringLiteral("gscl-test-01"));
    EXPECT_EQ(r.nsclList, QStringList{QStringLiteral("nscl.m2mbench.test")});
    EXPECT_EQ(r.kmrIndex, 1u);
    EXPECT_EQ(r.kmrSource, QStringLiteral("EMSK"));
    EXPECT_EQ(r.finalAuth, pana::AuthCheck::Valid);
    EXPECT_EQ(r.kmr.value.size(), 32u);
    ASSERT_TRUE(bed.msbfWait([](const MsbfSessionInfo &i) {
        return i.outcome == MsbfSessionInfo::Outcome::Bootstrapped;
    }));
    const auto info = bed.msbfInfo();
    EXPECT_TRUE(info->kmr.value.equals(r.kmr.value)) << "device and MSBF must derive the same Kmr";
    EXPECT_TRUE(info->masProvisioned) << info->masResult.toStdString();
    const MasAnswer stored = retrieveFromMas(bed, r.nodeId, r.kmrIndex);
    ASSERT_TRUE(stored.ok) << stored.errorMessage.toStdString();
    ASSERT_TRUE(stored.record.has_value());
    EXPECT_TRUE(stored.record->key.equals(r.kmr.value)) << "the MAS holds the device's Kmr";
    EXPECT_EQ(stored.record->sclId, QStringLiteral("gscl-test-01"));
}

TEST(BootNodes, TheTraceHoldsEveryMessageDecodableAndTheKeyTree) {
    BootBed bed;
    bed.startMsbf();

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    ASSERT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
    int pana = 0;
    bool sawTlsInsideEap = false;
    QStringList derived;
    for (const trace::Event &e : bed.trace.since(0)) {
        if (e.isMessage() && e.protocol == u"PANA") {
            ++pana;
            const auto fields = protocol::decodedFields(e);
            ASSERT_FALSE(fields.isEmpty());
            EXPECT_FALSE(fields.first().value.startsWith(QLatin1String("PANA:")))
                << e.summary.toStdString();
            sawTlsInsideEap = sawTlsInsideEap || e.summary.contains(QLatin1String("ClientHello"));
        }
        if (e.kind == trace::EventKind::KeyDerivation && e.from.isEmpty() && e.derivation &&
            e.derivation->id.startsWith(QLatin1String("D/G node."))) {
            derived << e.derivation->name;
        }
    }
    EXPECT_GT(pana, 10);
    EXPECT_TRUE(sawTlsInsideEap);
    EXPECT_TRUE(derived.contains(QStringLiteral("Key_Material")));
    EXPECT_TRUE(derived.contains(QStringLiteral("EMSK")));
    EXPECT_TRUE(derived.contains(QStringLiteral("Kmr")));
    EXPECT_TRUE(derived.contains(QStringLiteral("PANA_AUTH_KEY")));
    EXPECT_EQ(r.kmr.recordId.isEmpty(), false);
}

TEST(BootNodes, BootstrapParamSetIsValidAgainstTheSchema) {
    if (test::xsdDir().isEmpty()) {
        GTEST_SKIP() << "SKIPPED: TS 102 921 schemas not found at "
                     << test::xsdDirSearched().toStdString();
    }
    BootBed bed;
    bed.startMsbf();

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    ASSERT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
    auto validator = mid::XsdValidator::open(test::xsdDir());
    ASSERT_TRUE(validator);
    auto valid = (*validator)->validate(r.bootstrapParamSet, QStringLiteral("bootstrapParamSet"));
    EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString()) << "\n"
                       << r.bootstrapParamSet.toStdString();
}

TEST(BootNodes, PassThroughToAnAaaGivesKmrFromTheMsk) {
    BootBed bed;
    // The AAA server: a second MSBF's RADIUS front end (hostapd plays it in tests/interop).
    quint16 radiusPort = 0;
    MsbfNode *aaa = nullptr;
    bed.sut.invoke([&] {
        MsbfConfig c;
        c.profile = test::bootProfile();
        c.credential = BootPki::get().msbf;
        c.caPem = BootPki::get().ca.certificatePem;
        c.devices = {test::bootDevice()};
        c.port = 0;
        aaa = new MsbfNode(c);
        radiusPort = *aaa->listenRadius(QHostAddress::LocalHost, 0, "radius-secret");
    });
    MsbfConfig front;
    front.aaa = radius::ClientConfig{QHostAddress::LocalHost, radiusPort, "radius-secret", 2000, 1};
    bed.startMsbf(front);

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    ASSERT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
    EXPECT_EQ(r.kmrSource, QStringLiteral("MSK"));
    ASSERT_TRUE(bed.msbfWait([](const MsbfSessionInfo &i) {
        return i.outcome == MsbfSessionInfo::Outcome::Bootstrapped;
    }));
    EXPECT_TRUE(bed.msbfInfo()->kmr.value.equals(r.kmr.value));
    bed.sut.invoke([&] { delete aaa; });
}

TEST(BootNodes, UnknownIdentityAndForeignCertificateAreRejected) {
    BootBed bed;
    bed.startMsbf();
    DeviceBootstrapConfig stranger = bed.deviceConfig();
    stranger.identity = QStringLiteral("stranger@elsewhere.example");
    DeviceBootstrapConfig rogue = bed.deviceConfig();
    rogue.credential = BootPki::get().rogueDevice;

    const BootstrapResult r1 = bed.bootstrap(stranger);
    const BootstrapResult r2 = bed.bootstrap(rogue);

    EXPECT_EQ(r1.outcome, BootstrapResult::Outcome::Rejected) << r1.reason.toStdString();
    EXPECT_EQ(r1.resultCode, pana::ResultCode::AuthenticationRejected);
    EXPECT_EQ(r2.outcome, BootstrapResult::Outcome::Rejected) << r2.reason.toStdString();
    EXPECT_TRUE(r2.kmr.value.isEmpty());
}

TEST(BootNodes, AnUnreachableMasEndsInAuthorizationRejected) {
    BootBed bed;
    MsbfConfig c;
    QUdpSocket probe; // a port nobody listens on for TCP: bind, note, release
    probe.bind(QHostAddress::LocalHost, 0);
    c.mas = MsbfConfig::Mas{QStringLiteral("127.0.0.1"), probe.localPort(), 1000, true};
    probe.close();
    bed.startMsbf(c);

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    EXPECT_EQ(r.outcome, BootstrapResult::Outcome::Rejected) << r.reason.toStdString();
    EXPECT_EQ(r.resultCode, pana::ResultCode::AuthorizationRejected);
}

TEST(BootNodes, PaaInitiatedBootstrapWorks) {
    BootBed bed;
    bed.startMsbf();
    DeviceBootstrapConfig c = bed.deviceConfig();
    c.sendPci = false;
    auto done = std::make_shared<std::promise<BootstrapResult>>();
    auto future = done->get_future();
    quint16 devicePort = 0;
    bed.net.invoke([&] {
        bed.device = new DeviceBootstrap(c, &bed.trace);
        ASSERT_TRUE(bed.device->start());
        devicePort = bed.device->localPort();
        DeviceBootstrap *d = bed.device;
        d->waitFor([d] { return d->result().outcome != BootstrapResult::Outcome::Pending; }, 8000,
                   [d, done](bool) { done->set_value(d->result()); });
    });

    bed.sut.invoke([&] { ASSERT_TRUE(bed.msbf->initiate(QHostAddress::LocalHost, devicePort)); });

    const BootstrapResult r = future.get();
    EXPECT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
}

TEST(BootNodes, MasKeysSurviveARestart) {
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("mas.db"));
    diameter::KeyRecord record{
        BootPki::get().nodeId, 7, SecureBytes::fromByteArray(QByteArray(32, 'k')),
        QDateTime::currentDateTimeUtc().addDays(1), QStringLiteral("gscl-x")};
    {
        auto store = MasStore::open(db);
        ASSERT_TRUE(store);
        ASSERT_TRUE((*store)->put(record));
    }
    EXPECT_EQ(QFile(db).permissions() & (QFile::ReadOther | QFile::ReadGroup),
              QFile::Permissions());

    auto again = MasStore::open(db);
    ASSERT_TRUE(again);
    auto got = (*again)->get(record.nodeId, 0);

    ASSERT_TRUE(got && got->has_value());
    EXPECT_EQ((**got).keyIndex, 7u);
    EXPECT_TRUE((**got).key.equals(record.key));
    EXPECT_EQ((**got).sclId, QStringLiteral("gscl-x"));
}

TEST(BootNodes, GarbageDatagramsDoNotDisturbTheMsbf) {
    BootBed bed;
    bed.startMsbf();
    QUdpSocket attacker;
    attacker.bind(QHostAddress::LocalHost, 0);
    for (const QByteArray &junk :
         {QByteArray(), QByteArray(3, 'x'), QByteArray(16, '\0'), QByteArray(9000, 'A'),
          QByteArray::fromHex("0000001080020000123456780000000")}) {
        attacker.writeDatagram(junk, QHostAddress::LocalHost, bed.msbfPort);
    }

    const BootstrapResult r = bed.bootstrap(bed.deviceConfig());

    EXPECT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
}

TEST(BootNodes, BootstrapWorksOverIpv6) {
    BootBed bed;
    MsbfConfig c;
    c.address = QHostAddress(QHostAddress::LocalHostIPv6);
    bed.startMsbf(c);
    DeviceBootstrapConfig d = bed.deviceConfig();
    d.msbfHost = QStringLiteral("::1");
    d.bindAddress = QHostAddress(QHostAddress::LocalHostIPv6);

    const BootstrapResult r = bed.bootstrap(d);

    EXPECT_EQ(r.outcome, BootstrapResult::Outcome::Bootstrapped) << r.reason.toStdString();
}
